package dev.citadel.policy;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.RandomAccess;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Runs a pack's policies over a set of resources, the same way in `citadel plan` and in the analyzer.
 * Disabled policies do not run; excepted resources are skipped; a policy that throws is reported as a
 * mandatory violation of that policy (fail closed), never as a pass. The result is in canonical order.
 */
public final class PolicyEngine {
    private final List<Policy> policies;
    private final PackConfig config;

    public PolicyEngine(List<Policy> policies, PackConfig config) {
        this.policies = List.copyOf(policies);
        this.config = config;
    }

    /** Resource policies only, for one resource (the analyzer's Analyze, the in-program guard). */
    public List<Violation> analyze(PolicyResource resource) {
        return analyze(resource, () -> false);
    }

    /** As {@link #analyze(PolicyResource)}; throws {@link CancellationException} once {@code cancelled} says so. */
    public List<Violation> analyze(PolicyResource resource, BooleanSupplier cancelled) {
        var secrets = Revealed.texts();
        var raw = List.of(resource);
        var seen = List.of(Revealed.of(resource, secrets));
        var out = new ArrayList<Violation>();
        for (var policy : policies) {
            if (policy instanceof Policy.ResourcePolicy) {
                run(policy, policy.readsSecretWrappers() ? raw : seen, secrets, cancelled, out);
            }
        }
        return sorted(out);
    }

    /** Every policy over every resource (`citadel plan`, the analyzer's AnalyzeStack). */
    public List<Violation> analyzeStack(List<PolicyResource> resources) {
        return analyzeStack(resources, () -> false);
    }

    /**
     * As {@link #analyzeStack(List)}; throws {@link CancellationException} once {@code cancelled} says so,
     * checked between resources and whenever a stack policy reads one (the engine's Cancel, or a client
     * that went away, must not leave a core busy until a 20,000-resource stack is done).
     */
    public List<Violation> analyzeStack(List<PolicyResource> resources, BooleanSupplier cancelled) {
        var secrets = Revealed.texts();
        var seen = new ArrayList<PolicyResource>(resources.size());
        for (var r : resources) {
            checkCancelled(cancelled);
            seen.add(Revealed.of(r, secrets));
        }
        var out = new ArrayList<Violation>();
        for (var policy : policies) {
            run(policy, policy.readsSecretWrappers() ? resources : seen, secrets, cancelled, out);
        }
        return sorted(out);
    }

    private void run(Policy policy, List<PolicyResource> resources, Set<String> secrets, BooleanSupplier cancelled,
                     List<Violation> out) {
        checkCancelled(cancelled);
        var info = policy.info();
        var level = config.levelOf(info);
        if (level == EnforcementLevel.DISABLED) {
            return;
        }
        var findings = new Findings();
        try {
            var args = config.argsOf(info);
            if (policy instanceof Policy.ResourcePolicy) {
                for (var r : resources) {
                    checkCancelled(cancelled);
                    if (config.exceptionFor(info, r.urn()).isEmpty()) {
                        ((Policy.ResourcePolicy) policy).check(r, args, findings);
                    }
                }
            } else {
                var applicable = resources.stream().filter(r -> config.exceptionFor(info, r.urn()).isEmpty()).toList();
                ((Policy.StackPolicy) policy).check(new Cancellable<>(applicable, cancelled), args, findings);
            }
        } catch (CancellationException e) {
            throw e;
        } catch (PolicyConfigException e) {
            out.add(new Violation(info.id(), EnforcementLevel.MANDATORY, "",
                    "the policy cannot run: " + Revealed.scrub(e.getMessage(), secrets)
                            + "; a policy that cannot run blocks rather than passes", info.remediation()));
            return;
        } catch (RuntimeException | StackOverflowError e) {
            // No exception class in what users read; the message (or its absence) is what a bug report needs.
            out.add(new Violation(info.id(), EnforcementLevel.MANDATORY, "",
                    "the policy failed to run (an internal error: " + Revealed.scrub(String.valueOf(e.getMessage()), secrets)
                            + "); a policy that cannot run blocks rather than passes",
                    info.remediation()));
            return;
        }
        for (var f : findings.all()) {
            if (!f.urn().isEmpty() && config.exceptionFor(info, f.urn()).isPresent()) {
                continue;
            }
            var reported = f.advisory() ? EnforcementLevel.ADVISORY : level;
            var message = secrets.isEmpty() ? f.message() : Revealed.scrub(f.message(), secrets);
            out.add(new Violation(info.id(), reported, f.urn(), message, info.remediation()));
        }
    }

    private static void checkCancelled(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("the analysis was cancelled");
        }
    }

    /** The resources a stack policy reads, each read checking whether the work was cancelled. */
    private static final class Cancellable<T> extends AbstractList<T> implements RandomAccess {
        private final List<T> items;
        private final BooleanSupplier cancelled;

        Cancellable(List<T> items, BooleanSupplier cancelled) {
            this.items = items;
            this.cancelled = cancelled;
        }

        @Override
        public T get(int index) {
            checkCancelled(cancelled);
            return items.get(index);
        }

        @Override
        public int size() {
            return items.size();
        }
    }

    private static List<Violation> sorted(List<Violation> violations) {
        violations.sort(Comparator.comparing(Violation::urn).thenComparing(Violation::policyId).thenComparing(Violation::message));
        return List.copyOf(violations);
    }
}
