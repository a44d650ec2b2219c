package dev.citadel.runtime;

import com.pulumi.core.internal.Urn;
import com.pulumi.deployment.internal.Monitor;
import com.pulumi.exceptions.RunException;
import com.pulumi.resources.Resource;
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

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The engine's monitor with a {@link RegistrationGate} in front of custom-resource registrations. The
 * refusal is a {@link RunException} so the SDK reports it as one line, without a stack trace.
 */
final class GatedMonitor implements Monitor {
    private final Monitor delegate;
    private final RegistrationGate gate;
    private final String stack;
    private final String project;

    GatedMonitor(Monitor delegate, RegistrationGate gate, String stack, String project) {
        this.delegate = delegate;
        this.gate = gate;
        this.stack = stack;
        this.project = project;
    }

    @Override
    public CompletableFuture<RegisterResourceResponse> registerResourceAsync(Resource resource, RegisterResourceRequest request) {
        if (request.getCustom()) {
            var urn = Urn.create(stack, project, Optional.of(request.getParent()), request.getType(), request.getName());
            var refusal = gate.refusal(urn, request);
            if (refusal.isPresent()) {
                return CompletableFuture.failedFuture(new RunException(refusal.get()));
            }
        }
        return delegate.registerResourceAsync(resource, request);
    }

    @Override
    public CompletableFuture<SupportsFeatureResponse> supportsFeatureAsync(SupportsFeatureRequest request) {
        return delegate.supportsFeatureAsync(request);
    }

    @Override
    public CompletableFuture<ResourceInvokeResponse> invokeAsync(ResourceInvokeRequest request) {
        return delegate.invokeAsync(request);
    }

    @Override
    public CompletableFuture<CallResponse> callAsync(ResourceCallRequest request) {
        return delegate.callAsync(request);
    }

    @Override
    public CompletableFuture<ReadResourceResponse> readResourceAsync(Resource resource, ReadResourceRequest request) {
        return delegate.readResourceAsync(resource, request);
    }

    @Override
    public CompletableFuture<Void> registerResourceOutputsAsync(RegisterResourceOutputsRequest request) {
        return delegate.registerResourceOutputsAsync(request);
    }

    @Override
    public CompletableFuture<RegisterPackageResponse> registerPackageAsync(RegisterPackageRequest request) {
        return delegate.registerPackageAsync(request);
    }
}
