package dev.citadel.policy.rules;

import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.Violation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CrdInstalledBeforeUsePolicyTest {
    private final CrdInstalledBeforeUse policy = new CrdInstalledBeforeUse();

    private static String withRelease(String chart, String values) {
        return """
                config:
                  crdCharts: {cloudnative-pg: "postgresql.cnpg.io, barmancloud.cnpg.io/ObjectStore"}
                resources:
                  - type: kubernetes:helm.sh/v3:Release
                    name: cnpg
                    inputs: {chart: "%s", values: %s}
                  - apiVersion: postgresql.cnpg.io/v1
                    kind: Cluster
                    metadata: {name: keycloak-postgres, namespace: identity}
                """.formatted(chart, values);
    }

    @Test
    void aChartOrCrdSwitchKnownOnlyAtDeploymentIsUndecidable() {
        assertThat(RuleRun.messages(policy, withRelease("[unknown]", "{}")))
                .singleElement().asString().contains("postgresql.cnpg.io/Cluster").contains("not known until deployment");
        assertThat(RuleRun.messages(policy, withRelease("cnpg/cloudnative-pg", "{crds: {create: \"[unknown]\"}}")))
                .singleElement().asString().contains("not known until deployment");
        assertThat(RuleRun.messages(policy, withRelease("cnpg/cloudnative-pg", "{crds: {create: true}}"))).isEmpty();
        assertThat(RuleRun.messages(policy, withRelease("cnpg/cloudnative-pg", "{crds: {create: false}}")))
                .singleElement().asString().contains("values.crds.create: false");
    }

    @Test
    void gatewayApiIsNotBuiltInButLegacyExtensionsIs() {
        var messages = RuleRun.messages(policy, """
                config: {preinstalledCrds: [barmancloud.cnpg.io/ObjectStore]}
                resources:
                  - apiVersion: gateway.networking.k8s.io/v1
                    kind: HTTPRoute
                    metadata: {name: keycloak, namespace: identity}
                  - apiVersion: extensions/v1beta1
                    kind: Ingress
                    metadata: {name: legacy, namespace: identity}
                  - apiVersion: networking.k8s.io/v1
                    kind: Ingress
                    metadata: {name: keycloak, namespace: identity}
                  - apiVersion: barmancloud.cnpg.io/v1
                    kind: ObjectStore
                    metadata: {name: keycloak-backups, namespace: identity}
                  - apiVersion: barmancloud.cnpg.io/v1alpha1
                    kind: Other
                    metadata: {name: x, namespace: identity}
                """);
        assertThat(messages).hasSize(2)
                .anySatisfy(m -> assertThat(m).contains("gateway.networking.k8s.io/HTTPRoute"))
                .anySatisfy(m -> assertThat(m).contains("barmancloud.cnpg.io/Other"));
    }

    @Test
    void aCrdWhoseGroupIsUnknownMayBeTheOne() {
        assertThat(RuleRun.messages(policy, """
                resources:
                  - apiVersion: apiextensions.k8s.io/v1
                    kind: CustomResourceDefinition
                    metadata: {name: clusters.postgresql.cnpg.io}
                    spec: {group: "[unknown]", names: {kind: Cluster}}
                  - apiVersion: postgresql.cnpg.io/v1
                    kind: Cluster
                    metadata: {name: keycloak-postgres, namespace: identity}
                """)).singleElement().asString().contains("not known until deployment");
    }

    private static final String MONITORING_CRDS = """
              - apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: servicemonitors.monitoring.coreos.com}
                spec: {group: monitoring.coreos.com, names: {kind: ServiceMonitor, plural: servicemonitors}}
              - apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: alertmanagers.monitoring.coreos.com}
                spec: {group: monitoring.coreos.com, names: {kind: Alertmanager, plural: alertmanagers}}
              - apiVersion: monitoring.coreos.com/v1
                kind: Prometheus
                metadata: {name: dev-kube-prometheus-stack-prometheus, namespace: monitoring}
            """;

    /** The stack's ExternalSecrets, ClusterIssuer and CNPG objects, their operators installed by Flux. */
    private static final String OPERATORS_ELSEWHERE = """
              - apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: authentik-postgres, namespace: authentik}
              - apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: keycloak-postgres, namespace: keycloak}
              - apiVersion: cert-manager.io/v1
                kind: ClusterIssuer
                metadata: {name: letsencrypt}
              - apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: keycloak-db, namespace: keycloak}
              - apiVersion: postgresql.cnpg.io/v1
                kind: Pooler
                metadata: {name: keycloak-db-rw, namespace: keycloak}
              - apiVersion: barmancloud.cnpg.io/v1
                kind: ObjectStore
                metadata: {name: keycloak-backups, namespace: keycloak}
            """;

    private static List<Violation> run(String config, String resources) {
        return RuleRun.run(policy(), "config: " + config + "\nresources:\n" + resources);
    }

    private static CrdInstalledBeforeUse policy() {
        return new CrdInstalledBeforeUse();
    }

    @Test
    void seed004PrometheusMissingBesideItsSiblingMonitoringCrdsBlocksWithoutAnyInventory() {
        assertThat(run("{}", MONITORING_CRDS)).singleElement().satisfies(v -> {
            assertThat(v.level()).isEqualTo(EnforcementLevel.MANDATORY);
            assertThat(v.urn()).contains("Prometheus");
            assertThat(v.message()).contains("monitoring.coreos.com/Prometheus",
                    "the other monitoring.coreos.com CRDs (Alertmanager, ServiceMonitor) but not this one");
        });
    }

    @Test
    void operatorsInstalledElsewhereAreOneAdvisoryNamingTheAssumedCrds() {
        assertThat(run("{}", OPERATORS_ELSEWHERE)).singleElement().satisfies(v -> {
            assertThat(v.level()).isEqualTo(EnforcementLevel.ADVISORY);
            assertThat(v.urn()).isEmpty();
            assertThat(v.message()).contains("barmancloud.cnpg.io/ObjectStore (1 resource)", "cert-manager.io/ClusterIssuer (1 resource)",
                    "external-secrets.io/ExternalSecret (2 resources)", "postgresql.cnpg.io/Cluster (1 resource)",
                    "postgresql.cnpg.io/Pooler (1 resource)", "preinstalledCrds");
        });
        // the policy's level still rules: configured off, the advice goes too
        assertThat(run("{enforcementLevel: disabled}", OPERATORS_ELSEWHERE)).isEmpty();
        assertThat(run("{preinstalledCrds: [external-secrets.io, cert-manager.io, postgresql.cnpg.io, barmancloud.cnpg.io]}",
                OPERATORS_ELSEWHERE)).isEmpty();
    }

    @Test
    void aDeclaredInventoryMakesEveryKindOutsideItAKnownMiss() {
        var violations = run("{preinstalledCrds: [external-secrets.io, cert-manager.io/ClusterIssuer]}", OPERATORS_ELSEWHERE);
        assertThat(violations).hasSize(3).allSatisfy(v -> {
            assertThat(v.level()).isEqualTo(EnforcementLevel.MANDATORY);
            assertThat(v.message()).contains("preinstalledCrds, the stack's inventory");
        });
        assertThat(violations).extracting(Violation::message)
                .anySatisfy(m -> assertThat(m).contains("postgresql.cnpg.io/Cluster"))
                .anySatisfy(m -> assertThat(m).contains("postgresql.cnpg.io/Pooler"))
                .anySatisfy(m -> assertThat(m).contains("barmancloud.cnpg.io/ObjectStore"));
        // an empty list is an inventory too: "the cluster has none"
        assertThat(run("{preinstalledCrds: []}", OPERATORS_ELSEWHERE)).hasSize(6)
                .allSatisfy(v -> assertThat(v.level()).isEqualTo(EnforcementLevel.MANDATORY));
    }

    private static String release(String chart, String values) {
        return """
                  - type: kubernetes:helm.sh/v3:Release
                    name: operator
                    inputs: {chart: "%s", values: %s}
                """.formatted(chart, values);
    }

    private static List<EnforcementLevel> levels(String chart, String values) {
        return run("{}", release(chart, values) + OPERATORS_ELSEWHERE).stream()
                .filter(v -> !v.urn().isEmpty()).map(Violation::level).toList();
    }

    @Test
    void anOperatorChartOfTheStackWithItsCrdsOffIsAKnownMiss() {
        // cert-manager installs no CRDs unless crds.enabled (or the older installCRDs) is true
        assertThat(run("{}", release("jetstack/cert-manager", "{}") + OPERATORS_ELSEWHERE)).filteredOn(v -> !v.urn().isEmpty())
                .singleElement().satisfies(v -> {
                    assertThat(v.level()).isEqualTo(EnforcementLevel.MANDATORY);
                    assertThat(v.message()).contains("cert-manager.io/ClusterIssuer", "the chart's default is off");
                });
        assertThat(levels("cert-manager", "{crds: {enabled: true}}")).isEmpty();
        assertThat(levels("cert-manager", "{installCRDs: true}")).isEmpty();
        assertThat(run("{}", release("cert-manager", "{crds: {enabled: false}, installCRDs: \"[unknown]\"}") + OPERATORS_ELSEWHERE))
                .filteredOn(v -> !v.urn().isEmpty()).singleElement().asString().contains("not known until deployment");
        assertThat(levels("oci://quay.io/jetstack/charts/cert-manager", "{crds: {enabled: false}}"))
                .containsExactly(EnforcementLevel.MANDATORY);

        assertThat(levels("external-secrets/external-secrets", "{}")).isEmpty();
        assertThat(run("{}", release("external-secrets", "{installCRDs: false}") + OPERATORS_ELSEWHERE))
                .filteredOn(v -> !v.urn().isEmpty()).hasSize(2)
                .allSatisfy(v -> assertThat(v.message()).contains("external-secrets.io/ExternalSecret", "values.installCRDs: false"));
        // a per-kind switch leaves only that kind out
        assertThat(run("{}", release("external-secrets", "{crds: {createClusterSecretStore: false}}") + OPERATORS_ELSEWHERE
                + """
                  - apiVersion: external-secrets.io/v1
                    kind: ClusterSecretStore
                    metadata: {name: vault}
                """)).filteredOn(v -> !v.urn().isEmpty()).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("ClusterSecretStore", "values.crds.createClusterSecretStore: false"));

        assertThat(levels("cnpg/cloudnative-pg", "{crds: {create: false}}"))
                .containsExactly(EnforcementLevel.MANDATORY, EnforcementLevel.MANDATORY);
        assertThat(levels("plugin-barman-cloud", "{crds: {create: false}}")).containsExactly(EnforcementLevel.MANDATORY);
        assertThat(run("{}", release("kube-prometheus-stack", "{crds: {enabled: false}}") + """
                  - apiVersion: monitoring.coreos.com/v1
                    kind: Prometheus
                    metadata: {name: k8s, namespace: monitoring}
                """)).filteredOn(v -> v.urn().endsWith("Prometheus::k8s")).singleElement().satisfies(v -> {
                    assertThat(v.level()).isEqualTo(EnforcementLevel.MANDATORY);
                    assertThat(v.message()).contains("values.crds.enabled: false");
                });
        assertThat(levels("prometheus-community/kube-prometheus-stack", "{}")).isEmpty();
    }

    /** Seed 004: kube-prometheus-stack with crds.enabled: false renders its own Prometheus, which nothing can serve. */
    private static String kubePrometheusStack(String values) {
        return """
                resources:
                  - type: kubernetes:helm.sh/v3:Release
                    name: kube-prometheus-stack
                    inputs:
                      chart: kube-prometheus-stack
                      namespace: monitoring
                      values: %s
                """.formatted(values);
    }

    @Test
    void seed004AChartWithItsCrdsOffWhoseOwnObjectsNeedThemBlocksEvenWhenTheStackUsesNone() {
        assertThat(RuleRun.run(policy, kubePrometheusStack("{crds: {enabled: false}}"))).hasSize(2)
                .allSatisfy(v -> assertThat(v.level()).isEqualTo(EnforcementLevel.MANDATORY))
                .anySatisfy(v -> assertThat(v.message()).contains("renders its own Prometheus")
                        .contains("values.crds.enabled: false").contains("monitoring.coreos.com/Prometheus"))
                .anySatisfy(v -> assertThat(v.message()).contains("renders its own Alertmanager"));
    }

    @Test
    void theSameChartPassesWithItsCrdsOnTheCrdsDeclaredOrItsOwnObjectsOff() {
        assertThat(RuleRun.run(policy, kubePrometheusStack("{crds: {enabled: true}}"))).isEmpty();
        assertThat(RuleRun.run(policy, kubePrometheusStack("{}"))).isEmpty();
        assertThat(RuleRun.run(policy, "config: {preinstalledCrds: [monitoring.coreos.com]}\n"
                + kubePrometheusStack("{crds: {enabled: false}}"))).isEmpty();
        assertThat(RuleRun.run(policy, kubePrometheusStack(
                "{crds: {enabled: false}, prometheus: {enabled: false}, alertmanager: {enabled: false}}"))).isEmpty();
        assertThat(RuleRun.messages(policy, kubePrometheusStack("{crds: {enabled: false}, prometheus: {enabled: \"[unknown]\"}, "
                + "alertmanager: {enabled: false}}"))).singleElement().asString().contains("not known until deployment");
    }
}
