package dev.citadel.policy.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretConsumersReloadPolicyTest {
    private final SecretConsumersReload policy = new SecretConsumersReload();

    private static String stack(String secretName, String annotations) {
        return """
                resources:
                  - apiVersion: external-secrets.io/v1
                    kind: ExternalSecret
                    metadata: {name: powerdns-api-key, namespace: dns-system}
                    spec: {target: {name: powerdns-api-key}}
                  - apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: powerdns
                      namespace: dns-system
                      annotations: %s
                    spec:
                      template:
                        spec:
                          containers:
                            - name: powerdns
                              env:
                                - name: PDNS_api_key
                                  valueFrom: {secretKeyRef: {name: "%s", key: PDNS_API_KEY}}
                """.formatted(annotations, secretName);
    }

    @Test
    void aSecretNameKnownOnlyAtDeploymentIsUndecidable() {
        assertThat(RuleRun.messages(policy, stack("[unknown]", "{}")))
                .singleElement().asString().contains("not known until deployment").contains("Deployment powerdns");
    }

    @Test
    void aReloadListMustNameTheSecretItself() {
        assertThat(RuleRun.messages(policy, stack("powerdns-api-key",
                "{secret.reloader.stakater.com/reload: powerdns-db}"))).singleElement().asString()
                .contains("powerdns-api-key");
        assertThat(RuleRun.messages(policy, stack("powerdns-api-key",
                "{secret.reloader.stakater.com/reload: 'powerdns-db, powerdns-api-key'}"))).isEmpty();
        assertThat(RuleRun.messages(policy, stack("powerdns-api-key",
                "{reloader.stakater.com/auto: 'false'}"))).hasSize(1);
    }

    @Test
    void aSecretOfTheSameNameInAnotherNamespaceIsNotTheSyncedOne() {
        var other = stack("powerdns-api-key", "{}").replace("namespace: dns-system}", "namespace: cert-manager}");
        assertThat(RuleRun.messages(policy, other)).isEmpty();
    }
}
