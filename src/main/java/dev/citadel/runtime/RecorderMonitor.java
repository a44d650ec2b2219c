package dev.citadel.runtime;

import com.pulumi.Log;
import com.pulumi.core.internal.Urn;
import com.pulumi.resources.Resource;
import com.pulumi.test.EmptyMocks;
import com.pulumi.test.internal.MockMonitor;
import pulumirpc.Resource.ReadResourceRequest;
import pulumirpc.Resource.ReadResourceResponse;
import pulumirpc.Resource.RegisterResourceOutputsRequest;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;
import pulumirpc.Resource.SupportsFeatureRequest;
import pulumirpc.Resource.SupportsFeatureResponse;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The SDK's test monitor with registrations and reads handed to a {@link Recorder}. Invokes and calls keep the mock
 * behaviour (empty results), which is what a preview of Citadel's programs needs.
 */
final class RecorderMonitor extends MockMonitor {
    private final Recorder recorder;
    private final String project;
    private final String stack;

    RecorderMonitor(Recorder recorder, Log log, String project, String stack) {
        super(new EmptyMocks(), log);
        this.recorder = recorder;
        this.project = project;
        this.stack = stack;
    }

    @Override
    public CompletableFuture<SupportsFeatureResponse> supportsFeatureAsync(SupportsFeatureRequest request) {
        return CompletableFuture.completedFuture(
                SupportsFeatureResponse.newBuilder().setHasSupport(recorder.supportsFeature(request.getId())).build());
    }

    @Override
    public CompletableFuture<RegisterResourceResponse> registerResourceAsync(Resource resource, RegisterResourceRequest request) {
        var urn = Urn.create(stack, project, Optional.of(request.getParent()), request.getType(), request.getName());
        return CompletableFuture.completedFuture(recorder.registerResource(urn, request));
    }

    @Override
    public CompletableFuture<ReadResourceResponse> readResourceAsync(Resource resource, ReadResourceRequest request) {
        var urn = Urn.create(stack, project, Optional.of(request.getParent()), request.getType(), request.getName());
        return CompletableFuture.completedFuture(recorder.readResource(urn, request));
    }

    @Override
    public CompletableFuture<Void> registerResourceOutputsAsync(RegisterResourceOutputsRequest request) {
        recorder.registerResourceOutputs(request);
        return CompletableFuture.completedFuture(null);
    }
}
