package dev.citadel.provider;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.List;

/** {@code keycloak:index/defaultGroups:DefaultGroups}: the groups every new user of the realm joins (the whole set). */
@ResourceType(type = KeycloakDefaultGroups.TYPE)
public final class KeycloakDefaultGroups extends CustomResource {
    public static final String TYPE = "keycloak:index/defaultGroups:DefaultGroups";

    public KeycloakDefaultGroups(String name, Args args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Plugin.KEYCLOAK.pin(options));
    }

    public static final class Args extends ResourceArgs {
        @Import(name = "realmId", required = true) private Output<String> realmId;
        @Import(name = "groupIds", required = true) private Output<List<String>> groupIds;

        public Args realmId(Output<String> v) { this.realmId = v; return this; }
        public Args groupIds(Output<List<String>> v) { this.groupIds = v; return this; }
    }
}
