package example.grafana;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * This stack planned with {@code citadel plan}, exactly as Citadel's README tells its team to: the program's classes and
 * the classpath Maven wrote (target/classpath.txt), the other stack's outputs from a file. Stacks dev (clean), planted
 * (a mutable image tag) and dangling (a ClusterSecretStore the cluster does not have).
 */
class CitadelPlanTest {
    private static final Path JAR = Path.of(System.getProperty("citadel.jar"));

    /** What one {@code java -jar citadel.jar plan ...} showed. */
    record Run(int exitCode, String out, String err) {
    }

    private static Run plan(String stack, String... more) throws Exception {
        var classpath = "target/classes" + File.pathSeparator
                + Files.readString(Path.of("target", "classpath.txt"), StandardCharsets.UTF_8).strip();
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString(), "plan", "--stack", stack, "--main-class", "example.grafana.Main", "--classpath", classpath));
        command.addAll(List.of(more));
        var out = Files.createTempFile("plan", ".out");
        var err = Files.createTempFile("plan", ".err");
        var process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "citadel plan did not finish");
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static final String[] OUTPUTS = {"--stack-outputs", "acme/platform/prod=platform-outputs.json"};

    @Test
    void theDevStackPlansClean_withTheDomainThePlatformStackExports() throws Exception {
        var run = plan("dev", OUTPUTS[0], OUTPUTS[1], "--format", "json");
        assertEquals(0, run.exitCode(), () -> run.err() + run.out());
        assertTrue(run.out().contains("\"project\": \"grafana\""), run.out());
        assertTrue(run.out().contains("\"value\": \"https://grafana.example.com\""), run.out());
        assertTrue(run.out().contains("\"type\": \"citadel:secrets:VaultBackedSecret\""), run.out());
    }

    @Test
    void aPlantedMutableImageTagExitsOne() throws Exception {
        var run = plan("planted", OUTPUTS);
        assertEquals(1, run.exitCode(), () -> run.err() + run.out());
        assertTrue(run.out().contains("[mandatory]  no-mutable-image-tags"), run.out());
        assertTrue(run.out().contains("grafana/grafana:latest"), run.out());
    }

    @Test
    void aDanglingSecretStoreIsRefused() throws Exception {
        var run = plan("dangling", OUTPUTS);
        assertEquals(1, run.exitCode(), () -> run.err() + run.out());
        assertTrue(run.out().contains("[mandatory]  references-resolve"), run.out());
        assertTrue(run.out().contains("vault-old"), run.out());
    }

    @Test
    void withoutThePlatformStacksOutputsItSaysWhichFileToGive() throws Exception {
        var run = plan("dev");
        assertEquals(2, run.exitCode(), run::err);
        assertEquals("citadel: StackReference 'acme/platform/prod': no outputs for this stack; pass --stack-outputs "
                + "acme/platform/prod=FILE.json, FILE being what pulumi stack output --stack acme/platform/prod --json prints",
                run.err().strip());
        assertEquals("", run.out());
    }
}
