package dev.citadel.cli;

import dev.citadel.testing.Read;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --out DIR} in CI: a reused directory showed an earlier plan's objects beside the current ones,
 * and a symlink committed into it made the plan overwrite a file outside it.
 */
class OutDirTest {
    private static final String PROJECT = Read.testProject("mistakes").toString();

    private static Cli.Result plan(Path out) {
        return Cli.run("plan", "--stack", "baseline", "--project-dir", PROJECT, "--out", out.toString());
    }

    @Test
    void anEarlierPlansOutputIsEmptiedSoNoStaleObjectRemains(@TempDir Path dir) throws IOException {
        assertThat(plan(dir).exitCode()).isZero();
        var fresh = Read.files(dir);
        var stale = Files.writeString(dir.resolve("k8s/app/configmap-no-longer-planned.yaml"), "kind: ConfigMap\n");

        var again = plan(dir);

        assertThat(again.exitCode()).as("stderr: %s", again.err()).isZero();
        assertThat(stale).doesNotExist();
        assertThat(Read.files(dir)).isEqualTo(fresh);
    }

    @Test
    void aDirectoryHoldingAnythingElseIsRefusedAndLeftAlone(@TempDir Path dir) throws IOException {
        var notes = Files.writeString(dir.resolve("notes.txt"), "mine");

        plan(dir).isOneLineUserError("cannot write " + dir, "not empty", "notes.txt");
        assertThat(notes).hasContent("mine");
    }

    @Test
    void aSymlinkInsideIsNeverFollowed(@TempDir Path dir, @TempDir Path outside) throws IOException {
        assertThat(plan(dir).exitCode()).isZero();
        var victim = Files.writeString(outside.resolve("externalsecret-app-token.yaml"), "precious");
        deleteTree(dir.resolve("k8s/app"));
        Files.createSymbolicLink(dir.resolve("k8s/app"), outside);

        plan(dir).isOneLineUserError("cannot write " + dir, "not empty", "k8s");
        assertThat(victim).hasContent("precious");
        assertThat(Files.list(outside).count()).isEqualTo(1);
    }

    @Test
    void anOutDirThatIsASymlinkIsRefused(@TempDir Path dir, @TempDir Path outside) throws IOException {
        var link = Files.createSymbolicLink(dir.resolve("out"), outside);

        plan(link).isOneLineUserError("cannot write " + link, "symbolic link");
        assertThat(Files.list(outside).count()).isZero();
    }

    @Test
    void anEmptyOutIsRefusedRatherThanTheWorkingDirectory() {
        Cli.run("plan", "--stack", "baseline", "--project-dir", PROJECT, "--out", "").isOneLineUserError("--out is empty", "--out plan/baseline");
    }

    private static void deleteTree(Path p) throws IOException {
        try (var walk = Files.walk(p)) {
            for (var f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
