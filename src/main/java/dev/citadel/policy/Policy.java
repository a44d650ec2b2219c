package dev.citadel.policy;

import java.util.List;

/**
 * A check that runs before anything deploys. A resource policy sees one resource at a time; a stack
 * policy sees all of them (with parents and dependencies). Checks report through {@link Findings};
 * a check that throws is reported as a mandatory violation, never as a pass.
 */
public sealed interface Policy permits Policy.ResourcePolicy, Policy.StackPolicy {

    PolicyInfo info();

    /**
     * Whether the policy reads secret wrappers themselves. Every other policy judges what they hold
     * ({@link Revealed}); one whose subject is secrecy (secrets-stay-secret) needs to see which values
     * are marked secret.
     */
    default boolean readsSecretWrappers() {
        return false;
    }

    non-sealed interface ResourcePolicy extends Policy {
        void check(PolicyResource resource, PolicyArgs args, Findings findings);
    }

    non-sealed interface StackPolicy extends Policy {
        void check(List<PolicyResource> resources, PolicyArgs args, Findings findings);
    }
}
