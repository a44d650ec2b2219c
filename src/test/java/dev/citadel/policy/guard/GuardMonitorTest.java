package dev.citadel.policy.guard;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.pulumi.deployment.internal.Monitor;
import com.pulumi.resources.Resource;
import dev.citadel.policy.PackConfig;
import dev.citadel.policy.PolicyEngine;
import dev.citadel.policy.PolicyPack;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The guard stops a violating registration before the engine sees it, and passes everything else through. */
class GuardMonitorTest {
    final List<RegisterResourceRequest> reachedEngine = new ArrayList<>();
    final GuardMonitor guard = new GuardMonitor(new Engine(), new PolicyEngine(PolicyPack.policies(), PackConfig.empty()), "homelab", "citadel");

    @Test
    void aViolatingResourceNeverReachesTheEngine() {
        var request = externalSecret(List.of(Value.newBuilder().setStructValue(Struct.newBuilder().putFields("sourceRef",
                struct(Struct.newBuilder().putFields("generatorRef", struct(Struct.newBuilder()
                        .putFields("kind", str("Password")).putFields("name", str("powerdns-api-key-generator"))))))).build()));
        assertThatThrownBy(() -> guard.registerResourceAsync(null, request).join())
                .isInstanceOf(CompletionException.class)
                .hasMessageContaining("no-regenerating-secret-generators")
                .hasMessageContaining("powerdns-api-key");
        assertThat(reachedEngine).isEmpty();
    }

    @Test
    void aCompliantResourceIsRegistered() {
        var request = externalSecret(List.of());
        guard.registerResourceAsync(null, request).join();
        assertThat(reachedEngine).containsExactly(request);
    }

    static RegisterResourceRequest externalSecret(List<Value> dataFrom) {
        var spec = Struct.newBuilder().putFields("refreshInterval", str("1h"))
                .putFields("dataFrom", Value.newBuilder().setListValue(ListValue.newBuilder().addAllValues(dataFrom)).build());
        return RegisterResourceRequest.newBuilder().setType("kubernetes:external-secrets.io/v1:ExternalSecret")
                .setName("powerdns-api-key").setCustom(true)
                .setObject(Struct.newBuilder().putFields("apiVersion", str("external-secrets.io/v1"))
                        .putFields("kind", str("ExternalSecret"))
                        .putFields("metadata", struct(Struct.newBuilder().putFields("name", str("powerdns-api-key"))))
                        .putFields("spec", struct(spec)))
                .build();
    }

    static Value str(String s) {
        return Value.newBuilder().setStringValue(s).build();
    }

    static Value struct(Struct.Builder b) {
        return Value.newBuilder().setStructValue(b).build();
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
