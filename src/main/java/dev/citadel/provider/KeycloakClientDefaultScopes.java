package dev.citadel.provider;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.List;

/** {@code keycloak:openid/clientDefaultScopes:ClientDefaultScopes}: a client's default client scopes, the whole set (scopes not named are detached). */
@ResourceType(type = KeycloakClientDefaultScopes.TYPE)
public final class KeycloakClientDefaultScopes extends CustomResource {
    public static final String TYPE = dev.citadel.contract.KeycloakObjects.CLIENT_DEFAULT_SCOPES;

    public KeycloakClientDefaultScopes(String name, Args args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Plugin.KEYCLOAK.pin(options));
    }

    public static final class Args extends ResourceArgs {
        @Import(name = "realmId", required = true) private Output<String> realmId;
        @Import(name = "clientId", required = true) private Output<String> clientId;
        @Import(name = "defaultScopes", required = true) private Output<List<String>> defaultScopes;

        public Args realmId(Output<String> v) { this.realmId = v; return this; }
        /** The client's Keycloak id (its UUID), not its client id. */
        public Args clientId(Output<String> v) { this.clientId = v; return this; }
        /** Scope names. */
        public Args defaultScopes(List<String> v) { this.defaultScopes = Output.of(List.copyOf(v)); return this; }
    }
}
