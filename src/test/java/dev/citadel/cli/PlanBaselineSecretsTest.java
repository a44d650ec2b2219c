package dev.citadel.cli;

import dev.citadel.testing.Captured;
import dev.citadel.testing.Read;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A diff prints values of two plans side by side: a secret that changed between them must not come out on either
 * side, in any format. The canary stack's known secret (a plain config value used only as a secret) changes here,
 * and so does its {@code secure:} ciphertext.
 */
class PlanBaselineSecretsTest {
    private static final Path PROJECT = Read.testProject("canary");
    private static final String OLD_PLAINTEXT = "canary-plaintext-9e2b41f7c6a3";
    private static final String NEW_PLAINTEXT = "canary-plaintext-rotated-4b7d10e2";
    private static final String OLD_CIPHERTEXT = "canary-ciphertext-5d1c0e8a7b4f";
    private static final String NEW_CIPHERTEXT = "canary-ciphertext-rotated-c3a58e91";
    private static final List<String> CANARIES = List.of(OLD_PLAINTEXT, NEW_PLAINTEXT, OLD_CIPHERTEXT, NEW_CIPHERTEXT,
            "9e2b41f7c6a3", "4b7d10e2", "5d1c0e8a7b4f", "c3a58e91");

    @Test
    void aChangedSecretValueAppearsInNoFormatAndTheDiffSaysSecretsWereNotCompared(@TempDir Path dir, @TempDir Path head) throws Exception {
        var base = Cli.run("plan", "--stack", "leak", "--project-dir", PROJECT.toString(), "--format", "json");
        assertThat(base.exitCode()).as("stderr: %s", base.err()).isZero();
        var baseline = Files.writeString(dir.resolve("base.json"), base.out());
        var stack = Files.readString(PROJECT.resolve("stacks/Pulumi.leak.yaml"));
        assertThat(stack).contains(OLD_PLAINTEXT, OLD_CIPHERTEXT);
        Files.createDirectories(head.resolve("stacks"));
        Files.copy(PROJECT.resolve("Pulumi.yaml"), head.resolve("Pulumi.yaml"));
        // The rotated value, and a visible change beside it, so the diff is not empty for another reason.
        Files.writeString(head.resolve("stacks/Pulumi.leak.yaml"), stack.replace(OLD_PLAINTEXT, NEW_PLAINTEXT)
                .replace(OLD_CIPHERTEXT, NEW_CIPHERTEXT).replace("path: app/db\n", "path: app/db2\n"));

        for (var format : List.of("text", "json", "markdown")) {
            var run = Captured.capture(() -> Cli.run("plan", "--stack", "leak", "--project-dir", head.toString(),
                    "--baseline", baseline.toString(), "--format", format));

            assertThat(run.value().exitCode()).as("stderr: %s", run.value().err()).isZero();
            assertThat(run.value().out()).as(format).contains("db-password", "app/db2", "secret values are not compared")
                    .doesNotContain(CANARIES);
            assertThat(run.value().err()).as("stderr").doesNotContain(CANARIES);
            assertThat(run.everything()).as("System.out, System.err and java.util.logging").doesNotContain(CANARIES);
        }
        // The Vault secret moves (a new path is a new secret to Vault): its data is "[secret]" on both sides, never listed.
        var text = Cli.run("plan", "--stack", "leak", "--project-dir", head.toString(), "--baseline", baseline.toString()).out();
        assertThat(text).contains("     +-  vault:kv/secretV2:SecretV2  db-password  (replaced: name changes)\n"
                + "             name: \"app/db\" → \"app/db2\"\n").doesNotContain("dataJson");
    }
}
