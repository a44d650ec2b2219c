package dev.citadel.provider;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;

/** {@code keycloak:openid/audienceProtocolMapper:AudienceProtocolMapper}: a client id in the tokens' {@code aud}, on a client. */
@ResourceType(type = KeycloakAudienceMapper.TYPE)
public final class KeycloakAudienceMapper extends CustomResource {
    public static final String TYPE = dev.citadel.contract.KeycloakObjects.AUDIENCE_MAPPER;

    public KeycloakAudienceMapper(String name, Args args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Plugin.KEYCLOAK.pin(options));
    }

    public static final class Args extends ResourceArgs {
        @Import(name = "realmId", required = true) private Output<String> realmId;
        @Import(name = "clientId") private Output<String> clientId;
        @Import(name = "name") private Output<String> name;
        @Import(name = "includedClientAudience") private Output<String> includedClientAudience;
        @Import(name = "addToIdToken") private Output<Boolean> addToIdToken;
        @Import(name = "addToAccessToken") private Output<Boolean> addToAccessToken;
        @Import(name = "addToTokenIntrospection") private Output<Boolean> addToTokenIntrospection;

        public Args realmId(Output<String> v) { this.realmId = v; return this; }
        /** The client's Keycloak id (its UUID), not its client id. */
        public Args clientId(Output<String> v) { this.clientId = v; return this; }
        public Args name(String v) { this.name = Output.of(v); return this; }
        public Args includedClientAudience(String v) { this.includedClientAudience = Output.of(v); return this; }
        public Args addToIdToken(boolean v) { this.addToIdToken = Output.of(v); return this; }
        public Args addToAccessToken(boolean v) { this.addToAccessToken = Output.of(v); return this; }
        public Args addToTokenIntrospection(boolean v) { this.addToTokenIntrospection = Output.of(v); return this; }
    }
}
