package dev.citadel.policy.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class S3CompatibleChecksumEnvPolicyTest {
    private final S3CompatibleChecksumEnv policy = new S3CompatibleChecksumEnv();

    private static String store(String destination, String endpoint, String env) {
        return """
                resources:
                  - apiVersion: barmancloud.cnpg.io/v1
                    kind: ObjectStore
                    metadata: {name: obot-postgres-backups, namespace: ai-system}
                    spec:
                      configuration: {destinationPath: "%s", endpointURL: "%s"}
                      instanceSidecarConfiguration: {env: %s}
                """.formatted(destination, endpoint, env);
    }

    @Test
    void anEndpointKnownOnlyAtDeploymentIsUndecidable() {
        assertThat(RuleRun.messages(policy, store("s3://obot-postgres-backups/", "[unknown]", "[]")))
                .singleElement().asString().contains("endpointURL").contains("not known until deployment");
    }

    @Test
    void aValueFromAnotherSourceCannotBeReadSoItIsUndecidable() {
        var env = "[{name: AWS_REQUEST_CHECKSUM_CALCULATION, valueFrom: {configMapKeyRef: {name: boto, key: request}}},"
                + " {name: AWS_RESPONSE_CHECKSUM_VALIDATION, value: when_required}]";
        assertThat(RuleRun.messages(policy, store("s3://obot-postgres-backups/", "http://rustfs.rustfs.svc:9000", env)))
                .singleElement().asString().contains("AWS_REQUEST_CHECKSUM_CALCULATION").contains("not known until deployment");
    }

    @Test
    void onlyRealAwsHostsAndNonS3DestinationsAreExempt() {
        assertThat(S3CompatibleChecksumEnv.isAws("https://s3.eu-west-2.amazonaws.com")).isTrue();
        assertThat(S3CompatibleChecksumEnv.isAws("s3.amazonaws.com:443")).isTrue();
        assertThat(S3CompatibleChecksumEnv.isAws("http://s3.amazonaws.com.rustfs.local:9000")).isFalse();
        assertThat(S3CompatibleChecksumEnv.isAws("http://rustfs.rustfs.svc:9000")).isFalse();
        assertThat(RuleRun.messages(policy, store("gs://obot-postgres-backups/", "http://fake-gcs.gcs.svc:4443", "[]"))).isEmpty();
        assertThat(RuleRun.messages(policy, store("s3://obot-postgres-backups/", "http://rustfs.rustfs.svc:9000",
                "[{name: AWS_REQUEST_CHECKSUM_CALCULATION, value: when_supported}, {name: AWS_RESPONSE_CHECKSUM_VALIDATION, value: when_required}]")))
                .singleElement().asString().contains("(is 'when_supported')");
    }
}
