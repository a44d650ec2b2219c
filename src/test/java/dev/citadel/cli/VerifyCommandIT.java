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
    void realm() {
        var admin = keycloak.admin();
        admin.importVerifyRealm(REALM);
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

    /**
     * The whole path a person takes: a stack with citadel:identity, the realm import it would deploy (taken from
     * its plan and imported here, as the operator would), then {@code citadel verify --stack} reading the contract
     * from the same stack.
     */
    @Test
    void verifyStackChecksTheRealmTheStackDeploys(@org.junit.jupiter.api.io.TempDir java.nio.file.Path project) throws IOException {
        var realm = "citadel-stack";
        java.nio.file.Files.createDirectories(project.resolve("stacks"));
        java.nio.file.Files.writeString(project.resolve("Pulumi.yaml"), "name: citadel\nruntime: java\nstackConfigDir: stacks\n");
        java.nio.file.Files.writeString(project.resolve("stacks/Pulumi.kc.yaml"), """
                config:
                  citadel:kubernetes:
                    context: admin@kc
                  citadel:vault:
                    address: https://vault.kc.lan:8200
                  citadel:identity:
                    keycloak:
                      url: %s
                      namespace: identity
                    realm:
                      name: %s
                      groups: [admin, developer, viewer, user]
                      defaultGroups: [user]
                      clients:
                        - kubernetesCli: kubernetes
                    rbac:
                      apiServer: authentication-configuration
                      bindings:
                        admin: cluster-admin
                        developer: edit
                        viewer: view
                        user: view
                """.formatted(keycloak.baseUrl(), realm));
        var plan = PlanCommand.plan(project, "kc");
        var realmImport = plan.ofType("kubernetes:k8s.keycloak.org/v2alpha1:KeycloakRealmImport").get(0);
        var realmJson = new com.google.gson.Gson().toJson(dev.citadel.value.Redacted.plain(realmImport.inputs().get("spec").get("realm")));
        var admin = keycloak.admin();
        admin.deleteRealm(realm);
        admin.importRealm(realmJson);
        admin.createUser(realm, "grace", "grace@example.test", PASSWORD, List.of("developer"));
        try {
            var result = VerifyCommandTest.run(Map.of(), PASSWORD + "\n", "verify", "--stack", "kc", "--project-dir", project.toString(),
                    "--user", "grace@example.test", "--password-stdin", "--ca-file", keycloak.caCertificate().toString(),
                    "--expect-groups", "developer");

            assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
            assertThat(result.out()).contains("PASS discovery", "PASS client kubernetes", "PASS groups-claim: groups [developer, user]",
                    "PASS bindings: the user matches", "oidc:developer -> ClusterRole edit", "verify: OK");
            assertThat(result.out() + result.err()).doesNotContain(PASSWORD).doesNotContain("eyJ");
        } finally {
            admin.deleteRealm(realm);
        }
    }
}
