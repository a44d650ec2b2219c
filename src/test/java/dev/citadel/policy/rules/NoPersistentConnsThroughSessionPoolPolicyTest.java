package dev.citadel.policy.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NoPersistentConnsThroughSessionPoolPolicyTest {
    private final NoPersistentConnsThroughSessionPool policy = new NoPersistentConnsThroughSessionPool();

    @Test
    void aConnMaxAgeReadAtRuntimeThroughASessionPoolIsUndecidable() {
        var messages = RuleRun.messages(policy, """
                resources:
                  - apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: authentik-server, namespace: authentik}
                    spec:
                      template:
                        spec:
                          containers:
                            - name: server
                              image: ghcr.io/goauthentik/server:2026.2.4
                              env:
                                - {name: AUTHENTIK_POSTGRESQL__HOST, value: pgbouncer.dbaas.svc.cluster.local}
                                - name: AUTHENTIK_POSTGRESQL__CONN_MAX_AGE
                                  valueFrom: {secretKeyRef: {name: authentik-secrets, key: conn_max_age}}
                """);
        assertThat(messages).singleElement().asString()
                .contains("AUTHENTIK_POSTGRESQL__CONN_MAX_AGE of Deployment authentik/authentik-server")
                .contains("not known until deployment");
    }

    @Test
    void unknownHostOrPoolModeIsUndecidableAndDatabaseUrlsAreRead() {
        var messages = RuleRun.messages(policy, """
                resources:
                  - apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: app-env, namespace: apps}
                    data: {CONN_MAX_AGE: "None", DB_HOST: "[unknown]"}
                  - apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: other-env, namespace: apps}
                    data: {DJANGO_CONN_MAX_AGE: "300", DATABASE_URL: "postgres://app@pooler-apps.dbaas:5432/app"}
                  - apiVersion: postgresql.cnpg.io/v1
                    kind: Pooler
                    metadata: {name: pooler-apps, namespace: dbaas}
                    spec: {pgbouncer: {poolMode: "[unknown]"}}
                """);
        assertThat(messages).hasSize(2);
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("DB_HOST of ConfigMap apps/app-env").contains("not known"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("spec.pgbouncer.poolMode of CNPG Pooler dbaas/pooler-apps"));
    }

    @Test
    void inertAuthentikValuesDoNotCount() {
        var messages = RuleRun.messages(policy, """
                resources:
                  - type: kubernetes:helm.sh/v3:Release
                    name: authentik
                    inputs:
                      chart: authentik
                      values:
                        authentik:
                          existingSecret: {secretName: authentik-secrets}
                          postgresql: {host: pgbouncer.dbaas.svc.cluster.local, conn_max_age: 60}
                """);
        assertThat(messages).isEmpty();
    }
}
