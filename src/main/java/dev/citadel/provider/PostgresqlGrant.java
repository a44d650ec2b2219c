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
        @Import(name = "objects") private Output<List<String>> objects;
        @Import(name = "withGrantOption") private Output<Boolean> withGrantOption;

        public Args database(Output<String> v) { this.database = v; return this; }
        public Args role(Output<String> v) { this.role = v; return this; }
        public Args schema(String v) { this.schema = Output.of(v); return this; }
        public Args objectType(String v) { this.objectType = Output.of(v); return this; }
        public Args privileges(List<String> v) { this.privileges = Output.of(v); return this; }
        public Args objects(List<String> v) { this.objects = Output.of(v); return this; }
        public Args withGrantOption(boolean v) { this.withGrantOption = Output.of(v); return this; }
    }
}
