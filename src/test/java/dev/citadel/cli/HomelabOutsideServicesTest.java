package dev.citadel.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RustFS and Vault run outside the homelab stack, so no component's contract can carry their hosts: the stack names
 * them ({@code http://rustfs.storage.svc…}, {@code http://vault.vault.svc…}) and declares each Service under
 * {@code references-resolve.preinstalled}. The plan's reference check resolves the typed host against that declaration:
 * without it the plan says which Service it assumed, so a mistyped or undeclared host never passes silently.
 */
class HomelabOutsideServicesTest {
    private static Cli.Result planWithout(Path dir, String declaration) throws IOException {
        Files.copy(Path.of("Pulumi.yaml"), dir.resolve("Pulumi.yaml"));
        Files.createDirectories(dir.resolve("stacks"));
        var stack = Files.readString(Path.of("stacks", "Pulumi.homelab.yaml"));
        var line = "        - " + declaration + "\n";
        assertThat(stack).contains(line);
        Files.writeString(dir.resolve("stacks").resolve("Pulumi.homelab.yaml"), stack.replace(line, ""));
        return Cli.run("plan", "--stack", "homelab", "--project-dir", dir.toString());
    }

    @Test
    void declaredTheTypedHostsResolve() {
        var result = Cli.run("plan", "--stack", "homelab");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).doesNotContain("Service storage/rustfs").doesNotContain("Service vault/vault");
    }

    @Test
    void withoutRustfsDeclaredThePlanNamesTheServiceItAssumed(@TempDir Path dir) throws IOException {
        var result = planWithout(dir, "Service storage/rustfs");
        assertThat(result.out()).contains("references-resolve").contains("Service storage/rustfs");
    }

    @Test
    void withoutVaultDeclaredThePlanNamesTheServiceItAssumed(@TempDir Path dir) throws IOException {
        var result = planWithout(dir, "Service vault/vault");
        assertThat(result.out()).contains("references-resolve").contains("Service vault/vault");
    }
}
