package dev.citadel.provider;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;

/** {@code keycloak:openid/clientScope:ClientScope}: an openid-connect client scope; its mappers name its id. */
@ResourceType(type = KeycloakClientScope.TYPE)
public final class KeycloakClientScope extends CustomResource {
    public static final String TYPE = dev.citadel.contract.KeycloakObjects.CLIENT_SCOPE;

    public KeycloakClientScope(String name, Args args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Plugin.KEYCLOAK.pin(options));
    }

    public static final class Args extends ResourceArgs {
        @Import(name = "realmId", required = true) private Output<String> realmId;
        @Import(name = "name") private Output<String> name;
        @Import(name = "description") private Output<String> description;
        @Import(name = "includeInTokenScope") private Output<Boolean> includeInTokenScope;

        public Args realmId(Output<String> v) { this.realmId = v; return this; }
        public Args name(String v) { this.name = Output.of(v); return this; }
        public Args description(String v) { this.description = Output.of(v); return this; }
        public Args includeInTokenScope(boolean v) { this.includeInTokenScope = Output.of(v); return this; }
    }
}
