package dev.citadel.policy.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackupRetentionPolicyTest {
    private final BackupRetention policy = new BackupRetention();

    @Test
    void unknownRetentionOrStoreIsUndecidableAndBlankIsMissing() {
        var messages = RuleRun.messages(policy, """
                resources:
                  - apiVersion: barmancloud.cnpg.io/v1
                    kind: ObjectStore
                    metadata: {name: keycloak-backups, namespace: identity}
                    spec: {retentionPolicy: "[unknown]", configuration: {destinationPath: "s3://keycloak-backups/"}}
                  - apiVersion: postgresql.cnpg.io/v1
                    kind: Cluster
                    metadata: {name: litellm-postgresql, namespace: ai-system}
                    spec: {backup: {barmanObjectStore: "[unknown]"}}
                  - apiVersion: postgresql.cnpg.io/v1
                    kind: Cluster
                    metadata: {name: langfuse-postgresql, namespace: ai-system}
                    spec: {backup: {retentionPolicy: " ", barmanObjectStore: {destinationPath: "s3://langfuse-postgres-backups/"}}}
                  - apiVersion: postgresql.cnpg.io/v1
                    kind: Cluster
                    metadata: {name: obot-postgresql, namespace: ai-system}
                    spec: {backup: {retentionPolicy: 30d, barmanObjectStore: "[unknown]"}}
                """);
        assertThat(messages).hasSize(3);
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("spec.retentionPolicy is not known"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("litellm-postgresql").contains("not known until deployment"));
        assertThat(messages).anySatisfy(m -> assertThat(m).startsWith("Cluster langfuse-postgresql has no spec.backup.retentionPolicy"));
    }
}
