package dev.citadel.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dry run of the workflow's plan-diff steps: their scripts, as written in pull-request.yml, run by bash the way
 * the runner runs them, on a workspace holding two versions of the homelab stack (the base commit checked out
 * into .citadel-base, the pull request's head around it), offline. The comment they leave in plan.md names what the
 * pull request changes. Needs target/citadel.jar (the "build" steps), so it runs after package.
 */
class PullRequestWorkflowIT {
    private static final String BASE_PLAN = "Plan the base (the baseline)";
    private static final String HEAD_PLAN = "citadel plan (offline)";

    @Test
    void thePlanDiffStepsLeaveACommentNamingWhatThePullRequestChanges(@TempDir Path workspace) throws Exception {
        var env = steps(checkouts(workspace, true));

        assertThat(env).containsEntry("BASELINE", "--baseline base.json");
        assertThat(Files.readString(workspace.resolve("github-output"))).isEqualTo("exit=0\n");
        var comment = Files.readString(workspace.resolve("plan.md"), StandardCharsets.UTF_8);
        assertThat(comment).startsWith("### Citadel plan: `homelab` — ✅ clean\n")
                .contains("#### Changes against <code>base.json</code>: **4** to update · 125 unchanged",
                        "<code>keycloak-postgres-cluster</code> | <code>kubernetes:postgresql.cnpg.io/v1:Cluster</code> | <code>spec.instances</code>: <code>2</code> → <code>1</code>",
                        "<code>spec.retentionPolicy</code>: <code>\"30d\"</code> → <code>\"7d\"</code>",
                        "<code>spec.schedule</code>: <code>\"0 0 3 * * *\"</code> → <code>\"0 30 4 * * *\"</code>");
        assertThat(Files.readString(workspace.resolve("step-summary"), StandardCharsets.UTF_8)).isEqualTo(comment);
    }

    /** A stack the pull request adds has no base plan: the comment is then the plan alone, and the job goes on. */
    @Test
    void aBaseWithoutTheStackLeavesThePlanAloneAsTheComment(@TempDir Path workspace) throws Exception {
        var env = steps(checkouts(workspace, false));

        assertThat(env).doesNotContainKey("BASELINE");
        var comment = Files.readString(workspace.resolve("plan.md"), StandardCharsets.UTF_8);
        assertThat(comment).startsWith("### Citadel plan: `homelab` — ✅ clean\n").doesNotContain("Changes against");
    }

    /**
     * The two checkouts: the head (homelab with keycloak-postgres made smaller) and, in .citadel-base, the base commit,
     * with or without the stack; each with the jar its "Build" step would have built.
     */
    private static Path checkouts(Path workspace, boolean baseHasTheStack) throws IOException {
        PlanBaselineTest.homelab(workspace, PlanBaselineTest::smallerCluster);
        jar(workspace);
        var base = workspace.resolve(".citadel-base");
        Files.createDirectories(base.resolve("stacks"));
        Files.copy(Path.of("Pulumi.yaml"), base.resolve("Pulumi.yaml"));
        if (baseHasTheStack) {
            Files.copy(Path.of("stacks", "Pulumi.homelab.yaml"), base.resolve("stacks/Pulumi.homelab.yaml"));
        }
        jar(base);
        return workspace;
    }

    private static void jar(Path project) throws IOException {
        Files.createDirectories(project.resolve("target"));
        Files.createSymbolicLink(project.resolve("target/citadel.jar"), Path.of("target", "citadel.jar").toAbsolutePath());
    }

    /** Runs the two steps in order, passing what the first writes to $GITHUB_ENV to the second, as the runner does. */
    private static Map<String, String> steps(Path workspace) throws Exception {
        var workflow = PullRequestWorkflow.read();
        var env = new HashMap<String, String>();
        for (var name : List.of(BASE_PLAN, HEAD_PLAN)) {
            var githubEnv = workspace.resolve("github-env");
            Files.deleteIfExists(githubEnv);
            Files.createFile(githubEnv);
            var script = Files.writeString(workspace.resolve("step.sh"), workflow.run("plan", name, "homelab"));
            // The runner's shell for `run:` on Linux.
            var pb = new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail", script.toString()).directory(workspace.toFile());
            pb.environment().remove(Launcher.IN_PROCESS);
            pb.environment().putAll(env);
            pb.environment().putAll(Map.of("GITHUB_ENV", githubEnv.toString(), "GITHUB_OUTPUT", workspace.resolve("github-output").toString(),
                    "GITHUB_STEP_SUMMARY", workspace.resolve("step-summary").toString()));
            pb.redirectErrorStream(true);
            var process = pb.start();
            var log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("step %s finished", name).isTrue();
            assertThat(process.exitValue()).as("step %s; its log: %s", name, log).isZero();
            for (var line : Files.readAllLines(githubEnv)) {
                var eq = line.indexOf('=');
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }
}
