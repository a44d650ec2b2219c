package dev.citadel.runtime;

import pulumirpc.Resource.RegisterResourceRequest;

import java.util.Optional;

/**
 * A check every custom resource passes before its registration reaches the engine ({@link EngineRun}).
 * A refused registration is never sent: the program fails with the reason, as for any resource the
 * engine rejects. It sees the engine's own request message, not the SDK's internal monitor, so checks
 * (the policy guard) do not depend on SDK internals.
 */
@FunctionalInterface
public interface RegistrationGate {
    /**
     * @param urn the URN the engine will give the resource
     * @return why the resource may not be registered, or empty to let it through
     */
    Optional<String> refusal(String urn, RegisterResourceRequest request);
}
