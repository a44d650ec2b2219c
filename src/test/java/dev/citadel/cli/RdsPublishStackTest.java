package dev.citadel.cli;

import dev.citadel.testing.Read;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code citadel:rds} users' {@code publish: {vault: ...}}, through the CLI: what --out writes for it. */
class RdsPublishStackTest {

    private static final String STACK = """
            config:
              citadel:kubernetes:
                context: admin@fixture
              citadel:vault:
                address: https://vault.fixture.lan:8200
                kvMount: platform
                store: vault-platform
              citadel:secrets:
                - name: keycloak-postgres
                  path: keycloak/postgres
                  values: {username: keycloak_app}
                  generate: [{key: password}]
                  syncTo: [{namespace: platform-db}]
              citadel:policies:
                crd-installed-before-use:
                  preinstalledCrds: [external-secrets.io]
                # The master password's Secret and the RDS CA bundle are put there by whoever made the RDS.
                references-resolve:
                  preinstalled: [Secret platform-db/rds-master, ConfigMap platform-db/rds-ca]
              citadel:rds:
                endpoint:
                  host: db.fixture.eu-west-2.rds.amazonaws.com
                  engineVersion: "15.15"
                  masterPassword: {secretName: rds-master}
                  provisioner: {kind: job, namespace: platform-db}
                  caBundle: {configMap: rds-ca, key: global-bundle.pem}
                users:
                  - name: keycloak-db
                    user: keycloak_app
                    database: keycloak
                    password: {secret: keycloak-postgres}
                    publish:
                      vault: {path: keycloak/postgres-connection, syncTo: [keycloak]}
            """;

    @Test
    void aVaultPublishWritesASecretEntryBehindTheStacksStoreAndSyncsItToTheApp(@TempDir Path project, @TempDir Path out) throws IOException {
        Files.writeString(project.resolve("Pulumi.yaml"), "name: citadel\nruntime: java\nstackConfigDir: stacks\n");
        Files.createDirectories(project.resolve("stacks"));
        Files.writeString(project.resolve("stacks/Pulumi.publish.yaml"), STACK);

        var result = Cli.run("plan", "--stack", "publish", "--project-dir", project.toString(), "--out", out.resolve("plan").toString());

        assertThat(result.exitCode()).as("stderr: %s", result.err()).isZero();
        var kv = Read.strictJson(Files.readString(out.resolve("plan/resources/vault/keycloak-db-connection.json")));
        assertThat(kv.get("type").getAsString()).isEqualTo("vault:kv/secretV2:SecretV2");
        var inputs = kv.getAsJsonObject("inputs");
        assertThat(inputs.get("mount").getAsString()).isEqualTo("platform");
        assertThat(inputs.get("name").getAsString()).isEqualTo("keycloak/postgres-connection");
        assertThat(inputs.get("dataJson").getAsString()).isEqualTo("[secret]");
        var es = Files.readString(out.resolve("plan/k8s/keycloak/externalsecret-keycloak-db-connection.yaml"));
        assertThat(es).contains("name: vault-platform").contains("key: keycloak/postgres-connection").contains("property: jdbcUrl");
    }
}
