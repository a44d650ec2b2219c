package dev.citadel.cli;

import com.google.gson.JsonParser;
import dev.citadel.contract.ImageFloor;
import dev.citadel.live.LiveTags;
import dev.citadel.value.Redacted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 001 offline: the homelab's hand-typed pin and floor say 2026.2.2 while Keel runs 2026.2.4. {@code citadel plan
 * --live-tags} takes what runs from {@code kubectl get deploy -A -o json} and refuses the pin; without the file the plan
 * says, in one line, which workloads it could not check.
 */
class LiveTagsPlanTest {
    static final Path KEEL = Path.of("src", "test", "resources", "live-tags", "keel-2026.2.4.json");
    static final String UNCHECKED = "image floor unchecked for authentik/authentik-server, authentik/authentik-worker: no --live-tags";

    private static Path homelabPinnedAt(Path dir, String tag) throws IOException {
        Files.copy(Path.of("Pulumi.yaml"), dir.resolve("Pulumi.yaml"));
        Files.createDirectories(dir.resolve("stacks"));
        var stack = Files.readString(Path.of("stacks", "Pulumi.homelab.yaml"));
        assertThat(stack).contains("imageTag: 2026.2.4", "imageFloor: 2026.2.4");
        Files.writeString(dir.resolve("stacks").resolve("Pulumi.homelab.yaml"),
                stack.replace("imageTag: 2026.2.4", "imageTag: " + tag).replace("imageFloor: 2026.2.4", "imageFloor: " + tag));
        return dir;
    }

    @Test
    void aPinBelowTheTagKeelRolledOutIsRefusedInOneLineNamingBothTags(@TempDir Path dir) throws IOException {
        var project = homelabPinnedAt(dir, "2026.2.2");
        Cli.run("plan", "--stack", "homelab", "--project-dir", project.toString(), "--live-tags", KEEL.toString())
                .isOneLineUserError("authentik 'server' runs 2026.2.4 live; the pin 2026.2.2 would downgrade it", "seed 001",
                        "Raise imageTag to at least 2026.2.4");
    }

    @Test
    void withoutTheFilePlansWithOneLineSayingWhichFloorsWentUnchecked() {
        var project = ".";
        var text = Cli.run("plan", "--stack", "homelab", "--project-dir", project);
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out().lines().filter(l -> l.contains("image floor unchecked"))).singleElement()
                .satisfies(l -> assertThat(l).contains(UNCHECKED).contains(LiveTags.KUBECTL));

        var json = JsonParser.parseString(Cli.run("plan", "--stack", "homelab", "--project-dir", project, "--format", "json").out())
                .getAsJsonObject().getAsJsonArray("notes");
        assertThat(json).hasSize(1);
        assertThat(json.get(0).getAsString()).startsWith(UNCHECKED);

        var markdown = Cli.run("plan", "--stack", "homelab", "--project-dir", project, "--format", "markdown").out();
        assertThat(markdown.lines().filter(l -> l.startsWith("> **Note:** " + UNCHECKED))).hasSize(1);
        assertThat(Cli.run("plan", "--stack", "homelab", "--project-dir", project).out()).as("deterministic").isEqualTo(text.out());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPinAtTheLiveTagPlansCleanlyAndCarriesTheLiveTagForThePolicy() {
        var result = Cli.run("plan", "--stack", "homelab", "--live-tags", KEEL.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).doesNotContain("Notes:").contains("Policies: no violations");

        var plan = PlanCommand.plan(dev.citadel.stack.StackFile.load(Path.of("."), "homelab"), Optional.of(LiveTags.read(KEEL)));
        var release = plan.ofType("kubernetes:helm.sh/v3:Release").stream().filter(r -> r.name().equals("authentik-release"))
                .findFirst().orElseThrow();
        var values = (Map<String, Object>) Redacted.plain(release.inputs().get("values"));
        for (var component : new String[]{"server", "worker"}) {
            var annotations = (Map<String, Object>) ((Map<String, Object>) values.get(component)).get("deploymentAnnotations");
            assertThat(annotations).containsEntry(ImageFloor.LIVE_TAG_ANNOTATION, "2026.2.4").containsEntry(ImageFloor.TYPED_FLOOR_ANNOTATION, "2026.2.4");
        }
    }

    @Test
    void aFileWithoutAuthentikPlansItAsNotRunningYetAndSaysSo(@TempDir Path dir) throws IOException {
        var file = dir.resolve("other-cluster.json");
        Files.writeString(file, "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": []}");
        var result = Cli.run("plan", "--stack", "homelab", "--live-tags", file.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("not in --live-tags, so planned as not running yet (a first install): "
                + "authentik/authentik-server, authentik/authentik-worker").doesNotContain("image floor unchecked");
    }

    @Test
    void aFileThatIsNotKubectlsJsonIsOneLine(@TempDir Path dir) throws IOException {
        var yaml = dir.resolve("live.yaml");
        Files.writeString(yaml, "apiVersion: v1\nkind: List\nitems: []\n");
        Cli.run("plan", "--stack", "homelab", "--live-tags", yaml.toString())
                .isOneLineUserError("--live-tags", "live.yaml", "is not JSON", LiveTags.KUBECTL);
        var nested = dir.resolve("deep.json");
        Files.writeString(nested, "[".repeat(200_000));
        Cli.run("plan", "--stack", "homelab", "--live-tags", nested.toString()).isOneLineUserError("deep.json", "is not JSON");
        Cli.run("plan", "--stack", "homelab", "--live-tags", dir.resolve("missing.json").toString())
                .isOneLineUserError("missing.json", "there is no such file", LiveTags.KUBECTL);
    }

    /** A first install reads nothing (under the engine a read of a missing Deployment would fail the whole update). */
    @Test
    void firstInstallReadsNoDeployment(@TempDir Path dir) throws IOException {
        var project = homelabPinnedAt(dir, "2026.2.4");
        var stack = project.resolve("stacks").resolve("Pulumi.homelab.yaml");
        Files.writeString(stack, Files.readString(stack).replace("imageTag: 2026.2.4", "imageTag: 2026.2.4\n      firstInstall: true"));
        var plan = PlanCommand.plan(dev.citadel.stack.StackFile.load(project, "homelab"), Optional.empty());
        assertThat(plan.reads()).isEmpty();
        var result = Cli.run("plan", "--stack", "homelab", "--project-dir", project.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).doesNotContain("image floor unchecked");
    }
}
