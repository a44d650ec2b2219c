package dev.citadel.provider;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;

/** {@code postgresql:index/role:Role}: a login or group role. */
@ResourceType(type = PostgresqlRole.TYPE)
public final class PostgresqlRole extends CustomResource {
    public static final String TYPE = "postgresql:index/role:Role";

    public PostgresqlRole(String name, Args args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Plugin.POSTGRESQL.pin(options, "password"));
    }


    public static final class Args extends ResourceArgs {
        @Import(name = "name") private Output<String> name;
        @Import(name = "login") private Output<Boolean> login;
        @Import(name = "password") private Output<String> password;
        @Import(name = "createDatabase") private Output<Boolean> createDatabase;
        @Import(name = "createRole") private Output<Boolean> createRole;
        @Import(name = "superuser") private Output<Boolean> superuser;
        @Import(name = "inherit") private Output<Boolean> inherit;
        @Import(name = "connectionLimit") private Output<Integer> connectionLimit;

        public Args name(String v) { this.name = Output.of(v); return this; }
        public Args login(boolean v) { this.login = Output.of(v); return this; }
        /** Always a secret, whatever the caller passed. */
        public Args password(Output<String> v) { this.password = v.asSecret(); return this; }
        public Args createDatabase(boolean v) { this.createDatabase = Output.of(v); return this; }
        public Args createRole(boolean v) { this.createRole = Output.of(v); return this; }
        public Args superuser(boolean v) { this.superuser = Output.of(v); return this; }
        public Args inherit(boolean v) { this.inherit = Output.of(v); return this; }
        public Args connectionLimit(int v) { this.connectionLimit = Output.of(v); return this; }
    }
}
