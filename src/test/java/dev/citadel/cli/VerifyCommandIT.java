package dev.citadel.cli;

import dev.citadel.identity.OidcContract;
import dev.citadel.identity.keycloak.KeycloakExtension;
import dev.citadel.identity.keycloak.KeycloakServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code citadel verify} as a person runs it, against the shared Keycloak: the certificate through
 * {@code --ca-file}, the password through the environment or stdin, the contract as the stack would export it
 * (the plan step is replaced; {@link VerifyCommandTest} covers it).
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifyCommandIT {
    static final String REALM = "citadel-cli-test";
    static final String PASSWORD = "Cli-9vQ-correct-staple";

    final KeycloakServer keycloak;

    VerifyCommandIT(KeycloakServer keycloak) {
        this.keycloak = keycloak;
    }

    @BeforeAll
    void realm() throws IOException {
        String json;
        try (var in = getClass().getResourceAsStream("/keycloak/verify-realm.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\"citadel-test\"", "\"" + REALM + "\"");
        }
        var admin = keycloak.admin();
        admin.deleteRealm(REALM);
        admin.importRealm(json);
        admin.createUser(REALM, "ada", "ada@example.test", PASSWORD, List.of("admin", "viewer"));
    }

    @AfterAll
    void dropRealm() {
        keycloak.admin().deleteRealm(REALM);
    }

    OidcContract contract() {
        return new OidcContract(keycloak.issuer(REALM), REALM, "kubernetes", List.of("http://localhost:8000/*"),
                List.of("profile", "email", "groups"), "email", "oidc:", "groups", "oidc:", List.of("RS256"),
                Map.of("oidc:admin", "cluster-admin"), List.of("kubernetes"));
    }

    Cli.Result verify(Map<String, String> env, String stdin, String... args) {
        var command = new VerifyCommand(env::get, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                (projectDir, stack) -> contract());
        return VerifyCommandTest.run(command, args);
    }

    @Test
    void everyCheckPassesAndTheSummarySaysSo() {
        var result = verify(Map.of("CITADEL_VERIFY_PASSWORD", PASSWORD), "", "verify", "--stack", "homelab",
                "--user", "ada@example.test", "--ca-file", keycloak.caCertificate().toString(), "--expect-groups", "admin,viewer");

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.err()).isEmpty();
        var lines = result.out().lines().toList();
        assertThat(lines.subList(0, lines.size() - 1)).allSatisfy(l -> assertThat(l).startsWith("PASS "));
        assertThat(lines).contains("PASS username-claim: email ada@example.test, Kubernetes user 'oidc:ada@example.test'",
                "PASS expected-groups: has [admin, viewer]");
        assertThat(lines.get(lines.size() - 1)).matches("verify: OK, \\d+ passed, 0 failed, 0 skipped");
        assertThat(result.out()).doesNotContain(PASSWORD).doesNotContain("eyJ");
    }

    @Test
    void aWrongPasswordFromStdinExitsOneAndIsNeverPrinted() {
        var wrong = "stdin-" + PASSWORD;
        var result = verify(Map.of(), wrong + "\n", "verify", "--stack", "homelab", "--user", "ada",
                "--password-stdin", "--ca-file", keycloak.caCertificate().toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(result.out()).contains("FAIL login: the IdP rejected the login of ada ('Invalid username or password.')")
                .contains("verify: FAILED");
        assertThat(result.out() + result.err()).doesNotContain(wrong).doesNotContain(PASSWORD).doesNotContain("eyJ");
    }

    @Test
    void withoutTheCaFileTheCertificateIsAFailLineNotATrace() {
        var result = verify(Map.of(), "", "verify", "--stack", "homelab");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(result.out().lines().findFirst().orElseThrow()).startsWith("FAIL discovery: cannot reach").contains("--ca-file");
        assertThat(result.out() + result.err()).doesNotContain("\tat ", "Exception");
    }
}
