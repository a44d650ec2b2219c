package dev.citadel.policy.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UniqueBackupPathPolicyTest {
    private final UniqueBackupPath policy = new UniqueBackupPath();

    private static String twoClusters(String secondServerName) {
        return """
                resources:
                  - apiVersion: barmancloud.cnpg.io/v1
                    kind: ObjectStore
                    metadata: {name: cnpg-backups, namespace: ai-system}
                    spec: {configuration: {destinationPath: "s3://cnpg-backups/"}}
                  - apiVersion: postgresql.cnpg.io/v1
                    kind: Cluster
                    metadata: {name: litellm-postgresql, namespace: ai-system}
                    spec:
                      plugins: [{name: barman-cloud.cloudnative-pg.io, parameters: {barmanObjectName: cnpg-backups}}]
                  - apiVersion: postgresql.cnpg.io/v1
                    kind: Cluster
                    metadata: {name: langfuse-postgresql, namespace: ai-system}
                    spec:
                      plugins: [{name: barman-cloud.cloudnative-pg.io, parameters: {barmanObjectName: cnpg-backups, serverName: "%s"}}]
                """.formatted(secondServerName);
    }

    @Test
    void aServerNameKnownOnlyAtDeploymentIsUndecidableForBoth() {
        assertThat(RuleRun.run(policy, twoClusters("[unknown]")))
                .hasSize(2)
                .allSatisfy(v -> assertThat(v.message()).contains("not known until deployment"));
    }

    @Test
    void aSharedBucketIsFineUnderDifferentServerNamesButNotUnderTheSame() {
        assertThat(RuleRun.run(policy, twoClusters("langfuse-postgresql"))).isEmpty();
        assertThat(RuleRun.messages(policy, twoClusters("litellm-postgresql")))
                .hasSize(2).allSatisfy(m -> assertThat(m).contains("s3://cnpg-backups server name litellm-postgresql"));
    }

    @Test
    void aLegacyStoreAndAPluginStoreWithTheSamePathCollide() {
        var messages = RuleRun.messages(policy, """
                resources:
                  - apiVersion: barmancloud.cnpg.io/v1
                    kind: ObjectStore
                    metadata: {name: cnpg-backups, namespace: ai-system}
                    spec: {configuration: {destinationPath: "s3://cnpg-backups"}}
                  - apiVersion: postgresql.cnpg.io/v1
                    kind: Cluster
                    metadata: {name: obot-postgresql, namespace: ai-system}
                    spec:
                      plugins: [{name: barman-cloud.cloudnative-pg.io, parameters: {barmanObjectName: cnpg-backups}}]
                  - apiVersion: postgresql.cnpg.io/v1
                    kind: Cluster
                    metadata: {name: obot-postgresql, namespace: ai-system-old}
                    spec:
                      backup: {barmanObjectStore: {destinationPath: "s3://cnpg-backups/"}}
                  - apiVersion: postgresql.cnpg.io/v1
                    kind: Cluster
                    metadata: {namespace: ai-system}
                    spec:
                      backup: {barmanObjectStore: {destinationPath: "s3://cnpg-backups/"}}
                """);
        // The third, auto-named cluster gets a fresh name (so a fresh server name) every incarnation.
        assertThat(messages).hasSize(2).allSatisfy(m -> assertThat(m).contains("Expected empty archive"));
    }
}
