package dev.citadel.database;

import dev.citadel.verify.CheckResult;
import dev.citadel.verify.PgConnect;
import dev.citadel.verify.PostgresVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * citadel verify's PostgreSQL checks against the real server, after the Job's SQL made the users: all pass; then
 * seed 004's three breakages (user missing, CREATEDB missing, non-SSL allowed) each give a FAIL line that says so.
 */
class PostgresVerifierTest {
    private static RdsLikePostgres pg;

    @BeforeAll
    static void start() throws SQLException {
        pg = RdsLikePostgres.start();
        apply("backstage_app", "backstage_plugin_catalog", true, "backstage-pw");
        apply("keycloak_app", "keycloak", false, "keycloak-pw");
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    private static void apply(String user, String database, boolean createdb, String password) {
        pg.provision(user, database, createdb, password);
    }

    private static PgConnect verified() {
        return PgConnect.verified(pg.caFile());
    }

    private static List<CheckResult> verify(PostgresVerifier.Target t) {
        return PostgresVerifier.verify(t, verified());
    }

    private static PostgresVerifier.Target target(String name, String user, String database, boolean createdb, String password) {
        return new PostgresVerifier.Target(name, "127.0.0.1", pg.port(), database, user, "require", createdb, password);
    }

    private static List<String> lines(List<CheckResult> results) {
        return results.stream().map(CheckResult::line).toList();
    }

    private static long scratchDatabases() throws SQLException {
        try (var c = pg.superuser("postgres"); var s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname LIKE 'citadel_verify_%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void whatTheScriptMadePassesEveryCheckAndLeavesNothingBehind() throws SQLException {
        var backstage = verify(target("backstage-db", "backstage_app", "backstage_plugin_catalog", true, "backstage-pw"));
        var keycloak = verify(target("keycloak-db", "keycloak_app", "keycloak", false, "keycloak-pw"));
        assertThat(lines(backstage)).containsExactly(
                "PASS backstage-db.login: backstage_app logs in to backstage_plugin_catalog with sslmode verify-full, its certificate "
                        + "checked against --ca-file",
                "PASS backstage-db.owner: backstage_app owns backstage_plugin_catalog",
                "PASS backstage-db.role-attributes: backstage_app is neither superuser nor createrole, nor a member of a role that is",
                "PASS backstage-db.createdb: backstage_app created and dropped a scratch database, as declared",
                "PASS backstage-db.ssl-required: a connection without SSL is refused before any password is asked");
        assertThat(lines(keycloak)).contains("PASS keycloak-db.createdb: keycloak_app is refused CREATE DATABASE, as declared");
        assertThat(keycloak).noneMatch(CheckResult::failed);
        assertThat(scratchDatabases()).isZero();
    }

    @Test
    void seed004UserMissing() {
        var results = verify(target("grafana-db", "grafana_app", "grafana", false, "pw"));
        assertThat(lines(results).get(0)).startsWith("FAIL grafana-db.login: grafana_app cannot log in to grafana")
                .contains("password authentication failed").contains("create the user");
        assertThat(results).filteredOn(CheckResult::failed).hasSize(1);
    }

    @Test
    void seed004CreatedbMissing() throws SQLException {
        apply("catalog_app", "catalog", false, "catalog-pw");
        var results = verify(target("catalog-db", "catalog_app", "catalog", true, "catalog-pw"));
        assertThat(lines(results)).anySatisfy(l -> assertThat(l).startsWith("FAIL catalog-db.createdb: catalog_app cannot create databases")
                .contains("permission denied to create database").contains("ALTER ROLE ... CREATEDB"));
    }

    @Test
    void seed004NonSslAllowed() throws Exception {
        pg.allowPlainConnections();
        try {
            var results = verify(target("keycloak-db", "keycloak_app", "keycloak", false, "keycloak-pw"));
            assertThat(lines(results)).contains("FAIL keycloak-db.ssl-required: 127.0.0.1 accepts keycloak_app without encryption "
                    + "(it asked for the password on a plain connection; none was sent); set rds.force_ssl=1 in the instance's "
                    + "parameter group (RdsParameterGroup)");
        } finally {
            pg.requireSsl();
        }
    }

    @Test
    void namesFromTheStackCannotInjectSql() throws SQLException {
        var hostile = "keycloak\"; DROP ROLE \"master\"; --";
        var results = verify(target("hostile", hostile, "keycloak\"; DROP DATABASE \"keycloak\"; --", false, "x"));
        assertThat(results.get(0).failed()).isTrue();
        pg.master("postgres").close();            // the master role is still there
        pg.login("keycloak_app", "keycloak-pw", "keycloak", "require").close();   // and the database
    }

    /**
     * Issue 23: a member of the bootstrap superuser (or of pg_execute_server_program) passed as "neither superuser nor
     * createrole"; on PostgreSQL 15 it may SET ROLE postgres and run COPY ... TO PROGRAM.
     */
    @Test
    void aMembershipInASuperuserEquivalentRoleFailsTheRoleCheck() throws SQLException {
        apply("member_app", "member", false, "member-pw");
        try (var c = pg.superuser("postgres"); var s = c.createStatement()) {
            s.execute("CREATE ROLE citadel_ops NOLOGIN");
            s.execute("GRANT postgres TO citadel_ops");
            s.execute("GRANT citadel_ops TO member_app");
            s.execute("GRANT pg_execute_server_program TO member_app");
        }
        try (var c = pg.login("member_app", "member-pw", "member", "require"); var s = c.createStatement()) {
            s.execute("SET ROLE postgres");   // what the membership gives: the superuser
        }
        var results = verify(target("member-db", "member_app", "member", false, "member-pw"));
        assertThat(lines(results)).contains("FAIL member-db.role-attributes: member_app has membership in pg_execute_server_program, "
                + "postgres (SUPERUSER); an application role needs none: ALTER ROLE ... NOSUPERUSER NOCREATEROLE, REVOKE the membership");
    }
}
