package dev.citadel.authentik;

import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import dev.citadel.contract.ImageFloor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 001 under the Pulumi SDK's own mocks, which answer the release's reads of the live Deployments as the engine
 * would (a read is a resource with an id): Keel runs authentik at 2026.2.4, the stack pins 2026.2.2.
 */
class LiveFloorWithPulumiMocksTest {
    static final String DEPLOYMENT = "kubernetes:apps/v1:Deployment";

    /** A cluster: the Deployments it runs by {@code namespace/name}, read through the mocks; everything else echoed. */
    static final class Cluster implements Mocks {
        final Map<String, String> images = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<ResourceArgs> reads = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<ResourceArgs> created = new ConcurrentLinkedQueue<>();
        volatile String slow = "";

        /** The read of {@code id} answers last, as a slow API server can. */
        Cluster answersLast(String id) {
            slow = id;
            return this;
        }

        Cluster runs(String id, String image) {
            images.put(id, image);
            return this;
        }

        @Override
        public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
            if (args.id != null && !args.id.isEmpty()) {
                reads.add(args);
                var image = images.get(args.id);
                var container = args.id.endsWith("-worker") ? "worker" : "server";
                Map<String, Object> state = image == null ? Map.of() : Map.of(
                        "metadata", Map.of("namespace", args.id.split("/")[0], "name", args.id.split("/")[1]),
                        "spec", Map.of("template", Map.of("spec", Map.of("containers",
                                List.of(Map.of("name", container, "image", image))))));
                var result = ResourceResult.of(Optional.of(args.id), state);
                return args.id.equals(slow)
                        ? CompletableFuture.supplyAsync(() -> result, CompletableFuture.delayedExecutor(300, java.util.concurrent.TimeUnit.MILLISECONDS))
                        : CompletableFuture.completedFuture(result);
            }
            created.add(args);
            return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(args.name + "-id"), new HashMap<>(args.inputs)));
        }
    }

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    @Test
    void aPinBelowTheTagTheServerRunsIsRefusedNamingBothTags() {
        var cluster = new Cluster()
                .runs("authentik/authentik-server", "ghcr.io/goauthentik/server:2026.2.4")
                .runs("authentik/authentik-worker", "ghcr.io/goauthentik/server:2026.2.4");
        var result = PulumiTest.withMocks(cluster).runTest(ctx ->
                new AuthentikRelease("authentik", AuthentikReleaseTest.homelab().image("2026.2.2", "2026.2.2").build()));

        assertThat(result.exceptions()).isNotEmpty();
        assertThat(result.exceptions()).anySatisfy(e -> assertThat(e.getMessage())
                .contains("authentik 'server' runs 2026.2.4 live; the pin 2026.2.2 would downgrade it")
                .contains("seed 001").contains("Raise imageTag to at least 2026.2.4"));
        assertThat(cluster.reads).extracting(r -> r.type).containsOnly(DEPLOYMENT);
        assertThat(cluster.reads).extracting(r -> r.id).containsExactlyInAnyOrder("authentik/authentik-server", "authentik/authentik-worker");
        assertThat(cluster.created).as("the Helm release is never registered").noneMatch(r -> r.type.equals("kubernetes:helm.sh/v3:Release"));
    }

    /** Whichever read answers first, the same stack fails with the same line: the server's, then the worker's. */
    @Test
    void bothBelowTheFloorNamesTheServerEvenWhenTheWorkersReadAnswersFirst() {
        var cluster = new Cluster()
                .runs("authentik/authentik-server", "ghcr.io/goauthentik/server:2026.2.4")
                .runs("authentik/authentik-worker", "ghcr.io/goauthentik/server:2026.2.4")
                .answersLast("authentik/authentik-server");
        var result = PulumiTest.withMocks(cluster).runTest(ctx ->
                new AuthentikRelease("authentik", AuthentikReleaseTest.homelab().image("2026.2.2", "2026.2.2").build()));

        assertThat(result.exceptions()).isNotEmpty().allSatisfy(e -> assertThat(e.getMessage())
                .contains("authentik 'server' runs 2026.2.4 live").doesNotContain("'worker'"));
    }

    @Test
    void aPinAtOrAboveTheLiveTagIsPlannedWithTheLiveTagOnEachDeployment() {
        var cluster = new Cluster()
                .runs("authentik/authentik-server", "ghcr.io/goauthentik/server:2026.2.4")
                .runs("authentik/authentik-worker", "registry.local:5000/goauthentik/server:2026.2.3@sha256:0123");
        var result = PulumiTest.withMocks(cluster).runTest(ctx ->
                new AuthentikRelease("authentik", AuthentikReleaseTest.homelab().image("2026.2.4", "2026.2.2").build()));

        assertThat(result.exceptions()).isEmpty();
        var values = (Map<?, ?>) cluster.created.stream().filter(r -> r.type.equals("kubernetes:helm.sh/v3:Release"))
                .findFirst().orElseThrow().inputs.get("values");
        assertThat(annotations(values, "server")).containsEntry(ImageFloor.LIVE_TAG_ANNOTATION, "2026.2.4")
                .containsEntry(ImageFloor.TYPED_FLOOR_ANNOTATION, "2026.2.2");
        assertThat(annotations(values, "worker")).containsEntry(ImageFloor.LIVE_TAG_ANNOTATION, "2026.2.3");
    }

    @Test
    void aDeploymentThatDoesNotRunYetIsAFirstInstallNotAnError() {
        var cluster = new Cluster();
        var result = PulumiTest.withMocks(cluster).runTest(ctx ->
                new AuthentikRelease("authentik", AuthentikReleaseTest.homelab().image("2026.2.2", "2026.2.2").build()));

        assertThat(result.exceptions()).isEmpty();
        var values = (Map<?, ?>) cluster.created.stream().filter(r -> r.type.equals("kubernetes:helm.sh/v3:Release"))
                .findFirst().orElseThrow().inputs.get("values");
        assertThat(annotations(values, "server")).doesNotContainKey(ImageFloor.LIVE_TAG_ANNOTATION)
                .containsEntry(ImageFloor.TYPED_FLOOR_ANNOTATION, "2026.2.2");
    }

    @Test
    void aFirstInstallReadsNothing() {
        var cluster = new Cluster().runs("authentik/authentik-server", "ghcr.io/goauthentik/server:2026.2.4");
        var result = PulumiTest.withMocks(cluster).runTest(ctx ->
                new AuthentikRelease("authentik", AuthentikReleaseTest.homelab().image("2026.2.2", "2026.2.2").firstInstall().build()));

        assertThat(result.exceptions()).isEmpty();
        assertThat(cluster.reads).isEmpty();
    }

    @Test
    void aReleaseNamedOtherwiseReadsTheChartsNamesForIt() {
        var cluster = new Cluster().runs("authentik/sso-authentik-server", "ghcr.io/goauthentik/server:2026.5.0");
        var result = PulumiTest.withMocks(cluster).runTest(ctx -> new AuthentikRelease("authentik",
                AuthentikReleaseTest.homelab().releaseName("sso").image("2026.2.4", "2026.2.4").build()));

        assertThat(cluster.reads).extracting(r -> r.id).containsExactlyInAnyOrder("authentik/sso-authentik-server", "authentik/sso-authentik-worker");
        assertThat(result.exceptions()).anySatisfy(e -> assertThat(e.getMessage())
                .contains("authentik 'server' runs 2026.5.0 live; the pin 2026.2.4 would downgrade it"));
    }

    private static Map<Object, Object> annotations(Map<?, ?> values, String component) {
        @SuppressWarnings("unchecked")
        var annotations = (Map<Object, Object>) ((Map<?, ?>) values.get(component)).get("deploymentAnnotations");
        return annotations;
    }
}
