package dev.citadel.runtime;

import com.pulumi.deployment.internal.Monitor;
import com.pulumi.exceptions.RunException;
import com.pulumi.resources.Resource;
import org.junit.jupiter.api.Test;
import pulumirpc.Provider.CallResponse;
import pulumirpc.Resource.ReadResourceRequest;
import pulumirpc.Resource.ReadResourceResponse;
import pulumirpc.Resource.RegisterPackageRequest;
import pulumirpc.Resource.RegisterPackageResponse;
import pulumirpc.Resource.RegisterResourceOutputsRequest;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;
import pulumirpc.Resource.ResourceCallRequest;
import pulumirpc.Resource.ResourceInvokeRequest;
import pulumirpc.Resource.ResourceInvokeResponse;
import pulumirpc.Resource.SupportsFeatureRequest;
import pulumirpc.Resource.SupportsFeatureResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A refused registration never reaches the engine; the gate sees the engine's URN; components are not gated. */
class GatedMonitorTest {
    final List<RegisterResourceRequest> reachedEngine = new ArrayList<>();
    final List<String> gatedUrns = new ArrayList<>();
    final GatedMonitor monitor = new GatedMonitor(new Engine(), (urn, request) -> {
        gatedUrns.add(urn);
        return request.getName().startsWith("bad") ? Optional.of("no: " + request.getName()) : Optional.empty();
    }, "homelab", "citadel");

    @Test
    void aRefusedRegistrationFailsTheProgramAndNeverReachesTheEngine() {
        var request = custom("bad-secret");
        assertThatThrownBy(() -> monitor.registerResourceAsync(null, request).join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(RunException.class)
                .hasRootCauseMessage("no: bad-secret");
        assertThat(reachedEngine).isEmpty();
    }

    @Test
    void anAcceptedRegistrationIsSentAsIs() {
        var request = custom("good-secret");
        monitor.registerResourceAsync(null, request).join();
        assertThat(reachedEngine).containsExactly(request);
        assertThat(gatedUrns).containsExactly(
                "urn:pulumi:homelab::citadel::kubernetes:core/v1:Secret::good-secret");
    }

    @Test
    void componentsPassWithoutTheGate() {
        var request = RegisterResourceRequest.newBuilder().setType("citadel:secrets:VaultBackedSecret").setName("bad-component").build();
        monitor.registerResourceAsync(null, request).join();
        assertThat(reachedEngine).containsExactly(request);
        assertThat(gatedUrns).isEmpty();
    }

    static RegisterResourceRequest custom(String name) {
        return RegisterResourceRequest.newBuilder().setType("kubernetes:core/v1:Secret").setName(name).setCustom(true).build();
    }

    final class Engine implements Monitor {
        @Override
        public CompletableFuture<RegisterResourceResponse> registerResourceAsync(Resource resource, RegisterResourceRequest request) {
            reachedEngine.add(request);
            return CompletableFuture.completedFuture(RegisterResourceResponse.newBuilder().setUrn("urn").build());
        }

        @Override
        public CompletableFuture<SupportsFeatureResponse> supportsFeatureAsync(SupportsFeatureRequest request) {
            return CompletableFuture.completedFuture(SupportsFeatureResponse.getDefaultInstance());
        }

        @Override
        public CompletableFuture<ResourceInvokeResponse> invokeAsync(ResourceInvokeRequest request) {
            return CompletableFuture.completedFuture(ResourceInvokeResponse.getDefaultInstance());
        }

        @Override
        public CompletableFuture<CallResponse> callAsync(ResourceCallRequest request) {
            return CompletableFuture.completedFuture(CallResponse.getDefaultInstance());
        }

        @Override
        public CompletableFuture<ReadResourceResponse> readResourceAsync(Resource resource, ReadResourceRequest request) {
            return CompletableFuture.completedFuture(ReadResourceResponse.getDefaultInstance());
        }

        @Override
        public CompletableFuture<Void> registerResourceOutputsAsync(RegisterResourceOutputsRequest request) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<RegisterPackageResponse> registerPackageAsync(RegisterPackageRequest request) {
            return CompletableFuture.completedFuture(RegisterPackageResponse.getDefaultInstance());
        }
    }
}
