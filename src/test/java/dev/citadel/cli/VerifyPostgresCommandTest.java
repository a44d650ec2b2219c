package dev.citadel.cli;

import dev.citadel.database.RdsLikePostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code citadel verify --stack aws-dev --postgres} end to end: the aws-dev stack planned offline gives the users
 * (its databases output), the Job's SQL made them on a real PostgreSQL 15 with SSL, and verify reaches it as through
 * a port-forward ({@code --pg-host/--pg-port}).
 */
class VerifyPostgresCommandTest {
    private static RdsLikePostgres pg;
    private static final Map<String, String> PASSWORDS = Map.of(
            "CITADEL_VERIFY_PG_PASSWORD_KEYCLOAK_DB", "keycloak-pw",
            "CITADEL_VERIFY_PG_PASSWORD_BACKSTAGE_DB", "backstage-pw");

    @BeforeAll
    static void start() throws SQLException {
        pg = RdsLikePostgres.start();
        pg.provision("keycloak_app", "keycloak", false, "keycloak-pw");
        pg.provision("backstage_app", "backstage_plugin_catalog", true, "backstage-pw");
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    private static Cli.Result verify(Map<String, String> env) {
        return verify(env, "--ca-file", pg.caFile().toString());
    }

    private static Cli.Result verify(Map<String, String> env, String... trust) {
        var command = new VerifyCommand(env::get, new ByteArrayInputStream(new byte[0]),
                (dir, stack) -> VerifyCommand.contract(PlanCommand.plan(dir, stack), stack));
        var args = new java.util.ArrayList<>(java.util.List.of("verify", "--stack", "aws-dev", "--postgres",
                "--pg-host", "127.0.0.1", "--pg-port", String.valueOf(pg.port())));
        args.addAll(java.util.List.of(trust));
        return VerifyCommandTest.run(command, args.toArray(String[]::new));
    }

    /**
     * Issue 23: --ca-file was ignored with --postgres. Through the port-forward the certificate must still name the
     * stack's RDS host; without the CA the login FAILs naming the certificate; the insecure switch works but WARNs on
     * every target it touches.
     */
    @Test
    void theCaFileIsHonouredAndSkippingTheCheckWarnsEveryTime() {
        var ok = verify(PASSWORDS);
        assertThat(ok.out()).contains("PASS keycloak-db.login: keycloak_app logs in to keycloak with sslmode verify-full, "
                + "its certificate checked against --ca-file");

        var noCa = verify(PASSWORDS, new String[0]);
        assertThat(noCa.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(noCa.out()).contains("FAIL keycloak-db.login: keycloak_app cannot log in").contains("PKIX")
                .contains("did not prove it is " + RdsLikePostgres.AWS_DEV_HOST + ", so no password was sent");

        var insecure = verify(PASSWORDS, "--insecure-skip-tls-verify");
        assertThat(insecure.exitCode()).as(insecure.out()).isZero();
        assertThat(insecure.out().lines().filter(l -> l.startsWith("WARN --insecure-skip-tls-verify: " + RdsLikePostgres.AWS_DEV_HOST
                + "'s certificate is not checked"))).hasSize(2);
    }

    @Test
    void theStacksUsersPassThenCreatedbTakenAwayFails() throws SQLException {
        var ok = verify(PASSWORDS);
        assertThat(ok.exitCode()).as("stdout: %s%nstderr: %s", ok.out(), ok.err()).isZero();
        assertThat(ok.out()).contains(
                "PASS backstage-db.createdb: backstage_app created and dropped a scratch database, as declared",
                "PASS keycloak-db.createdb: keycloak_app is refused CREATE DATABASE, as declared",
                "PASS keycloak-db.owner: keycloak_app owns keycloak",
                "PASS keycloak-db.ssl-required: a connection without SSL is refused",
                "verify: OK, 10 passed, 0 failed, 0 skipped");

        try (var c = pg.superuser("postgres"); var s = c.createStatement()) {
            s.execute("ALTER ROLE \"backstage_app\" NOCREATEDB");
        }
        try {
            var broken = verify(PASSWORDS);
            assertThat(broken.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
            assertThat(broken.out()).contains("FAIL backstage-db.createdb: backstage_app cannot create databases")
                    .contains("verify: FAILED, 9 passed, 1 failed, 0 skipped");
        } finally {
            try (var c = pg.superuser("postgres"); var s = c.createStatement()) {
                s.execute("ALTER ROLE \"backstage_app\" CREATEDB");
            }
        }
    }

    @Test
    void aMissingPasswordIsAUsageErrorNamingTheVariable() {
        verify(Map.of("CITADEL_VERIFY_PG_PASSWORD_KEYCLOAK_DB", "keycloak-pw"))
                .isOneLineUserError("backstage-db (backstage_app) needs its password", "CITADEL_VERIFY_PG_PASSWORD_BACKSTAGE_DB");
    }
}
