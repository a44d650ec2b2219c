package dev.citadel.provider;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;

/** {@code postgresql:index/database:Database}. */
@ResourceType(type = PostgresqlDatabase.TYPE)
public final class PostgresqlDatabase extends CustomResource {
    public static final String TYPE = "postgresql:index/database:Database";

    public PostgresqlDatabase(String name, Args args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Plugin.POSTGRESQL.pin(options));
    }

    public static final class Args extends ResourceArgs {
        @Import(name = "name") private Output<String> name;
        @Import(name = "owner") private Output<String> owner;
        @Import(name = "template") private Output<String> template;
        @Import(name = "encoding") private Output<String> encoding;
        @Import(name = "connectionLimit") private Output<Integer> connectionLimit;
        @Import(name = "allowConnections") private Output<Boolean> allowConnections;

        public Args name(String v) { this.name = Output.of(v); return this; }
        public Args owner(String v) { this.owner = Output.of(v); return this; }
        public Args template(String v) { this.template = Output.of(v); return this; }
        public Args encoding(String v) { this.encoding = Output.of(v); return this; }
        public Args connectionLimit(int v) { this.connectionLimit = Output.of(v); return this; }
        public Args allowConnections(boolean v) { this.allowConnections = Output.of(v); return this; }
    }
}
