package dev.citadel.policy.guard;

import com.pulumi.core.internal.Urn;
import com.pulumi.deployment.internal.Monitor;
import com.pulumi.exceptions.RunException;
import com.pulumi.resources.Resource;
import dev.citadel.plan.PropDecoder;
import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.PolicyEngine;
import dev.citadel.policy.PolicyResource;
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

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The in-program guard: wraps the engine's resource monitor and runs the mandatory resource policies on
 * every custom resource before its registration reaches the engine. A violating resource is never sent,
 * so a {@code pulumi up} without {@code --policy-pack} still cannot create it. Only the mandatory
 * resource-level policies run here; the full pack (stack policies, advisories) is the analyzer's job.
 */
public final class GuardMonitor implements Monitor {
    private final Monitor delegate;
    private final PolicyEngine engine;
    private final String stack;
    private final String project;

    public GuardMonitor(Monitor delegate, PolicyEngine engine, String stack, String project) {
        this.delegate = delegate;
        this.engine = engine;
        this.stack = stack;
        this.project = project;
    }

    @Override
    public CompletableFuture<RegisterResourceResponse> registerResourceAsync(Resource resource, RegisterResourceRequest request) {
        if (request.getCustom()) {
            var urn = Urn.create(stack, project, Optional.of(request.getParent()), request.getType(), request.getName());
            var candidate = new PolicyResource(urn, request.getType(), request.getName(), PropDecoder.decode(request.getObject()),
                    request.getParent().isEmpty() ? Optional.empty() : Optional.of(request.getParent()),
                    request.getDependenciesList());
            var blocking = engine.analyze(candidate).stream().filter(v -> v.level() == EnforcementLevel.MANDATORY).toList();
            if (!blocking.isEmpty()) {
                return CompletableFuture.failedFuture(new RunException(message(request, blocking)));
            }
        }
        return delegate.registerResourceAsync(resource, request);
    }

    static String message(RegisterResourceRequest request, List<dev.citadel.policy.Violation> blocking) {
        return "Citadel policy guard blocked " + request.getType() + " '" + request.getName() + "': "
                + blocking.stream().map(v -> "[" + v.policyId() + "] " + v.message() + " Fix: " + v.remediation())
                .collect(Collectors.joining("; "))
                + " (the guard runs the mandatory policies inside the program; exceptions go in citadel:policies)";
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
