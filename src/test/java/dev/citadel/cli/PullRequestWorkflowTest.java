package dev.citadel.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workflow a stack repository copies: its test job runs what the README says CI runs, and its plan job
 * plans the pull request's base with the base's own build and posts the head's plan against it (issue 20).
 * PullRequestWorkflowIT runs the plan-diff steps' scripts themselves.
 */
class PullRequestWorkflowTest {

    @Test
    void theTestJobRunsTheReadmesTestCommand() throws IOException {
        var workflow = PullRequestWorkflow.read();
        var readme = Files.readString(Path.of("README.md"));

        assertThat(readme).contains("# 2. The tests (what CI runs): installs the Debian peers if missing, then mvn -B verify\nbash .ci/run\n");
        assertThat(workflow.steps("test")).anySatisfy(step -> assertThat(step.get("run")).isEqualTo("bash .ci/run"));
        assertThat(Files.readString(Path.of(".ci", "run"))).endsWith("\nmvn -B verify\n");
    }

    @Test
    void thePlanJobPlansTheBaseFromItsOwnCheckoutAndCommentsTheHeadAgainstIt() throws IOException {
        var workflow = PullRequestWorkflow.read();

        var checkout = workflow.step("plan", "Check out the pull request's base");
        assertThat(checkout.get("uses")).isEqualTo("actions/checkout@v4");
        assertThat(checkout.get("with")).isEqualTo(Map.of("ref", "${{ github.event.pull_request.base.sha }}", "path", ".citadel-base"));
        assertThat(workflow.run("plan", "Build the base", "homelab")).isEqualTo("mvn -B -q -f .citadel-base/pom.xml -DskipTests package");
        assertThat(workflow.run("plan", "Plan the base (the baseline)", "homelab"))
                .contains("(cd .citadel-base && java -jar target/citadel.jar plan --stack \"homelab\" --format json $LIVE_TAGS) > base.json",
                        "echo \"BASELINE=--baseline base.json\" >> \"$GITHUB_ENV\"");
        assertThat(workflow.run("plan", "citadel plan (offline)", "homelab"))
                .contains("java -jar target/citadel.jar plan --stack \"homelab\" --format markdown $BASELINE $LIVE_TAGS > plan.md");
        // One comment per stack, updated in place: the one the head's plan wrote.
        var comment = (String) ((Map<?, ?>) workflow.step("plan", "Comment the plan on the pull request").get("with")).get("script");
        assertThat(comment).contains("fs.readFileSync('plan.md', 'utf8')", "updateComment", "<!-- citadel-plan:${{ matrix.stack }} -->");
        // The base is planned before the head, and both before the comment.
        var names = workflow.steps("plan").stream().map(s -> String.valueOf(s.get("name"))).toList();
        assertThat(names.indexOf("Plan the base (the baseline)")).isLessThan(names.indexOf("citadel plan (offline)"));
        assertThat(names.indexOf("citadel plan (offline)")).isLessThan(names.indexOf("Comment the plan on the pull request"));
    }
}
