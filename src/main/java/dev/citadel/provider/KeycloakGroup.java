package dev.citadel.provider;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;

/** {@code keycloak:index/group:Group}: a realm group; a sub-group names its parent's id. */
@ResourceType(type = KeycloakGroup.TYPE)
public final class KeycloakGroup extends CustomResource {
    public static final String TYPE = dev.citadel.contract.KeycloakObjects.GROUP;

    public KeycloakGroup(String name, Args args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Plugin.KEYCLOAK.pin(options));
    }

    public static final class Args extends ResourceArgs {
        @Import(name = "realmId", required = true) private Output<String> realmId;
        @Import(name = "name") private Output<String> name;
        @Import(name = "parentId") private Output<String> parentId;

        public Args realmId(Output<String> v) { this.realmId = v; return this; }
        public Args name(String v) { this.name = Output.of(v); return this; }
        public Args parentId(Output<String> v) { this.parentId = v; return this; }
    }
}
