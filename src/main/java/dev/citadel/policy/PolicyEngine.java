package dev.citadel.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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
        var out = new ArrayList<Violation>();
        for (var policy : policies) {
            if (policy instanceof Policy.ResourcePolicy) {
                run(policy, List.of(resource), out);
            }
        }
        return sorted(out);
    }

    /** Every policy over every resource (`citadel plan`, the analyzer's AnalyzeStack). */
    public List<Violation> analyzeStack(List<PolicyResource> resources) {
        var out = new ArrayList<Violation>();
        for (var policy : policies) {
            run(policy, resources, out);
        }
        return sorted(out);
    }

    private void run(Policy policy, List<PolicyResource> resources, List<Violation> out) {
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
                    if (config.exceptionFor(info, r.urn()).isEmpty()) {
                        ((Policy.ResourcePolicy) policy).check(r, args, findings);
                    }
                }
            } else {
                var applicable = resources.stream().filter(r -> config.exceptionFor(info, r.urn()).isEmpty()).toList();
                ((Policy.StackPolicy) policy).check(applicable, args, findings);
            }
        } catch (RuntimeException | StackOverflowError e) {
            out.add(new Violation(info.id(), EnforcementLevel.MANDATORY, "",
                    "the policy failed to run (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                            + "); a policy that cannot run blocks rather than passes",
                    info.remediation()));
            return;
        }
        for (var f : findings.all()) {
            if (!f.urn().isEmpty() && config.exceptionFor(info, f.urn()).isPresent()) {
                continue;
            }
            var reported = f.advisory() ? EnforcementLevel.ADVISORY : level;
            out.add(new Violation(info.id(), reported, f.urn(), f.message(), info.remediation()));
        }
    }

    private static List<Violation> sorted(List<Violation> violations) {
        violations.sort(Comparator.comparing(Violation::urn).thenComparing(Violation::policyId).thenComparing(Violation::message));
        return List.copyOf(violations);
    }
}
