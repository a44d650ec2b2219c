package dev.citadel.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stack whose operators (External Secrets, cert-manager, CloudNativePG and barman-cloud) Flux installs
 * plans clean through the real plan path: crd-installed-before-use used to fail every such stack's first
 * preview with the pack attached, though nothing in the stack says a CRD is missing. It now advises, once,
 * naming what it assumed.
 */
class OperatorsInstalledElsewhereTest {
    private static final String[] PLAN = {"plan", "--stack", "flux", "--project-dir", "src/test/resources/projects/operators-elsewhere"};

    @Test
    void plansWithNoMandatoryFindingAndOneAdvisoryNamingTheAssumedCrds() {
        var json = Cli.run(concat(PLAN, "--format", "json"));
        assertThat(json.exitCode()).as("stderr: %s", json.err()).isZero();
        assertThat(BrokenStackTest.mandatory(json.out())).isEmpty();
        assertThat(json.out()).containsPattern("\"policy\": \"crd-installed-before-use\",\\s*\"level\": \"advisory\"");

        var text = Cli.run(PLAN);
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("[advisory]  crd-installed-before-use  (stack)",
                "barmancloud.cnpg.io/ObjectStore (1 resource)", "cert-manager.io/ClusterIssuer (2 resources)",
                "external-secrets.io/ExternalSecret (2 resources)", "postgresql.cnpg.io/Cluster (1 resource)",
                "postgresql.cnpg.io/Pooler (1 resource)", "postgresql.cnpg.io/ScheduledBackup (1 resource)",
                "Policies: 0 mandatory, 1 advisory");
    }

    private static String[] concat(String[] a, String... b) {
        var out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
