package dev.citadel.policy.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigChangeRollsPodsPolicyTest {
    private final ConfigChangeRollsPods policy = new ConfigChangeRollsPods();

    private static String stack(String configMapMetadata, String workloadAnnotations, String templateAnnotations) {
        return """
                resources:
                  - apiVersion: v1
                    kind: ConfigMap
                    metadata: %s
                    data: {pgbouncer.ini: "[pgbouncer]"}
                  - apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: pgbouncer, namespace: dbaas, annotations: %s}
                    spec:
                      template:
                        metadata: {annotations: %s}
                        spec:
                          containers: [{name: pgbouncer, image: "bitnami/pgbouncer:1.24.1"}]
                          volumes: [{name: config, configMap: {name: pgbouncer-config}}]
                """.formatted(configMapMetadata, workloadAnnotations, templateAnnotations);
    }

    private static final String NAMED = "{name: pgbouncer-config, namespace: dbaas}";

    @Test
    void podTemplateAnnotationsKnownOnlyAtDeploymentAreUndecidable() {
        assertThat(RuleRun.messages(policy, stack(NAMED, "{}", "\"[unknown]\"")))
                .singleElement().asString().contains("not known until deployment");
    }

    @Test
    void aChecksumOnTheWorkloadInsteadOfThePodTemplateRollsNothing() {
        assertThat(RuleRun.messages(policy, stack(NAMED, "{checksum/config: abc}", "{}"))).hasSize(1);
        assertThat(RuleRun.messages(policy, stack(NAMED, "{}", "{checksum/config: abc}"))).isEmpty();
        assertThat(RuleRun.messages(policy, stack(NAMED, "{}", "{configmap.reloader.stakater.com/reload: pgbouncer-config}"))).isEmpty();
    }

    @Test
    void autoNamedOrOtherNamespaceConfigMapsAreNotTheOneMounted() {
        assertThat(RuleRun.messages(policy, stack("{namespace: dbaas}", "{}", "{}"))).isEmpty();
        assertThat(RuleRun.messages(policy, stack("{name: pgbouncer-config, namespace: traefik}", "{}", "{}"))).isEmpty();
    }
}
