package dev.citadel.database;

import dev.citadel.database.peers.Peers;
import dev.citadel.database.peers.Pgbouncer;
import dev.citadel.database.peers.PostgresInstance;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 23, pgbouncer.ini and postgresql.conf: a Pooler parameter or a PostgreSQL {@code parameter(...)} from stack config
 * is refused at build() with one line, or it is exactly one value of its {@code key = value} line as CNPG writes it.
 * The real programs read it back: pgbouncer 1.18's SHOW CONFIG, and PostgreSQL 15's {@code postgres -C} on the
 * configuration file (no extra setting appears: {@code ssl} stays as initdb left it).
 */
class ConfigParameterProperties {
    private static PostgresInstance pg;

    @BeforeContainer
    static void start() throws Exception {
        pg = PostgresInstance.init().start();
    }

    @AfterContainer
    static void stop() {
        pg.close();
    }

    @Provide
    Arbitrary<String> values() {
        var random = Arbitraries.strings().withChars("ab1 '\";#=\\\r\n\t%$[]é\u2028").ofMinLength(0).ofMaxLength(12);
        return Arbitraries.oneOf(random, Arbitraries.of("x\nssl = off", "x'\nssl = off\n#", "DISCARD ALL ", "a;b", "'quoted'"));
    }

    /** Values each target could read differently (a comment sign, quotes, a percent) are accepted and read back as given. */
    @net.jqwik.api.Example
    void valuesWithCommentSignsAndQuotesAreReadBackAsGiven() throws Exception {
        for (var v : List.of("DISCARD ALL", "a;b # c", "'quoted' \"too\"", "%m [%p] é")) {
            aPoolerParameterIsRefusedOrOnePgbouncerValue(v);
            aPostgresqlParameterIsRefusedOrOneConfValue(v);
        }
    }

    @Property(tries = 8)
    void aPoolerParameterIsRefusedOrOnePgbouncerValue(@ForAll("values") String value) throws Exception {
        var pooler = Pooler.rw(Pooler.Mode.SESSION).withParameter("server_reset_query", value);
        try {
            pooler.validate();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u2028");
            return;
        }
        var parameters = new java.util.TreeMap<>(pooler.renderedParameters());
        parameters.put("admin_users", "postgres");
        try (var bouncer = Pgbouncer.start(pg, "session", parameters)) {
            var r = Peers.run(List.of("/usr/bin/psql", "-X", "-A", "-t", "-F", "\t", "-h", "127.0.0.1", "-p",
                    Integer.toString(bouncer.port()), "-U", "postgres", "-d", "pgbouncer", "-c", "SHOW CONFIG"), Map.of(), 30);
            assertThat(r.exitCode()).as(r.output()).isZero();
            var rows = r.output().lines().map(l -> l.split("\t", -1)).toList();
            assertThat(rows).filteredOn(row -> row[0].equals("server_reset_query")).singleElement()
                    .satisfies(row -> assertThat(row[1]).as("value %s", value).isEqualTo(value));
            assertThat(rows).filteredOn(row -> row[0].equals("auth_type")).singleElement()
                    .satisfies(row -> assertThat(row[1]).isEqualTo("trust"));
        }
    }

    @Property(tries = 60)
    void aPostgresqlParameterIsRefusedOrOneConfValue(@ForAll("values") String value) throws Exception {
        try {
            ConfigParameters.postgresql("parameter", "log_line_prefix", value);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u2028");
            return;
        }
        // As CNPG writes custom settings: key = 'value', with a single quote doubled.
        var conf = pg.data().resolve("citadel.conf");
        Files.writeString(conf, "log_line_prefix = '" + value.replace("'", "''") + "'\n");
        Peers.run(List.of("chown", "postgres:postgres", conf.toString()), Map.of(), 10);
        var main = pg.data().resolve("postgresql.conf");
        if (!Files.readString(main).contains("include_if_exists = 'citadel.conf'")) {
            Files.writeString(main, "\ninclude_if_exists = 'citadel.conf'\n", java.nio.file.StandardOpenOption.APPEND);
        }
        var prefix = Peers.run(Peers.asPostgresUser(List.of(Peers.PG_BIN.resolve("postgres").toString(), "-D", pg.data().toString(),
                "-C", "log_line_prefix")), Map.of("LC_ALL", "C"), 30);
        assertThat(prefix.exitCode()).as(prefix.output()).isZero();
        assertThat(prefix.output()).as("value %s", value).isEqualTo(value + "\n");
        var ssl = Peers.run(Peers.asPostgresUser(List.of(Peers.PG_BIN.resolve("postgres").toString(), "-D", pg.data().toString(),
                "-C", "ssl")), Map.of("LC_ALL", "C"), 30);
        assertThat(ssl.output()).isEqualTo("off\n");
    }

    @Provide
    Arbitrary<String> roleNames() {
        var random = Arbitraries.strings().withChars("az_09\"'; -Aé\n").ofMinLength(0).ofMaxLength(10);
        return Arbitraries.oneOf(random, Arbitraries.of("public", "none", "current_user", "pg_app", "select", "x\"; DROP ROLE postgres; --",
                "a".repeat(64)));
    }

    /** SQL identifiers: a role name is refused at build() with one line, or the real PostgreSQL creates exactly that role. */
    @Property(tries = 40)
    void aRoleNameIsRefusedOrExactlyThatRole(@ForAll("roleNames") String name) {
        try {
            Identifiers.role("role", name);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
            return;
        }
        var r = PostgresInstance.psql(pg.port(), "CREATE ROLE " + RdsSql.ident(name) + "; SELECT rolname FROM pg_roles WHERE rolname = "
                + RdsSql.literal(name) + "; DROP ROLE " + RdsSql.ident(name));
        assertThat(r.exitCode()).as("%s: %s", name, r.output()).isZero();
        assertThat(r.output().lines().filter(l -> !l.isBlank() && !l.startsWith("CREATE") && !l.startsWith("DROP")).toList())
                .as(name).containsExactly(name);
    }
}
