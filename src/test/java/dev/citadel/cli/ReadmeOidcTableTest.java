package dev.citadel.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The identity docs' seed-000 mapping table (docs/components/identity.md) is what the homelab stack renders, never a hand-kept copy. */
class ReadmeOidcTableTest {

    @Test
    void readmeShowsTheBindingsTheHomelabStackRenders() throws Exception {
        var readme = Files.readString(Path.of("docs/components/identity.md"));
        var start = readme.indexOf("<!-- oidc-table:start -->");
        var end = readme.indexOf("<!-- oidc-table:end -->");
        assertThat(start).as("docs/components/identity.md has an oidc-table:start marker").isNotNegative();
        assertThat(end).as("docs/components/identity.md has an oidc-table:end marker").isGreaterThan(start);
        var table = readme.substring(start + "<!-- oidc-table:start -->".length(), end).strip();

        var plan = Cli.run("plan", "--stack", "homelab", "--format", "markdown");
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        var rendered = plan.out().substring(plan.out().indexOf("| IdP group"));
        rendered = rendered.substring(0, rendered.indexOf("\n\n")).strip();
        assertThat(table).as("regenerate from: java -jar target/citadel.jar plan --stack homelab --format markdown")
                .isEqualTo(rendered);
        assertThat(table).contains("| `admin` | `oidc:admin` | `cluster-admin` | `oidc-cluster-admins` |",
                "| `user` | `oidc:user` | `view` | `oidc-cluster-users` |");
    }
}
