package dev.citadel.policy.rules;

import dev.citadel.policy.EnforcementLevel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the operators and charts make without being rendered, as their documentation says, and the cases where they
 * make nothing: references-resolve answers with exactly that, no more (a false pass) and no less (a false block).
 */
class ReferencesResolveOperatorsTest {
    private final ReferencesResolve policy = new ReferencesResolve();

    private static final String READER = """
              - apiVersion: v1
                kind: ConfigMap
                metadata: {name: reader, namespace: app}
                data: {url: "postgresql://%s.app.svc:5432/app"}
            """;

    private static final String CLUSTER = """
              - apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: app-db, namespace: app}
                spec:
                  instances: 1
                  managed:
                    services:
                      disabledDefaultServices: [ro, r]
                      additional:
                        - selectorType: rw
                          serviceTemplate: {metadata: {name: app-db-lb}}
            """;

    @Test
    void cnpgsAdditionalServicesAnswerAndItsDisabledDefaultsDoNot() {
        assertThat(RuleRun.run(policy, "resources:\n" + CLUSTER + READER.formatted("app-db-lb"))).isEmpty();
        assertThat(RuleRun.run(policy, "resources:\n" + CLUSTER + READER.formatted("app-db-rw"))).isEmpty();
        assertThat(RuleRun.messages(policy, "resources:\n" + CLUSTER + READER.formatted("app-db-ro"))).singleElement().asString()
                .contains("names app-db-ro.app.svc, Service app/app-db-ro; nothing answers it").contains("app-db-lb, app-db-rw");
    }

    private static String externalSecret(String creationPolicy) {
        return """
                resources:
                  - apiVersion: external-secrets.io/v1
                    kind: ClusterSecretStore
                    metadata: {name: vault}
                  - apiVersion: external-secrets.io/v1
                    kind: ExternalSecret
                    metadata: {name: app-env, namespace: app}
                    spec:
                      secretStoreRef: {kind: ClusterSecretStore, name: vault}
                      target: {name: app-env, creationPolicy: %s}
                  - apiVersion: v1
                    kind: Pod
                    metadata: {name: app, namespace: app}
                    spec:
                      containers: [{name: app, image: "ghcr.io/example/app:1.0.0", envFrom: [{secretRef: {name: app-env}}]}]
                """.formatted(creationPolicy);
    }

    @Test
    void anExternalSecretCreatesItsTargetOnlyWhenItsCreationPolicyDoes() {
        assertThat(RuleRun.run(policy, externalSecret("Owner"))).isEmpty();
        assertThat(RuleRun.run(policy, externalSecret("Orphan"))).isEmpty();
        // Merge writes into a Secret someone else made; None writes nothing: both need the Secret to exist already.
        assertThat(RuleRun.messages(policy, externalSecret("Merge"))).hasSize(2)
                .anySatisfy(m -> assertThat(m).contains("ExternalSecret app-env (spec.target.name) names Secret app/app-env"))
                .anySatisfy(m -> assertThat(m).contains("Pod app (spec.containers[app].envFrom) names Secret app/app-env"));
        assertThat(RuleRun.messages(policy, externalSecret("None"))).singleElement().asString().contains("Pod app");
    }

    @Test
    void aClusterExternalSecretsTargetAnswersInEveryNamespace() {
        assertThat(RuleRun.run(policy, """
                resources:
                  - apiVersion: external-secrets.io/v1
                    kind: ClusterSecretStore
                    metadata: {name: vault}
                  - apiVersion: external-secrets.io/v1
                    kind: ClusterExternalSecret
                    metadata: {name: registry-pull}
                    spec:
                      namespaceSelectors: [{matchLabels: {team: apps}}]
                      externalSecretSpec:
                        secretStoreRef: {kind: ClusterSecretStore, name: vault}
                        target: {name: registry-credentials}
                  - apiVersion: v1
                    kind: Pod
                    metadata: {name: app, namespace: app}
                    spec:
                      containers: [{name: app, image: "ghcr.io/example/app:1.0.0", envFrom: [{secretRef: {name: registry-credentials}}]}]
                """)).isEmpty();
    }

    @Test
    void anUnknownStoreKindIsUndecidableNotASecretStoreMiss() {
        assertThat(RuleRun.messages(policy, """
                resources:
                  - apiVersion: external-secrets.io/v1
                    kind: ExternalSecret
                    metadata: {name: app-env, namespace: app}
                    spec: {secretStoreRef: {kind: "[unknown]", name: vault}}
                """)).singleElement().asString().contains("not known until deployment").doesNotContain("nothing answers it");
    }

    @Test
    void aClusterIssuerReadsBuiltInSolverSecretsFromTheClusterResourceNamespaceAndLeavesWebhookDefaultsToItsOwnPolicy() {
        var issuer = """
                resources:
                  - type: kubernetes:helm.sh/v3:Release
                    name: cert-manager
                    inputs: {chart: cert-manager, namespace: certs, values: {crds: {enabled: true}}}
                  - apiVersion: cert-manager.io/v1
                    kind: ClusterIssuer
                    metadata: {name: letsencrypt}
                    spec:
                      acme:
                        privateKeySecretRef: {name: letsencrypt-account}
                        solvers:
                          - dns01: {cloudflare: {apiTokenSecretRef: {name: cloudflare-token, key: token, namespace: ignored}}}
                          - dns01: {webhook: {config: {apiKeySecretRef: {name: powerdns-api-key, key: PDNS_API_KEY}}}}
                """;
        var violations = RuleRun.run(policy, issuer);
        // cert-manager runs in certs, so that is where it reads the Cloudflare token (the selector's namespace is no field);
        // the webhook's Secret without a namespace is cluster-issuer-secret-namespace's finding, not a second one here.
        // The cert-manager chart is not modelled, so a miss in its namespace is an assumption, not a block.
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.level()).isEqualTo(EnforcementLevel.ADVISORY);
            assertThat(v.message()).contains("names Secret certs/cloudflare-token").contains("chart cert-manager (cert-manager)");
        });
        var withoutTheChart = issuer.replace("""
                  - type: kubernetes:helm.sh/v3:Release
                    name: cert-manager
                    inputs: {chart: cert-manager, namespace: certs, values: {crds: {enabled: true}}}
                """, """
                  - apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: solver-settings, namespace: cert-manager}
                """);
        assertThat(RuleRun.run(policy, withoutTheChart)).singleElement().satisfies(v -> {
            assertThat(v.level()).isEqualTo(EnforcementLevel.MANDATORY);
            assertThat(v.message()).contains("names Secret cert-manager/cloudflare-token; nothing answers it");
        });
    }

    @Test
    void aKeycloakAnswersWithTheOperatorsServicesWhetherRenderedOrDeclared() {
        var reader = """
                  - apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: reader, namespace: identity}
                    data: {issuer: "https://keycloak-service.identity.svc:8443/realms/homelab"}
                """;
        assertThat(RuleRun.run(policy, "resources:\n" + """
                  - apiVersion: k8s.keycloak.org/v2alpha1
                    kind: Keycloak
                    metadata: {name: keycloak, namespace: identity}
                """ + reader)).isEmpty();
        assertThat(RuleRun.run(policy, "config: {preinstalled: [Keycloak identity/keycloak]}\nresources:\n" + reader)).isEmpty();
    }

    @Test
    void aPreinstalledEntryOfTheWrongScopeIsRefusedWithTheFormThatWorks() {
        assertThat(RuleRun.messages(policy, "config: {preinstalled: [Secret rustfs-backup]}\nresources: []\n")).singleElement()
                .asString().contains("Secret lives in a namespace; write 'Secret <namespace>/rustfs-backup'");
        assertThat(RuleRun.messages(policy, "config: {preinstalled: [ClusterSecretStore ops/vault]}\nresources: []\n"))
                .singleElement().asString().contains("ClusterSecretStore is cluster-scoped; write 'ClusterSecretStore vault'");
    }

    @Test
    void aClusterScopedObjectDoesNotMakeTheDefaultNamespaceOneTheStackManages() {
        var violations = RuleRun.run(policy, """
                resources:
                  - apiVersion: rbac.authorization.k8s.io/v1
                    kind: ClusterRoleBinding
                    metadata: {name: admins}
                    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
                  - apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: reader, namespace: app}
                    data: {url: "http://legacy.default.svc:80"}
                """);
        assertThat(violations).singleElement().satisfies(v -> assertThat(v.level()).isEqualTo(EnforcementLevel.ADVISORY));
    }

    @Test
    void aSecretNameInsideASecretChartValueIsJudgedButNeverPrinted() {
        var violations = RuleRun.run(policy, """
                resources:
                  - type: kubernetes:helm.sh/v3:Release
                    name: app
                    inputs:
                      name: app
                      namespace: app
                      chart: example
                      values:
                        env: !secret
                          - name: TOKEN
                            valueFrom: {secretKeyRef: {name: very-secret-name, key: token}}
                  - apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: other, namespace: app}
                """.replace("chart: example", "chart: authentik"));
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.level()).isEqualTo(EnforcementLevel.MANDATORY);
            assertThat(v.message()).contains("inside a value marked secret").doesNotContain("very-secret-name", "TOKEN");
        });
    }
}
