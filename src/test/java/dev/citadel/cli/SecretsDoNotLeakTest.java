package dev.citadel.cli;

import com.google.gson.JsonObject;
import dev.citadel.testing.Captured;
import dev.citadel.testing.Read;
import dev.citadel.value.Prop;
import dev.citadel.value.Redacted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code canary} test project puts two known strings where secrets go: a {@code secure:} value
 * (ciphertext) and a plain config value used only through {@code secretValues:}. Neither may appear in
 * anything {@code citadel plan} prints, writes or logs.
 */
class SecretsDoNotLeakTest {
    private static final String CIPHERTEXT_CANARY = "canary-ciphertext-5d1c0e8a7b4f";
    private static final String PLAINTEXT_CANARY = "canary-plaintext-9e2b41f7c6a3";
    private static final List<String> CANARIES = List.of(CIPHERTEXT_CANARY, PLAINTEXT_CANARY, "5d1c0e8a7b4f", "9e2b41f7c6a3");
    private static final String KV = "vault:kv/secretV2:SecretV2";

    private static final Path PROJECT = Read.testProject("canary");

    @Test
    void theKnownSecretReallyReachesTheRecordedResourcesAndTheSecureOneIsAnUnknownSecret() {
        // Without this, the searches below could pass because the value never flowed anywhere.
        var plan = PlanCommand.plan(PROJECT, "leak");

        var known = plan.find(KV, "db-password").orElseThrow().inputs().get("dataJson");
        assertThat(known).isInstanceOf(Prop.Secret.class);
        assertThat(((Prop.Secret) known).value().string()).hasValueSatisfying(json -> assertThat(json).contains(PLAINTEXT_CANARY));

        assertThat(plan.find(KV, "admin-token").orElseThrow().inputs().get("dataJson"))
                .as("a secure: value offline").isEqualTo(new Prop.Secret(Prop.UNKNOWN));
        assertThat(plan.find(KV, "app-credentials").orElseThrow().inputs().get("dataJson"))
                .as("known, generated and secure values together").isEqualTo(new Prop.Secret(Prop.UNKNOWN));
    }

    @Test
    void noCanaryInStdoutStderrLogsOrTheOutTree(@TempDir Path textOut, @TempDir Path jsonOut) throws Exception {
        var text = Captured.capture(() -> Cli.run("plan", "--stack", "leak", "--project-dir", PROJECT.toString(), "--out", textOut.toString()));
        var json = Captured.capture(() -> Cli.run("plan", "--stack", "leak", "--project-dir", PROJECT.toString(),
                "--format", "json", "--out", jsonOut.toString()));

        assertThat(text.value().exitCode()).as("stderr: %s", text.value().err()).isZero();
        assertThat(json.value().exitCode()).as("stderr: %s", json.value().err()).isZero();
        assertThat(text.value().out()).contains("db-password", "admin-token", "app-credentials");
        assertThat(json.value().out()).contains("\"dataJson\": \"[secret]\"");
        for (var run : List.of(text, json)) {
            assertThat(run.value().out()).as("stdout").doesNotContain(CANARIES);
            assertThat(run.value().err()).as("stderr").doesNotContain(CANARIES);
            assertThat(run.everything()).as("System.out, System.err and java.util.logging").doesNotContain(CANARIES);
        }
        for (var dir : List.of(textOut, jsonOut)) {
            var files = Read.files(dir);
            assertThat(files).hasSizeGreaterThan(5);
            for (var file : files) {
                assertThat(Files.readString(dir.resolve(file), StandardCharsets.UTF_8)).as(file).doesNotContain(CANARIES);
            }
        }
    }

    @Test
    void vaultDataIsWrittenAsSecretWhetherKnownOrFromSecureConfig(@TempDir Path out) throws IOException {
        var result = Cli.run("plan", "--stack", "leak", "--project-dir", PROJECT.toString(), "--out", out.toString());

        assertThat(result.exitCode()).as("stderr: %s", result.err()).isZero();
        var kvSecrets = new TreeMap<String, JsonObject>();
        for (var file : Read.files(out.resolve("resources/vault"))) {
            var doc = Read.strictJson(Files.readString(out.resolve("resources/vault").resolve(file)));
            if (doc.get("type").getAsString().equals(KV)) {
                kvSecrets.put(file, doc.getAsJsonObject("inputs"));
            }
        }
        assertThat(kvSecrets).containsOnlyKeys("admin-token.json", "app-credentials.json", "db-password.json");
        kvSecrets.forEach((file, inputs) -> {
            assertThat(inputs.get("dataJson").getAsString()).as("dataJson of %s", file).isEqualTo(Redacted.SECRET);
            assertThat(inputs.get("mount").getAsString()).isEqualTo("secret");
        });
        // The ExternalSecret reads the key by reference: it names the key, never holds the value.
        assertThat(Files.readString(out.resolve("k8s/ops/externalsecret-admin-token.yaml")))
                .contains("property: token", "key: app/admin");
    }
}
