package dev.citadel.cli;

import dev.citadel.testing.Read;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A baseline comes from another commit, an artifact or a hand: each wrong one is one line naming it and the fix. */
class PlanBaselineErrorsTest {
    private static final String PROJECT = Read.testProject("mistakes").toString();

    private static Cli.Result plan(Path baseline) {
        return Cli.run("plan", "--stack", "baseline", "--project-dir", PROJECT, "--baseline", baseline.toString());
    }

    @Test
    void aMissingBaselineIsNamed(@TempDir Path dir) {
        plan(dir.resolve("base.json")).isOneLineUserError("--baseline " + dir.resolve("base.json"), "no such file or directory",
                "give the output of citadel plan --format json, or a directory written by --out");
    }

    @Test
    void aFileThatIsNotJsonOrNotAPlanIsRefused(@TempDir Path dir) throws IOException {
        plan(Files.writeString(dir.resolve("plan.md"), "### Citadel plan")).isOneLineUserError("plan.md", "not JSON");
        plan(Files.writeString(dir.resolve("lenient.json"), "{resources: []}")).isOneLineUserError("lenient.json", "not JSON");
        plan(Files.writeString(dir.resolve("other.json"), "{\"kind\": \"Deployment\"}"))
                .isOneLineUserError("other.json", "not a plan written by citadel plan --format json", "no \"resources\" list");
        plan(Files.writeString(dir.resolve("broken.json"), "{\"resources\": [{\"type\": \"x\"}]}"))
                .isOneLineUserError("broken.json", "resources[0] has no \"urn\"");
    }

    @Test
    void anotherStacksPlanIsRefusedRatherThanShownAsEverythingReplaced(@TempDir Path dir) throws IOException {
        var other = Files.writeString(dir.resolve("aws-dev.json"), "{\"project\": \"citadel\", \"stack\": \"aws-dev\", \"resources\": []}");

        plan(other).isOneLineUserError("it is a plan of stack 'aws-dev'", "this is 'baseline'", "give the same stack's plan");
    }

    @Test
    void aDocumentNestedDeeperThanAnyPlanIsRefusedWithoutOverflowingTheStack(@TempDir Path dir) throws IOException {
        var deep = Files.writeString(dir.resolve("deep.json"), "{\"resources\": " + "[".repeat(200_000) + "]".repeat(200_000) + "}");

        plan(deep).isOneLineUserError("deep.json", "nested deeper than 200 levels");
    }

    @Test
    void aDirectoryThatIsNotAnOutTreeIsRefused(@TempDir Path dir) throws IOException {
        plan(dir).isOneLineUserError("--baseline " + dir, "not a tree written by --out");

        Files.createDirectories(dir.resolve("k8s/app"));
        Files.writeString(dir.resolve("k8s/app/configmap-x.yaml"), "kind: [unclosed");
        plan(dir).isOneLineUserError("configmap-x.yaml", "not YAML as --out writes it");
    }
}
