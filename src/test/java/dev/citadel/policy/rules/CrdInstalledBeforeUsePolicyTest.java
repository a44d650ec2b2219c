package dev.citadel.policy.rules;

import org.junit.jupiter.api.Test;

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
}
