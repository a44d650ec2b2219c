package dev.citadel.database;

import dev.citadel.database.peers.Certificates;
import dev.citadel.database.peers.FakePostgres;
import dev.citadel.secrets.SecretRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 23, the Job path as rendered, run by the real psql 15 against hostile endpoints and a hostile neighbour on the
 * real PostgreSQL 15 (SSL only, a master that is no superuser, as on RDS): the master password goes to no server that
 * has not proven its name, the app password is in no log and no error, a function planted in {@code public} is not
 * run as the master, and one app cannot connect to another's database.
 */
class RdsJobHostileTest {
    private static RdsLikePostgres pg;
    @TempDir
    static Path certs;

    @BeforeAll
    static void start() {
        pg = RdsLikePostgres.start();
        Certificates.selfSigned(certs, "evil", "evil.invalid", List.of("DNS:evil.invalid", "IP:127.0.0.1"));
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    private static RdsAppUserArgs.Builder declare(String user, String database, int port) {
        return RdsAppUserArgs.builder().host("127.0.0.1").port(port).engineVersion("15.15")
                .masterUser(RdsLikePostgres.MASTER).masterPassword(Credential.ref(RdsPlans.MASTER_REF))
                .user(user).password(Credential.ref(SecretRef.of(RdsPlans.NAMESPACE, user.replace('_', '-'), "password")))
                .database(database).provisioner(Provisioner.job(RdsPlans.NAMESPACE)).caBundle(RdsPlans.CA);
    }

    private static Map<String, String> secrets(RdsAppUserArgs args, String password) {
        var app = args.password().ref();
        return pg.withCa(Map.of(RdsPlans.MASTER_REF.name() + "/" + RdsPlans.MASTER_REF.key(), RdsLikePostgres.MASTER_PASSWORD,
                app.name() + "/" + app.key(), password));
    }

    @Test
    void aServerWhoseCertificateDoesNotChainToTheBundleIsSentNoPassword() throws Exception {
        try (var fake = FakePostgres.tls(certs, "evil")) {
            var args = declare("victim_app", "victim", fake.port()).build();
            var result = JobPsql.run(JobPsql.render(args), secrets(args, "victim-app-pw"));
            assertThat(result.exitCode()).isNotZero();
            assertThat(result.output()).contains("certificate verify failed");
            assertThat(fake.received()).doesNotContain(RdsLikePostgres.MASTER_PASSWORD).doesNotContain("victim-app-pw");
        }
    }

    @Test
    void theAppPasswordIsInNoLogNorInTheErrorOfAFailedAlterRole() throws SQLException {
        pg.set("log_statement", "all");
        try {
            var ok = declare("logged_app", "logged", pg.port()).build();
            JobPsql.apply(ok, secrets(ok, "logged-app-pw-7d1e"));
            pg.login("logged_app", "logged-app-pw-7d1e", "logged", "require").close();

            // A role with REPLICATION: the master may not alter it, and the Job fails (seed 004's hand-made roles had it).
            try (var c = pg.superuser("postgres"); var s = c.createStatement()) {
                s.execute("CREATE ROLE repl_app LOGIN REPLICATION");
            }
            var repl = declare("repl_app", "repl", pg.port()).build();
            var failed = JobPsql.run(JobPsql.render(repl), secrets(repl, "repl-app-pw-5c2a"));
            assertThat(failed.exitCode()).isNotZero();
            assertThat(failed.output()).contains("replication").doesNotContain("repl-app-pw-5c2a");
            assertThat(pg.serverLog()).contains("SCRAM-SHA-256$").doesNotContain("logged-app-pw-7d1e").doesNotContain("repl-app-pw-5c2a");
        } finally {
            pg.set("log_statement", "none");
        }
    }

    @Test
    void aFunctionAnAppPlantedInPublicIsNotRunAsTheMaster() throws SQLException {
        var attacker = declare("attacker_app", "attacker", pg.port()).build();
        JobPsql.apply(attacker, secrets(attacker, "attacker-pw"));
        // PostgreSQL 14 and earlier (or a database upgraded from it): public is writable by all.
        try (var c = pg.superuser("postgres"); var s = c.createStatement()) {
            s.execute("GRANT CREATE ON SCHEMA public TO PUBLIC");
        }
        try (var c = pg.login("attacker_app", "attacker-pw", "postgres", "require"); var s = c.createStatement()) {
            s.execute("CREATE TABLE public.loot (t text)");
            s.execute("GRANT INSERT ON public.loot TO PUBLIC");
            s.execute("CREATE FUNCTION public.format(text, text, integer, text) RETURNS text LANGUAGE sql AS "
                    + "$$ INSERT INTO public.loot VALUES ($4); SELECT pg_catalog.format($1, $2, $3, $4) $$");
            s.execute("CREATE FUNCTION public.current_setting(text) RETURNS text LANGUAGE sql AS "
                    + "$$ INSERT INTO public.loot VALUES (pg_catalog.current_setting($1)); SELECT pg_catalog.current_setting($1) $$");
        }
        try {
            var victim = declare("victim_app", "victim", pg.port()).build();
            JobPsql.apply(victim, secrets(victim, "victim-new-pw"));
            pg.login("victim_app", "victim-new-pw", "victim", "require").close();
            try (var c = pg.superuser("postgres"); var s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM public.loot")) {
                rs.next();
                assertThat(rs.getInt(1)).as("calls of the planted functions").isZero();
            }
        } finally {
            try (var c = pg.superuser("postgres"); var s = c.createStatement()) {
                s.execute("DROP FUNCTION public.format(text, text, integer, text)");
                s.execute("DROP FUNCTION public.current_setting(text)");
                s.execute("DROP TABLE public.loot");
                s.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            }
        }
    }

    @Test
    void oneAppCannotConnectToAnothersDatabase() throws SQLException {
        var first = declare("first_app", "first", pg.port()).build();
        var second = declare("second_app", "second", pg.port()).build();
        JobPsql.apply(first, secrets(first, "first-pw"));
        JobPsql.apply(second, secrets(second, "second-pw"));
        pg.login("first_app", "first-pw", "first", "require").close();
        assertThatThrownBy(() -> pg.login("first_app", "first-pw", "second", "require").close())
                .hasMessageContaining("permission denied for database");
    }
}
