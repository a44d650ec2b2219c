package dev.citadel.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * {@code citadel plan --main-class}: a Pulumi Java program that is not Citadel's own (ConsumerPrograms), planned with its
 * own stack config, as its team would from its project directory.
 */
class ConsumerPlanCommandTest {
    private static final String GRAFANA = ConsumerPrograms.Grafana.class.getName();
    /** The consumer's pack settings: the ClusterSecretStore is the cluster's, made outside the stack. */
    private static final String POLICIES = """
              citadel:policies:
                references-resolve:
                  preinstalled: [ClusterSecretStore vault]
            """;

    @TempDir
    Path project;

    /** This test's own classpath (surefire's, not its booter jar): ConsumerPrograms with Citadel and the Pulumi SDK. */
    static String classpath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private Cli.Result plan(String stackConfig, String... more) throws IOException {
        Files.writeString(project.resolve("Pulumi.yaml"), "name: grafana\nruntime: java\n");
        Files.writeString(project.resolve("Pulumi.dev.yaml"), "config:\n" + stackConfig);
        var args = new ArrayList<>(List.of("plan", "--project-dir", project.toString(), "--stack", "dev", "--classpath", classpath()));
        if (List.of(more).stream().noneMatch(a -> a.equals("--main-class"))) {
            args.addAll(List.of("--main-class", GRAFANA));
        }
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void plansTheProgramWithItsOwnConfig_aSecureValueStaysSecret() throws IOException {
        var result = plan("""
                  grafana:smtpPassword:
                    secure: AAABAKcpjW2Zq2Vv3g==
                """ + POLICIES);
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Previewing grafana (dev), offline", "citadel:secrets:VaultBackedSecret",
                "kubernetes:apps/v1:Deployment", "vaultPath: \"secret/monitoring/grafana-admin\"", "0 mandatory");
        var json = plan("""
                  grafana:smtpPassword:
                    secure: AAABAKcpjW2Zq2Vv3g==
                """ + POLICIES, "--format", "json");
        assertThat(json.out()).contains("\"project\": \"grafana\"", "vault:kv/secretV2:SecretV2")
                .doesNotContain("not decrypted", "AAABAKcpjW2Z");
    }

    @Test
    void aPlantedViolationExitsOne() throws IOException {
        var result = plan("""
                  grafana:smtpPassword: plain-for-this-test
                  grafana:image: grafana/grafana:latest
                """ + POLICIES);
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.MANDATORY_VIOLATIONS);
        assertThat(result.out()).contains("[mandatory]  no-mutable-image-tags", "grafana/grafana:latest");
    }

    @Test
    void aDanglingReferenceIsRefused() throws IOException {
        var result = plan("""
                  grafana:smtpPassword: plain-for-this-test
                  grafana:adminSecret: grafana-admn
                """ + POLICIES);
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.MANDATORY_VIOLATIONS);
        assertThat(result.out()).contains("[mandatory]  references-resolve", "grafana-admn");
    }

    @Test
    void stackReferencesReadTheOtherStacksOutputsFromAFile() throws IOException {
        var outputs = project.resolve("platform.json");
        Files.writeString(outputs, "{\"domain\": \"example.com\", \"token\": \"[secret]\"}");
        var stack = """
                  grafana:smtpPassword: plain-for-this-test
                  grafana:platformStack: acme/platform/prod
                """ + POLICIES;
        var result = plan(stack, "--stack-outputs", "acme/platform/prod=" + outputs, "--format", "json");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("https://grafana.example.com");

        plan(stack).isOneLineUserError("StackReference 'acme/platform/prod'", "--stack-outputs acme/platform/prod=FILE.json");
        Files.writeString(outputs, "{\"domains\": \"example.com\"}");
        plan(stack, "--stack-outputs", "acme/platform/prod=" + outputs)
                .isOneLineUserError("StackReference 'acme/platform/prod' has no output 'domain'");
        plan(stack, "--stack-outputs", "acme/platform/prod=" + project.resolve("missing.json"))
                .isOneLineUserError("--stack-outputs acme/platform/prod=", "no such file", "pulumi stack output --stack acme/platform/prod --json");
    }

    @Test
    void aProgramThatNeverFinishesIsStoppedAtTheDeadline() {
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> plan("", "--main-class", ConsumerPrograms.Hangs.class.getName(),
                "--timeout", "2").isOneLineUserError("did not finish within 2 s", "--timeout"));
    }

    @Test
    void aBuilderRefusalIsTheProgramsOwnLine() throws IOException {
        plan("", "--main-class", ConsumerPrograms.Refused.class.getName()).isOneLineUserError("path is empty");
    }

    @Test
    void mistakesOnTheCommandLineAreOneLineBeforeAnythingRuns() throws IOException {
        plan("", "--main-class", "example.grafana.Mian").isOneLineUserError("--main-class 'example.grafana.Mian' is not on --classpath");
        Files.writeString(project.resolve("Pulumi.yaml"), "name: grafana\n");
        Cli.run("plan", "--project-dir", project.toString(), "--stack", "dev", "--main-class", GRAFANA)
                .isOneLineUserError("--main-class " + GRAFANA + " needs --classpath");
    }

    /** Citadel's own settings would be ignored by a program that is not Citadel's: said, not skipped. */
    @Test
    void citadelsOwnSettingsInAConsumerStackAreRefused() throws IOException {
        plan("  citadel:identity: {}\n").isOneLineUserError("citadel:identity configures Citadel's own stack program",
                "citadel:policies");
        plan("  citadle:policies: {}\n").isOneLineUserError("citadle:policies", "looks like a typo");
        // The guard runs inside Citadel's own program; a consumer's program has none to switch.
        plan("  citadel:policyGuard: false\n").isOneLineUserError("citadel:policyGuard configures Citadel's own stack program");
        plan("  citadel:policies:\n    no-such-policy: advisory\n  grafana:smtpPassword: x\n").isOneLineUserError("no-such-policy");
    }
}
