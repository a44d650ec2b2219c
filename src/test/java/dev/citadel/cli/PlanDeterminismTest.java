package dev.citadel.cli;

import dev.citadel.testing.Read;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Two plans of the same stack are byte-identical: CI can diff them, reviewers see only real changes. */
class PlanDeterminismTest {

    @Test
    void twoPlansOfHomelabPrintAndWriteTheSameBytes(@TempDir Path first, @TempDir Path second) throws IOException {
        var a = Cli.run("plan", "--stack", "homelab", "--out", first.toString());
        var b = Cli.run("plan", "--stack", "homelab", "--out", second.toString());

        assertThat(a.exitCode()).as("stderr: %s", a.err()).isZero();
        assertThat(b.exitCode()).as("stderr: %s", b.err()).isZero();
        assertThat(b.out()).isEqualTo(a.out());
        var names = Read.files(first);
        assertThat(names).as("files written").hasSizeGreaterThan(10);
        assertThat(Read.files(second)).isEqualTo(names);
        for (var name : names) {
            assertThat(Files.mismatch(first.resolve(name), second.resolve(name))).as("first differing byte of %s", name).isEqualTo(-1L);
        }
    }

    @Test
    void twoJsonPlansAreIdentical() {
        var a = Cli.run("plan", "--stack", "homelab", "--format", "json");
        var b = Cli.run("plan", "--stack", "homelab", "--format", "json");

        assertThat(a.exitCode()).isZero();
        assertThat(b.out()).isNotEmpty().isEqualTo(a.out());
    }

    @Test
    void numbersAreWrittenAsIntegersAndObjectsInTheOrderTheyAreRead(@TempDir Path dir) throws IOException {
        assertThat(Cli.run("plan", "--stack", "homelab", "--out", dir.toString()).exitCode()).isZero();

        assertThat(Files.readString(dir.resolve("resources/random/powerdns-api-key-PDNS_API_KEY.json")))
                .contains("\"length\": 32,")
                .doesNotContain("32.0");
        assertThat(Files.readString(dir.resolve("resources/random/authentik-bootstrap-AUTHENTIK_BOOTSTRAP_TOKEN.json")))
                .contains("\"length\": 64,");
        assertThat(Files.readString(dir.resolve("resources/vault/powerdns-api-key.json"))).contains("\"maxVersions\": 10");
        for (var name : Read.files(dir)) {
            // "x": 2.0 in JSON, "x: 2.0" or "- 2.0" in YAML: a whole number written as a double.
            assertThat(Files.readString(dir.resolve(name))).as(name).doesNotContainPattern("(?m)[:-] +-?[0-9]+\\.0,?$");
        }

        var yamls = Read.files(dir).stream().filter(n -> n.startsWith("k8s/")).toList();
        assertThat(yamls).hasSizeGreaterThanOrEqualTo(6);
        for (var name : yamls) {
            var topLevel = Files.readAllLines(dir.resolve(name)).stream()
                    .filter(l -> !l.isEmpty() && !l.startsWith(" ") && !l.startsWith("-"))
                    .map(l -> l.substring(0, l.indexOf(':'))).toList();
            assertThat(topLevel).as("top-level keys of %s", name).startsWith("apiVersion", "kind", "metadata");
        }
        assertThat(Files.readString(dir.resolve("k8s/dns-system/externalsecret-powerdns-api-key.yaml")))
                .startsWith("apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n");
    }
}
