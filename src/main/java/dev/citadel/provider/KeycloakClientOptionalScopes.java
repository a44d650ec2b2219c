package dev.citadel.provider;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.List;

/** {@code keycloak:openid/clientOptionalScopes:ClientOptionalScopes}: a client's optional client scopes, the whole set. */
@ResourceType(type = KeycloakClientOptionalScopes.TYPE)
public final class KeycloakClientOptionalScopes extends CustomResource {
    public static final String TYPE = "keycloak:openid/clientOptionalScopes:ClientOptionalScopes";

    public KeycloakClientOptionalScopes(String name, Args args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Plugin.KEYCLOAK.pin(options));
    }

    public static final class Args extends ResourceArgs {
        @Import(name = "realmId", required = true) private Output<String> realmId;
        @Import(name = "clientId", required = true) private Output<String> clientId;
        @Import(name = "optionalScopes", required = true) private Output<List<String>> optionalScopes;

        public Args realmId(Output<String> v) { this.realmId = v; return this; }
        /** The client's Keycloak id (its UUID), not its client id. */
        public Args clientId(Output<String> v) { this.clientId = v; return this; }
        /** Scope names. */
        public Args optionalScopes(List<String> v) { this.optionalScopes = Output.of(List.copyOf(v)); return this; }
    }
}
