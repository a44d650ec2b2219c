package dev.citadel.readme;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java example in the README, docs/ and policies/README.md compiles as a newcomer would paste it: with the
 * imports it shows and nothing it does not declare. A renamed method, a moved class or an example that forgot an
 * import fails here, naming the page and line, instead of failing the reader.
 */
class DocsExamplesTest {
    private static final Path ROOT = Path.of("");

    static List<DocPages.JavaBlock> allBlocks() {
        return DocPages.pages(ROOT).stream().flatMap(page -> DocPages.javaBlocks(ROOT, page).stream()).toList();
    }

    @Test
    void everyJavaExampleCompilesWithTheImportsItShows(@TempDir Path classes) {
        var blocks = allBlocks();
        assertThat(blocks).as("the README's worked example and the component pages' examples").hasSizeGreaterThanOrEqualTo(9);
        assertThat(blocks).allSatisfy(block -> assertThat(block.code()).as(block.where() + " shows its imports")
                .startsWith("import "));

        assertThat(DocSnippets.compile(blocks, classes).errors()).isEmpty();
    }

    @Test
    void anExampleWithoutAnImportOrWithAnUndeclaredProviderFailsNamingPageAndLine(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/broken.md"), """
                # Broken

                ```java
                import com.pulumi.Pulumi;

                Pulumi.run(ctx -> {
                    var admin = new VaultBackedSecret("grafana-admin", VaultBackedSecretArgs.builder()
                            .store(SecretStoreRef.cluster("vault", "secret")).path("monitoring/grafana-admin")
                            .generate("admin-password").syncTo("monitoring").build());
                });
                ```

                ```java
                import com.pulumi.resources.ComponentResourceOptions;
                import dev.citadel.secrets.VaultSecretStore;
                import dev.citadel.secrets.VaultSecretStoreArgs;

                var store = new VaultSecretStore("vault-kv", VaultSecretStoreArgs.builder()
                        .vaultServer("http://vault.vault.svc.cluster.local:8200").kvMount("secret")
                        .build(), ComponentResourceOptions.builder().providers(kubernetes).build());
                ```
                """);
        var blocks = DocPages.pages(dir).stream().flatMap(page -> DocPages.javaBlocks(dir, page).stream()).toList();

        var errors = DocSnippets.compile(blocks, Files.createDirectories(dir.resolve("classes"))).errors();

        assertThat(errors).as("VaultBackedSecret, SecretStoreRef not imported; kubernetes never declared").containsExactly(
                Path.of("docs/broken.md") + ":7: cannot find symbol",
                Path.of("docs/broken.md") + ":8: cannot find symbol",
                Path.of("docs/broken.md") + ":20: cannot find symbol");
    }

    @Test
    void theExamplesNeedNoNullOptionsAndNoOutputWrapping() {
        assertThat(allBlocks()).allSatisfy(block -> assertThat(block.code()).as(block.where())
                .doesNotContain(", null)")
                .doesNotContainPattern("Output\\.of\\((realm|rbac|admin|apiKey|store|google)\\."));
    }
}
