package dev.citadel.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two CA settings issue 23's connections needed, each one field of an input class and nothing in stack/:
 * {@code citadel:rds.endpoint.caFile} (the provider path verifies RDS with it) and
 * {@code citadel:authentik.release.postgres.ca} (a database the stack does not own, verified against its CA).
 */
class StackCaSettingsTest {
    private static final String RDS = """
            config:
              citadel:kubernetes:
                context: admin@fixture
              citadel:vault:
                address: https://vault.fixture.lan:8200
                server: http://vault.vault.svc.cluster.local:8200
              citadel:secrets:
                - name: app-token
                  path: app/token
                  generate:
                    - key: token
                  syncTo:
                    - namespace: app
              citadel:policies:
                crd-installed-before-use:
                  preinstalledCrds: [external-secrets.io]
              citadel:rds:
                endpoint:
                  host: db.fixture.eu-west-2.rds.amazonaws.com
                  engineVersion: "15.15"
                  masterPassword: {secret: app-token, key: token}
                  TLS
                users:
                  - name: keycloak-db
                    user: keycloak_app
                    database: keycloak
                    password: {secret: app-token, key: token}
            """;

    private static Cli.Result plan(Path project, String stack, String... options) throws IOException {
        Files.createDirectories(project.resolve("stacks"));
        Files.copy(Path.of("Pulumi.yaml"), project.resolve("Pulumi.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(project.resolve("stacks/Pulumi.ca.yaml"), stack);
        var args = new java.util.ArrayList<>(java.util.List.of("plan", "--stack", "ca", "--project-dir", project.toString()));
        args.addAll(java.util.List.of(options));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void theProviderPathVerifiesRdsWithTheCaFileTheStackNames(@TempDir Path project) throws IOException {
        var pem = Files.writeString(project.resolve("global-bundle.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");

        var result = plan(project, RDS.replace("TLS", "caFile: " + pem.toAbsolutePath()), "--format", "json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("\"sslrootcert\": \"" + pem.toAbsolutePath() + "\"").contains("\"sslmode\": \"verify-full\"");
    }

    @Test
    void requireOnTheProviderPathIsRefusedNamingTheCaFileSetting(@TempDir Path project) throws IOException {
        plan(project, RDS.replace("TLS", "sslmode: require")).isOneLineUserError(
                "citadel:rds.endpoint.sslmode: require checks no certificate", "caFile: global-bundle.pem");
    }

    @Test
    void anExternalAuthentikDatabaseIsVerifiedAgainstTheCaItsSettingNames(@TempDir Path project) throws IOException {
        var homelab = Files.readString(Path.of("stacks", "Pulumi.homelab.yaml"));
        var start = homelab.indexOf("      postgres:\n        cluster: authentik-db\n");
        var end = homelab.indexOf("      env:\n", start);
        var external = """
                      postgres:
                        host: pg.platform.example.org
                        secret: authentik-postgres
                        ca: {configMap: platform-db-ca, key: ca.crt}
                """;

        var result = plan(project, homelab.substring(0, start) + external + homelab.substring(end), "--format", "json");

        assertThat(result.out()).contains("\"value\": \"pg.platform.example.org\"").contains("\"value\": \"verify-full\"")
                .contains("\"name\": \"AUTHENTIK_POSTGRESQL__SSLROOTCERT\"").contains("\"name\": \"platform-db-ca\"");
    }
}
