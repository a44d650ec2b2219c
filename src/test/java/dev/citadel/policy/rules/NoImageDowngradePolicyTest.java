package dev.citadel.policy.rules;

import dev.citadel.contract.Versions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NoImageDowngradePolicyTest {
    private final NoImageDowngrade policy = new NoImageDowngrade();

    @Test
    void versionsCompareNumericallyWithPrefixesPreReleasesAndVariants() {
        assertThat(Versions.isBelow("2026.2.2", "2026.2.4")).contains(true);
        assertThat(Versions.isBelow("2026.2.10", "2026.2.4")).contains(false);
        assertThat(Versions.isBelow("v2026.2.4", "2026.2.4")).contains(false);
        assertThat(Versions.isBelow("2026.2", "2026.2.0")).contains(false);
        assertThat(Versions.isBelow("2026.2.4-rc1", "2026.2.4")).contains(true);
        assertThat(Versions.isBelow("2026.2.4-rc2", "2026.2.4-rc10")).contains(true);
        assertThat(Versions.isBelow("1.0.0-beta.11", "1.0.0-beta.2")).contains(false);
        assertThat(Versions.isBelow("26.1.1-debian-12-r0", "26.1.1")).contains(false);
        assertThat(Versions.isBelow("latest", "26.1.1")).isEmpty();
    }

    @Test
    void unknownVersionsAreUndecidableAndPreReleasesBelowTheFloorAreCaught() {
        var messages = RuleRun.messages(policy, """
                config:
                  floors: {authentik: 2026.2.4, goauthentik/server: 2026.2.4}
                resources:
                  - type: kubernetes:helm.sh/v3:Release
                    name: authentik
                    inputs:
                      chart: authentik
                      version: "[unknown]"
                      values: {server: {image: {tag: 2026.2.4-rc1}}}
                  - apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: worker, namespace: authentik}
                    spec: {template: {spec: {containers: [{name: worker, image: "[unknown]"}]}}}
                """);
        assertThat(messages).hasSize(4);
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("chart version of Helm release authentik").contains("not known"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("chart default image (appVersion = chart version) (ghcr.io/goauthentik/server) tag")
                .contains("not known"));
        // server.image.repository is empty, so the chart's default repository applies, and its floor.
        assertThat(messages).anySatisfy(m -> assertThat(m)
                .contains("values.server.image (ghcr.io/goauthentik/server) tag 2026.2.4-rc1 is below the floor 2026.2.4"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("container worker").contains("may be one with a floor"));
    }

    @Test
    void noFloorsNoFindings() {
        assertThat(RuleRun.messages(policy, """
                resources:
                  - type: kubernetes:helm.sh/v3:Release
                    name: authentik
                    inputs: {chart: authentik, version: "0.1.0"}
                """)).isEmpty();
    }

    /** The floors AuthentikRelease carries on its Deployments' annotations count without any configured floor. */
    @Test
    void theLiveTagCarriedOnTheReleaseIsTheFloorWithoutAnyConfig() {
        var messages = RuleRun.messages(policy, """
                resources:
                  - type: kubernetes:helm.sh/v3:Release
                    name: authentik
                    inputs:
                      chart: authentik
                      version: 2026.2.2
                      values:
                        global: {image: {tag: 2026.2.2}}
                        server: {deploymentAnnotations: {citadel.dev/live-image-tag: 2026.2.4, citadel.dev/image-floor: 2026.2.2}}
                        worker: {image: {tag: 2026.2.4}, deploymentAnnotations: {citadel.dev/live-image-tag: 2026.2.4}}
                """);
        assertThat(messages).singleElement().satisfies(m -> assertThat(m)
                .contains("authentik 'server' runs 2026.2.4 live; the pin 2026.2.2 would downgrade it")
                .contains("seed 001").contains("Raise imageTag to at least 2026.2.4"));
    }

    @Test
    void withoutALiveTagTheTypedFloorCarriedOnTheReleaseIsTheFloor() {
        var messages = RuleRun.messages(policy, """
                resources:
                  - type: kubernetes:helm.sh/v3:Release
                    name: authentik
                    inputs:
                      chart: authentik
                      version: 2026.2.2
                      values:
                        server: {deploymentAnnotations: {citadel.dev/image-floor: 2026.2.4}}
                        worker: {deploymentAnnotations: {citadel.dev/image-floor: 2026.2.2}}
                """);
        // No image tag in the values: the pods run the chart's appVersion, 2026.2.2.
        assertThat(messages).singleElement().satisfies(m -> assertThat(m)
                .contains("authentik 'server' is pinned to 2026.2.2, below its imageFloor 2026.2.4"));
    }

    @Test
    void aLiveTagNotKnownBeforeDeploymentIsUndecidable() {
        var messages = RuleRun.messages(policy, """
                resources:
                  - type: kubernetes:helm.sh/v3:Release
                    name: authentik
                    inputs:
                      chart: authentik
                      version: 2026.2.4
                      values:
                        server: {deploymentAnnotations: {citadel.dev/live-image-tag: "[unknown]"}}
                """);
        assertThat(messages).singleElement().satisfies(m -> assertThat(m).contains("authentik 'server'").contains("not known"));
    }
}
