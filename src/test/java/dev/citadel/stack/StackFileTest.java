package dev.citadel.stack;

import com.google.gson.JsonParser;
import dev.citadel.config.ConfigException;
import dev.citadel.testing.Read;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading Pulumi.yaml and a stack file the way the Pulumi CLI does. */
class StackFileTest {

    private static Path projectWithStack(Path dir, String stackYaml) throws IOException {
        Files.writeString(dir.resolve("Pulumi.yaml"), "name: citadel\nruntime: java\nstackConfigDir: stacks\n");
        Files.createDirectories(dir.resolve("stacks"));
        Files.writeString(dir.resolve("stacks/Pulumi.test.yaml"), stackYaml);
        return dir;
    }

    @Test
    void secureValuesAreSecureKeysAndNeverConfig() {
        var file = StackFile.load(Read.testProject("canary"), "leak");

        assertThat(file.secureKeys()).containsExactly("citadel:adminToken");
        assertThat(file.secureKeys("citadel")).containsExactly("adminToken");
        assertThat(file.config()).doesNotContainKey("citadel:adminToken");
        assertThat(file.config().values()).noneMatch(v -> v.contains("canary-ciphertext"));
        assertThat(file.namespace("citadel")).doesNotContainKey("adminToken").containsEntry("dbPassword", "canary-plaintext-9e2b41f7c6a3");
    }

    @Test
    void theProjectsOwnStacksReadWithNamespacesAndStructuredValuesAsJson() {
        var file = StackFile.load(Path.of("."), "aws-dev");

        assertThat(file.project()).isEqualTo("citadel");
        assertThat(file.stack()).isEqualTo("aws-dev");
        assertThat(file.config()).containsEntry("aws:region", "eu-west-2");
        assertThat(file.namespace("citadel")).containsOnlyKeys("kubernetes", "vault", "secrets", "identity", "rds", "policies");
        assertThat(file.namespace("aws")).containsOnlyKeys("region");
        var vault = JsonParser.parseString(file.config().get("citadel:vault")).getAsJsonObject();
        assertThat(vault.get("address").getAsString()).isEqualTo("https://vault.dev.internal:8200");
        assertThat(vault.getAsJsonArray("readablePaths").get(0).getAsString()).isEqualTo("backstage/*");
        var secrets = JsonParser.parseString(file.config().get("citadel:secrets")).getAsJsonArray();
        assertThat(secrets.get(0).getAsJsonObject().getAsJsonArray("syncTo").get(0).getAsJsonObject().get("namespace").getAsString())
                .isEqualTo("backstage");
    }

    @Test
    void structuredValuesKeepTheirTypesInJson(@TempDir Path dir) throws IOException {
        var file = StackFile.load(projectWithStack(dir, """
                config:
                  citadel:settings:
                    length: 32
                    enabled: true
                    ratio: 0.5
                    names: [a, b]
                    empty: null
                  citadel:rotation: 3
                """), "test");

        var settings = JsonParser.parseString(file.config().get("citadel:settings")).getAsJsonObject();
        assertThat(settings.get("length").toString()).isEqualTo("32");
        assertThat(settings.get("enabled").getAsBoolean()).isTrue();
        assertThat(settings.get("ratio").getAsDouble()).isEqualTo(0.5);
        assertThat(settings.getAsJsonArray("names")).hasSize(2);
        assertThat(file.config()).containsEntry("citadel:rotation", "3");
        assertThat(file.secureKeys()).isEmpty();
    }

    @Test
    void duplicateKeysAreRejectedWithTheKeyAndLine() {
        assertThatThrownBy(() -> StackFile.load(Read.testProject("mistakes"), "duplicate-key"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Pulumi.duplicate-key.yaml is not valid YAML")
                .hasMessageContaining("duplicate key citadel:vault")
                .hasMessageContaining("line 13");
    }

    @Test
    void duplicateKeysInsideStructuredConfigAreRejectedToo(@TempDir Path dir) throws IOException {
        projectWithStack(dir, """
                config:
                  citadel:vault:
                    address: https://a.example:8200
                    kvMount: secret
                    address: https://b.example:8200
                """);

        assertThatThrownBy(() -> StackFile.load(dir, "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("duplicate key address")
                .hasMessageContaining("line 5");
    }

    @Test
    void aSecureValueNestedInStructuredConfigIsRejectedWithItsPath() {
        assertThatThrownBy(() -> StackFile.load(Read.testProject("mistakes"), "nested-secure"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("citadel:secrets[0].values.apiToken is a secure value inside structured config");
    }

    @Test
    void aKeyWithoutValueIsRejected(@TempDir Path dir) throws IOException {
        projectWithStack(dir, "config:\n  citadel:vault:\n");

        assertThatThrownBy(() -> StackFile.load(dir, "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Pulumi.test.yaml: config key 'citadel:vault' has no value; give one or remove the key");
    }

    @Test
    void configThatIsNotAMapIsRejected(@TempDir Path dir) throws IOException {
        projectWithStack(dir, "config:\n  - citadel:vault\n");

        assertThatThrownBy(() -> StackFile.load(dir, "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'config' should be a map");
    }

    @Test
    void anUnknownStackUnderAnAbsoluteStackConfigDirNamesTheFileItLookedFor(@TempDir Path project, @TempDir Path elsewhere) throws IOException {
        Files.writeString(project.resolve("Pulumi.yaml"), "name: citadel\nstackConfigDir: " + elsewhere.toAbsolutePath() + "\n");
        Files.writeString(elsewhere.resolve("Pulumi.dev.yaml"), "config: {}\n");

        // --project-dir given relative to the working directory, the config dir absolute.
        var relativeProject = Path.of("").toAbsolutePath().relativize(project.toAbsolutePath());

        assertThatThrownBy(() -> StackFile.load(relativeProject, "prod"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("no stack 'prod': " + elsewhere.toAbsolutePath().normalize().resolve("Pulumi.prod.yaml")
                        + " does not exist; the stacks are: dev");
    }

    @Test
    void anEmptyStackFileHasNoConfig(@TempDir Path dir) throws IOException {
        var file = StackFile.load(projectWithStack(dir, ""), "test");

        assertThat(file.config()).isEmpty();
        assertThat(file.secureKeys()).isEmpty();
    }

    @Test
    void aDatedRotationIsItsIsoTextInEveryTimeZone(@TempDir Path dir) throws IOException {
        projectWithStack(dir, """
                config:
                  citadel:rotation: 2024-06-01
                  citadel:secrets:
                    - name: app-token
                      rotation: 2024-06-01
                      stamped: 2024-06-01 12:30:00
                """);
        var zone = java.util.TimeZone.getDefault();
        try {
            for (var id : new String[]{"UTC", "Pacific/Chatham", "America/Los_Angeles"}) {
                java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone(id));
                var file = StackFile.load(dir, "test");

                assertThat(file.config()).as(id).containsEntry("citadel:rotation", "2024-06-01");
                var secret = JsonParser.parseString(file.config().get("citadel:secrets")).getAsJsonArray().get(0).getAsJsonObject();
                assertThat(secret.get("rotation").getAsString()).as(id).isEqualTo("2024-06-01");
                assertThat(secret.get("stamped").getAsString()).as(id).isEqualTo("2024-06-01 12:30:00");
            }
        } finally {
            java.util.TimeZone.setDefault(zone);
        }
    }

    @Test
    void yaml11BooleansAndOctalsStayTextAsInYaml12(@TempDir Path dir) throws IOException {
        var file = StackFile.load(projectWithStack(dir, """
                config:
                  citadel:settings:
                    name: yes
                    other: off
                    n: n
                    mode: 0755
                    enabled: true
                    count: 12
                    ratio: 0.5
                    none: null
                  citadel:flag: on
                """), "test");

        var settings = JsonParser.parseString(file.config().get("citadel:settings")).getAsJsonObject();
        assertThat(settings.get("name").getAsJsonPrimitive().isString()).isTrue();
        assertThat(settings.get("name").getAsString()).isEqualTo("yes");
        assertThat(settings.get("other").getAsString()).isEqualTo("off");
        assertThat(settings.get("n").getAsString()).isEqualTo("n");
        assertThat(settings.get("mode").getAsString()).isEqualTo("0755");
        assertThat(settings.get("enabled").getAsJsonPrimitive().isBoolean()).isTrue();
        assertThat(settings.get("count").getAsInt()).isEqualTo(12);
        assertThat(settings.get("ratio").getAsDouble()).isEqualTo(0.5);
        assertThat(settings.has("none")).isFalse();
        assertThat(file.config()).containsEntry("citadel:flag", "on");
    }

    @Test
    void anAliasBombIsRejectedQuicklyNamingTheKey(@TempDir Path dir) throws IOException {
        // 544 bytes, 45 aliases (below SnakeYAML's 50): 9^5 = 59,049 leaves under e, 9^6 under f.
        var bomb = new StringBuilder("config:\n  other:bomb:\n    a: &a [x, x, x, x, x, x, x, x, x]\n");
        var previous = 'a';
        for (var level = 'b'; level <= 'f'; level++) {
            bomb.append("    ").append(level).append(": &").append(level).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ", ").append('*').append(previous);
            }
            bomb.append("]\n");
            previous = level;
        }
        projectWithStack(dir, bomb.toString());

        var started = System.nanoTime();
        assertThatThrownBy(() -> StackFile.load(dir, "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("other:bomb: more than 100000 values once YAML aliases");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(5));
    }

    /**
     * The shape that did hurt before the budget: 3 wide, 16 deep, 48 aliases in under 1 KB (3^16 = 43 million leaves).
     * Measured on c9fa2fd: 117 s and 3.5 GB before exit 0, or an OutOfMemoryError trace with a 1 GB heap.
     */
    @Test
    void aDeepNarrowAliasBombIsRejectedQuicklyToo(@TempDir Path dir) throws IOException {
        var bomb = new StringBuilder("config:\n  other:bomb:\n    l0: &l0 [x, x, x]\n");
        for (int level = 1; level < 16; level++) {
            var previous = "*l" + (level - 1);
            bomb.append("    l").append(level).append(": &l").append(level).append(" [")
                    .append(String.join(", ", previous, previous, previous)).append("]\n");
        }
        projectWithStack(dir, bomb.toString());
        assertThat(bomb.length()).isLessThan(1024);

        var started = System.nanoTime();
        assertThatThrownBy(() -> StackFile.load(dir, "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("other:bomb: more than 100000 values once YAML aliases");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(5));
    }

    @Test
    void aStackFileOverTheSizeBudgetIsRejectedBeforeItIsParsed(@TempDir Path dir) throws IOException {
        projectWithStack(dir, "config:\n  citadel:big: \"" + "x".repeat((int) StackFile.MAX_FILE_BYTES) + "\"\n");

        assertThatThrownBy(() -> StackFile.load(dir, "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Pulumi.test.yaml is ")
                .hasMessageContaining("at most " + StackFile.MAX_FILE_BYTES);
    }
}
