package dev.citadel.policy.guard;

import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.PolicyEngine;
import dev.citadel.policy.PolicyResource;
import dev.citadel.runtime.RegistrationGate;
import dev.citadel.value.PropDecoder;
import pulumirpc.Resource.RegisterResourceRequest;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The in-program guard: runs the mandatory resource policies on every custom resource before its
 * registration reaches the engine. A violating resource is never sent, so a {@code pulumi up} without
 * {@code --policy-pack} still cannot create it. Only the mandatory resource-level policies run here; the
 * full pack (stack policies, advisories) is the analyzer's job.
 */
public final class PolicyGuard implements RegistrationGate {
    private final PolicyEngine engine;

    public PolicyGuard(PolicyEngine engine) {
        this.engine = engine;
    }

    @Override
    public Optional<String> refusal(String urn, RegisterResourceRequest request) {
        var candidate = new PolicyResource(urn, request.getType(), request.getName(), PropDecoder.decode(request.getObject()),
                request.getParent().isEmpty() ? Optional.empty() : Optional.of(request.getParent()),
                request.getDependenciesList());
        var blocking = engine.analyze(candidate).stream().filter(v -> v.level() == EnforcementLevel.MANDATORY).toList();
        return blocking.isEmpty() ? Optional.empty() : Optional.of(message(request, blocking));
    }

    static String message(RegisterResourceRequest request, List<dev.citadel.policy.Violation> blocking) {
        return "Citadel policy guard blocked " + request.getType() + " '" + request.getName() + "': "
                + blocking.stream().map(v -> "[" + v.policyId() + "] " + v.message() + " Fix: " + v.remediation())
                .collect(Collectors.joining("; "))
                + " (the guard runs the mandatory policies inside the program; exceptions go in citadel:policies)";
    }
}
