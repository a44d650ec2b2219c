package dev.citadel.policy.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsStaySecretPolicyTest {
    private final SecretsStaySecret policy = new SecretsStaySecret();

    @Test
    void messagesNeverCarryTheSecretValue() {
        var messages = RuleRun.messages(policy, """
                resources:
                  - type: pulumi:providers:postgresql
                    name: rds
                    inputs: {host: db.example.rds.amazonaws.com, password: hunter2-plain}
                  - apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: powerdns, namespace: dns-system}
                    data: {PDNS_API_KEY: pdns-key-plain, secret_key: django-key-plain}
                """);
        assertThat(messages).hasSize(2);
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("data.PDNS_API_KEY, data.secret_key"));
        assertThat(String.join("\n", messages)).doesNotContain("hunter2-plain", "pdns-key-plain", "django-key-plain");
    }

    @Test
    void referencesToSecretsAndTemplatesAreNotSecretValues() {
        var messages = RuleRun.messages(policy, """
                resources:
                  - apiVersion: postgresql.cnpg.io/v1
                    kind: Cluster
                    metadata: {name: platform-db, namespace: dbaas}
                    spec:
                      managed:
                        roles: [{name: backstage_app, passwordSecret: {name: backstage-app-password}}]
                  - apiVersion: cert-manager.io/v1
                    kind: ClusterIssuer
                    metadata: {name: letsencrypt}
                    spec: {acme: {privateKeySecretRef: {name: letsencrypt-key}}}
                  - apiVersion: external-secrets.io/v1
                    kind: ExternalSecret
                    metadata: {name: powerdns-api-key, namespace: dns-system}
                    spec: {data: [{secretKey: PDNS_API_KEY, remoteRef: {key: dns/powerdns-api-key, property: PDNS_API_KEY}}]}
                  - type: kubernetes:helm.sh/v3:Release
                    name: authentik
                    inputs:
                      chart: authentik
                      values:
                        authentik: {existingSecret: {secretName: authentik-secrets}}
                        server: {env: [{name: AUTHENTIK_SECRET_KEY, value: "{{ .Values.secretKey }}"}, {name: GITHUB_TOKEN, value: "${GITHUB_TOKEN}"}]}
                        ingress: {tls: [{secretName: authentik-tls}], tlsSecret: authentik-tls}
                  - type: vault:kubernetes/authBackendRole:AuthBackendRole
                    name: eso
                    inputs: {roleName: eso, tokenType: default, tokenPolicies: [eso-read]}
                """);
        assertThat(messages).isEmpty();
    }
}
