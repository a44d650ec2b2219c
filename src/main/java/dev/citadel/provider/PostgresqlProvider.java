package dev.citadel.provider;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;

/** {@code pulumi:providers:postgresql}: the connection the role, database and grant resources run over. */
public final class PostgresqlProvider extends ProviderResource {

    public PostgresqlProvider(String name, Args args, @Nullable CustomResourceOptions options) {
        super(Plugin.POSTGRESQL.pkg(), name, args, Plugin.POSTGRESQL.pin(options, "password"));
    }

    public static final class Args extends ResourceArgs {
        @Import(name = "host") private Output<String> host;
        @Import(name = "port") private Output<Integer> port;
        @Import(name = "database") private Output<String> database;
        @Import(name = "username") private Output<String> username;
        @Import(name = "password") private Output<String> password;
        @Import(name = "sslmode") private Output<String> sslmode;
        @Import(name = "sslrootcert") private Output<String> sslrootcert;
        @Import(name = "superuser") private Output<Boolean> superuser;
        @Import(name = "expectedVersion") private Output<String> expectedVersion;
        @Import(name = "connectTimeout") private Output<Integer> connectTimeout;

        public Args host(Output<String> v) { this.host = v; return this; }
        public Args port(Output<Integer> v) { this.port = v; return this; }
        public Args database(String v) { this.database = Output.of(v); return this; }
        public Args username(String v) { this.username = Output.of(v); return this; }
        /** Always a secret, whatever the caller passed. */
        public Args password(Output<String> v) { this.password = v.asSecret(); return this; }
        public Args sslmode(String v) { this.sslmode = Output.of(v); return this; }
        /** The PEM file, on the machine running pulumi up, the server's certificate must chain to. */
        public Args sslrootcert(String path) { this.sslrootcert = Output.of(path); return this; }
        public Args superuser(boolean v) { this.superuser = Output.of(v); return this; }
        public Args expectedVersion(String v) { this.expectedVersion = Output.of(v); return this; }
        public Args connectTimeout(int seconds) { this.connectTimeout = Output.of(seconds); return this; }
    }
}
