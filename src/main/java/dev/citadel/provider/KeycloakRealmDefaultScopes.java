package dev.citadel.provider;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.List;

/** {@code keycloak:index/realmDefaultClientScopes:RealmDefaultClientScopes}: the default client scopes a new client of the realm starts with. */
@ResourceType(type = KeycloakRealmDefaultScopes.TYPE)
public final class KeycloakRealmDefaultScopes extends CustomResource {
    public static final String TYPE = "keycloak:index/realmDefaultClientScopes:RealmDefaultClientScopes";

    public KeycloakRealmDefaultScopes(String name, Args args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Plugin.KEYCLOAK.pin(options));
    }

    public static final class Args extends ResourceArgs {
        @Import(name = "realmId", required = true) private Output<String> realmId;
        @Import(name = "defaultScopes", required = true) private Output<List<String>> defaultScopes;

        public Args realmId(Output<String> v) { this.realmId = v; return this; }
        /** Scope names. */
        public Args defaultScopes(List<String> v) { this.defaultScopes = Output.of(List.copyOf(v)); return this; }
    }
}
