package dev.citadel.policy.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterIssuerSecretNamespacePolicyTest {
    private final ClusterIssuerSecretNamespace policy = new ClusterIssuerSecretNamespace();

    @Test
    void aNamespaceKnownOnlyAtDeploymentIsUndecidableNotAPass() {
        var messages = RuleRun.messages(policy, """
                resources:
                  - apiVersion: cert-manager.io/v1
                    kind: ClusterIssuer
                    metadata: {name: letsencrypt-prod}
                    spec:
                      acme:
                        solvers:
                          - dns01:
                              webhook:
                                groupName: acme.zacharyseguin.ca
                                solverName: pdns
                                config:
                                  apiKeySecretRef: {name: powerdns-api-key, key: PDNS_API_KEY, namespace: "[unknown]"}
                """);
        assertThat(messages).singleElement().asString()
                .contains("apiKeySecretRef.namespace").contains("not known until deployment");
    }

    @Test
    void findsNestedSecretRefsButLeavesBuiltInSolversAlone() {
        // cert-manager's own solvers (cloudflare) read from its cluster resource namespace: no namespace field.
        var messages = RuleRun.messages(policy, """
                resources:
                  - apiVersion: cert-manager.io/v1
                    kind: ClusterIssuer
                    metadata: {name: letsencrypt-prod}
                    spec:
                      acme:
                        solvers:
                          - dns01:
                              cloudflare:
                                apiTokenSecretRef: {name: cloudflare-token, key: token}
                          - dns01:
                              webhook:
                                solverName: desec
                                config:
                                  auth:
                                    secretRef: {name: desec-token, key: token}
                """);
        assertThat(messages).singleElement().asString()
                .contains("solvers[1].dns01.webhook.config.auth.secretRef").contains("desec-token");
    }
}
