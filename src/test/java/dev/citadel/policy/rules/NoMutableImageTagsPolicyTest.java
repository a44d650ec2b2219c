package dev.citadel.policy.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NoMutableImageTagsPolicyTest {
    private final NoMutableImageTags policy = new NoMutableImageTags();

    @Test
    void registryPortIsNotATagAndUnknownImagesAreUndecidable() {
        var messages = RuleRun.messages(policy, """
                resources:
                  - apiVersion: batch/v1
                    kind: CronJob
                    metadata: {name: stem95su-gdrive-sync, namespace: stem95su}
                    spec:
                      jobTemplate:
                        spec:
                          template:
                            spec:
                              containers:
                                - {name: rclone, image: "registry.local:5000/rclone/rclone"}
                                - {name: mirror, image: "[unknown]"}
                                - {name: pinned, image: "rclone/rclone@sha256:0b1e2cf1fb5c5d1b0a4f8e7d7a1c3b5e9f2d4c6a8b0e1f3a5c7d9e1b3a5c7d9e"}
                  - type: kubernetes:helm.sh/v4:Chart
                    name: keycloak
                    inputs:
                      chart: keycloak
                      values: {image: {repository: bitnami/keycloak, tag: "[unknown]"}}
                """);
        assertThat(messages).hasSize(3);
        assertThat(messages).anySatisfy(m -> assertThat(m)
                .contains("container rclone runs registry.local:5000/rclone/rclone with no tag"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("container mirror").contains("not known until deployment"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("values.image").contains("not known until deployment"));
    }

    @Test
    void upperCaseLatestIsStillLatest() {
        var messages = RuleRun.messages(policy, """
                resources:
                  - apiVersion: v1
                    kind: Pod
                    metadata: {name: debug}
                    spec: {containers: [{name: shell, image: "busybox:LATEST"}]}
                """);
        assertThat(messages).singleElement().asString().contains("Pod debug: container shell runs busybox:LATEST");
    }
}
