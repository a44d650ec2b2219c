package dev.citadel.policy.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LivenessToleratesMigrationsPolicyTest {
    private final LivenessToleratesMigrations policy = new LivenessToleratesMigrations();

    @Test
    void configuredAppsAndMinimumApplyAndUnknownProbeFieldsAreUndecidable() {
        var messages = RuleRun.messages(policy, """
                config:
                  migratingApps: [paperless]
                  minLivenessBudgetSeconds: 120
                resources:
                  - apiVersion: apps/v1
                    kind: StatefulSet
                    metadata: {name: paperless, namespace: docs}
                    spec:
                      template:
                        spec:
                          containers:
                            - name: web
                              image: ghcr.io/paperless-ngx/paperless-ngx:2.18.4
                              livenessProbe: {initialDelaySeconds: 30, failureThreshold: 6, periodSeconds: 10}
                  - apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: keycloak, namespace: keycloak}
                    spec:
                      template:
                        spec:
                          containers:
                            - name: keycloak
                              image: quay.io/keycloak/keycloak:26.1.1
                              livenessProbe: {failureThreshold: "[unknown]"}
                """);
        assertThat(messages).hasSize(2);
        assertThat(messages).anySatisfy(m -> assertThat(m)
                .contains("StatefulSet docs/paperless: container web kills a booting pod after 90s")
                .contains("below the 120s minimum"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("livenessProbe.failureThreshold of container keycloak")
                .contains("not known until deployment"));
    }

    @Test
    void anExplicitStartupProbeInChartValuesCountsButTheChartDefaultDoesNot() {
        var messages = RuleRun.messages(policy, """
                resources:
                  - type: kubernetes:helm.sh/v3:Release
                    name: authentik
                    inputs:
                      chart: goauthentik/authentik
                      values:
                        server: {startupProbe: {failureThreshold: 60, periodSeconds: 10}}
                        worker: {enabled: false}
                """);
        assertThat(messages).isEmpty();
    }
}
