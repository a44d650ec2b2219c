package dev.citadel.provider;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;

/** {@code postgresql:index/grantRole:GrantRole}: membership of {@code role} in {@code grantRole}. */
@ResourceType(type = PostgresqlGrantRole.TYPE)
public final class PostgresqlGrantRole extends CustomResource {
    public static final String TYPE = "postgresql:index/grantRole:GrantRole";

    public PostgresqlGrantRole(String name, Args args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Plugin.POSTGRESQL.pin(options));
    }

    public static final class Args extends ResourceArgs {
        @Import(name = "role", required = true) private Output<String> role;
        @Import(name = "grantRole", required = true) private Output<String> grantRole;
        @Import(name = "withAdminOption") private Output<Boolean> withAdminOption;

        /** The member. */
        public Args role(String v) { this.role = Output.of(v); return this; }
        /** The role it becomes a member of. */
        public Args grantRole(String v) { this.grantRole = Output.of(v); return this; }
        public Args withAdminOption(boolean v) { this.withAdminOption = Output.of(v); return this; }
    }
}
