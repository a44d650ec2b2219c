package dev.citadel.database;

import dev.citadel.database.peers.Certificates;
import dev.citadel.database.peers.FakePostgres;
import dev.citadel.verify.CheckResult;
import dev.citadel.verify.PgConnect;
import dev.citadel.verify.PostgresVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Issue 23: verify --postgres against servers that want the password (fake ones on 127.0.0.1) and the real
 * PostgreSQL 15 behind a certificate verify was not told to trust. Nothing secret reaches a server that has not
 * proven who it is; what a server sends back is one short line without the password; no server holds verify past
 * its deadline.
 */
class PostgresVerifierHostileServerTest {
    private static final String PASSWORD = "s3cret-keycloak-pw";
    private static RdsLikePostgres pg;
    @TempDir
    static Path certs;

    @BeforeAll
    static void start() {
        pg = RdsLikePostgres.start();
        pg.provision("keycloak_app", "keycloak", false, PASSWORD);
        Certificates.selfSigned(certs, "evil", "evil.invalid", List.of("DNS:evil.invalid"));
        Certificates.selfSigned(certs, "loopback", "localhost", Certificates.LOOPBACK);
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    private static PostgresVerifier.Target target(int port) {
        return new PostgresVerifier.Target("keycloak-db", "127.0.0.1", port, "keycloak", "keycloak_app", "require", false, PASSWORD);
    }

    private static List<String> lines(List<CheckResult> results) {
        return results.stream().map(CheckResult::line).toList();
    }

    @Test
    void aServerWithoutTlsIsNeverSentThePasswordNotEvenToShowPlainConnectionsAreRefused() throws Exception {
        try (var fake = FakePostgres.plain()) {
            var results = verify(target(fake.port()), PgConnect.verified(pg.caFile()));
            assertThat(fake.received()).doesNotContain(PASSWORD).contains("keycloak_app");
            assertThat(lines(results)).first().asString().startsWith("FAIL keycloak-db.login: keycloak_app cannot log in")
                    .contains("does not support SSL");
            assertThat(lines(results)).last().asString().isEqualTo("FAIL keycloak-db.ssl-required: 127.0.0.1 accepts keycloak_app "
                    + "without encryption (it asked for the password on a plain connection; none was sent); set rds.force_ssl=1 in "
                    + "the instance's parameter group (RdsParameterGroup)");
        }
    }

    @Test
    void aServerWhoseCertificateIsNotTrustedGetsNothingAndTheFailNamesTheCertificate() throws Exception {
        try (var fake = FakePostgres.tls(certs, "evil")) {
            var results = verify(target(fake.port()), PgConnect.verified(pg.caFile()));
            assertThat(fake.received()).doesNotContain(PASSWORD);
            assertThat(results).filteredOn(r -> r.check().endsWith(".login")).singleElement()
                    .satisfies(r -> assertThat(r.line()).startsWith("FAIL keycloak-db.login:").contains("PKIX")
                            .contains("no password was sent").contains("--ca-file"));
        }
    }

    @Test
    void theRealServerBehindACertificateVerifyWasNotGivenFailsOnceAndTheRightCaPasses() {
        var wrongCa = verify(target(pg.port()), PgConnect.verified(certs.resolve("evil.crt")));
        assertThat(lines(wrongCa)).first().asString().startsWith("FAIL keycloak-db.login:").contains("PKIX");
        assertThat(wrongCa).filteredOn(CheckResult::failed).hasSize(1);
        var systemTrust = verify(target(pg.port()), PgConnect.systemTrust());
        assertThat(lines(systemTrust)).first().asString().startsWith("FAIL keycloak-db.login:").contains("--ca-file");

        var right = verify(target(pg.port()), PgConnect.verified(pg.caFile()));
        assertThat(right).noneMatch(CheckResult::failed);
        assertThat(lines(right)).first().asString().isEqualTo("PASS keycloak-db.login: keycloak_app logs in to keycloak with sslmode "
                + "verify-full, its certificate checked against --ca-file");
    }

    @Test
    void aServerEchoingThePasswordInAMegabyteMessageIsShownOneShortLineWithoutIt() throws Exception {
        try (var fake = FakePostgres.tls(certs, "loopback")) {
            var results = verify(target(fake.port()), PgConnect.verified(certs.resolve("loopback.crt")));
            var login = lines(results).get(0);
            assertThat(login).startsWith("FAIL keycloak-db.login:").doesNotContain(PASSWORD).contains("[redacted]")
                    .contains("characters)");
            assertThat(login.length()).isLessThan(1_000);
        }
    }

    @Test
    void aServerTricklingBytesIsCutOffAtTheDeadline() throws Exception {
        try (var fake = FakePostgres.trickle(pg.port())) {
            var results = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> verify(target(fake.port()), PgConnect.verified(pg.caFile()).withDeadline(Duration.ofSeconds(3))));
            assertThat(lines(results)).first().asString().startsWith("FAIL keycloak-db.login:").contains("within 3 s");
        }
    }

    private static List<CheckResult> verify(PostgresVerifier.Target t, PgConnect how) {
        return PostgresVerifier.verify(t, how);
    }
}
