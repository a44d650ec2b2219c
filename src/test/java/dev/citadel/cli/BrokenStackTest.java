package dev.citadel.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference stacks plan clean; a deliberately broken variant (every seed failure written by hand
 * beside the components) fails with exactly the mandatory violations the seeds call for.
 */
class BrokenStackTest {

    record Run(int exit, String out, String err) {
    }

    static Run plan(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        var exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static Set<String> mandatory(String json) {
        var ids = new TreeSet<String>();
        var m = Pattern.compile("\"policy\": \"([a-z0-9-]+)\",\\s*\"level\": \"mandatory\"").matcher(json);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    @Test
    void referenceStacksHaveNoMandatoryViolations() {
        for (var stack : new String[]{"homelab", "aws-dev"}) {
            var run = plan("plan", "--stack", stack, "--format", "json");
            assertThat(run.exit()).as(stack + ": " + run.err()).isZero();
            assertThat(mandatory(run.out())).as(stack).isEmpty();
        }
    }

    @Test
    void theBrokenVariantFailsWithTheSeedsViolations() {
        var run = plan("plan", "--stack", "broken", "--project-dir", "src/test/resources/broken-project", "--format", "json");
        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(mandatory(run.out())).containsExactlyInAnyOrder(
                "no-regenerating-secret-generators",
                "cluster-issuer-secret-namespace",
                "oidc-rbac-contract",
                "s3-compatible-checksum-env",
                "pgbouncer-idle-transaction-timeout",
                "crd-installed-before-use",
                "no-image-downgrade",
                "inert-helm-values",
                "liveness-tolerates-migrations",
                "no-mutable-image-tags",
                "no-insecure-images",
                "references-resolve");
        var text = plan("plan", "--stack", "broken", "--project-dir", "src/test/resources/broken-project");
        assertThat(text.exit()).isEqualTo(1);
        assertThat(text.out()).contains("[mandatory]  no-regenerating-secret-generators", "fix: ");
    }
}
