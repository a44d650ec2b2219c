package dev.citadel.readme;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A newcomer following a link of the README, docs/ or policies/README.md lands on a page and a heading that exist. */
class DocsLinksTest {

    @Test
    void everyLinkOfTheDocsLeadsToAFileAndHeadingThatExist() {
        assertThat(DocPages.pages(Path.of(""))).contains(Path.of("README.md"), Path.of("policies/README.md"),
                Path.of("docs/settings.md"), Path.of("docs/incidents.md"));
        assertThat(DocLinks.broken(Path.of(""))).isEmpty();
    }

    @Test
    void aMissingFileAHeadingThatMovedAndAMalformedUrlAreEachReportedWithTheirLine(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("README.md"), """
                # Citadel

                See [operations](docs/operations.md), [the CI section](docs/ops.md#with-pulumi-up-and-in-pr-ci),
                [set up](#set-up) and [the issue](https://github.com/pulumi/pulumi/issues/24052).

                ## Set up

                `[not a link](nowhere.md)` is code.
                """);
        Files.writeString(root.resolve("docs/ops.md"), """
                # Operations

                ## With `pulumi up` and in PR CI

                Back to the [README](../README.md#set-up), on to [verify](#after-pulumi-up-citadel-verify),
                [a design](/DESIGN.md) and [a bad URL](https://exa%zzmple.com).
                """);

        assertThat(DocLinks.broken(root)).containsExactly(
                "README.md:3: docs/operations.md: no file " + Path.of("docs/operations.md"),
                Path.of("docs/ops.md") + ":5: #after-pulumi-up-citadel-verify: no heading with anchor "
                        + "#after-pulumi-up-citadel-verify in " + Path.of("docs/ops.md"),
                Path.of("docs/ops.md") + ":6: /DESIGN.md: an absolute path: write it relative to " + Path.of("docs/ops.md"),
                Path.of("docs/ops.md") + ":6: https://exa%zzmple.com: not a URL (Malformed escape pair)");
    }

    @Test
    void anchorsAreTheOnesGitHubGivesHeadingsWithCodeAndPunctuation() {
        assertThat(DocPages.slug("With pulumi up and in PR CI")).isEqualTo("with-pulumi-up-and-in-pr-ci");
        assertThat(DocPages.slug("After pulumi up: citadel verify")).isEqualTo("after-pulumi-up-citadel-verify");
        assertThat(DocPages.slug("Worked example: seed 001's authentik changes as code"))
                .isEqualTo("worked-example-seed-001s-authentik-changes-as-code");
        assertThat(DocPages.slug("The other two OIDC patterns from the same realm (seeds 000 §1.4, 002)"))
                .isEqualTo("the-other-two-oidc-patterns-from-the-same-realm-seeds-000-14-002");
    }
}
