package dev.citadel.provider;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.List;

/** {@code postgresql:index/grant:Grant}: privileges of a role on a database, schema or its objects. */
@ResourceType(type = PostgresqlGrant.TYPE)
public final class PostgresqlGrant extends CustomResource {
    public static final String TYPE = "postgresql:index/grant:Grant";

    public PostgresqlGrant(String name, Args args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Plugin.POSTGRESQL.pin(options));
    }

    public static final class Args extends ResourceArgs {
        @Import(name = "database", required = true) private Output<String> database;
        @Import(name = "role", required = true) private Output<String> role;
        @Import(name = "schema") private Output<String> schema;
        @Import(name = "objectType", required = true) private Output<String> objectType;
        @Import(name = "privileges", required = true) private Output<List<String>> privileges;

        public Args database(String v) { this.database = Output.of(v); return this; }
        public Args role(String v) { this.role = Output.of(v); return this; }
        public Args schema(String v) { this.schema = Output.of(v); return this; }
        public Args objectType(String v) { this.objectType = Output.of(v); return this; }
        public Args privileges(List<String> v) { this.privileges = Output.of(v); return this; }
    }
}
