package dev.citadel.cli;

import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.PackConfig;
import dev.citadel.policy.Policy;
import dev.citadel.policy.PolicyEngine;
import com.pulumi.Context;
import dev.citadel.plan.PlanRunner;
import dev.citadel.policy.PolicyResource;
import dev.citadel.policy.rules.PolicyPack;
import dev.citadel.policy.rules.ReferencesResolve;
import dev.citadel.policy.guard.PolicyGuard;
import dev.citadel.runtime.EngineRun;
import dev.citadel.runtime.RegistrationGate;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether and how the in-program guard checks registrations before the engine sees them, from the stack config the engine
 * passes: {@code citadel:policyGuard} (default {@code true}) switches it, {@code citadel:policies}
 * configures levels, parameters and exceptions exactly as for the analyzer and `citadel plan`.
 */
record Guard(boolean enabled, PolicyEngine engine, PackConfig config) {

    static Guard fromEnvironment() {
        var env = System.getenv();
        Map<String, String> config = EngineRun.stackConfig();
        var dryRun = Boolean.parseBoolean(env.getOrDefault("PULUMI_DRY_RUN", "true"));
        var switched = config.getOrDefault("citadel:policyGuard", "true").strip();
        if (!switched.equals("true") && !switched.equals("false")) {
            // 'maybe' (or 'no', or a typo) used to mean "on": a switch that reads as off must not guard silently.
            throw new IllegalArgumentException("policyGuard: '" + switched + "' is not true or false");
        }
        var enabled = !dryRun && switched.equals("true");
        var policies = PolicyPack.policies().stream().filter(p -> p instanceof Policy.ResourcePolicy).toList();
        var ids = PolicyPack.policies().stream().map(p -> p.info().id()).collect(Collectors.toSet());
        var raw = config.get("citadel:policies");
        var packConfig = (raw == null ? PackConfig.empty() : PackConfig.fromJson(raw, ids))
                .validateParams(PolicyPack.policies().stream().map(p -> p.info()).toList());
        var mandatoryOnly = policies.stream().filter(p -> packConfig.levelOf(p.info()) == EnforcementLevel.MANDATORY).toList();
        return new Guard(enabled, new PolicyEngine(mandatoryOnly, packConfig), packConfig);
    }

    /**
     * Before anything registers: the program planned offline, and every reference it renders resolved (references-resolve).
     * A reference is dangling only once the whole program is known (a Cluster names its ObjectStore before registering
     * it), so the per-registration gate cannot judge it; a plan of the same program can, and a dangling one stops the
     * {@code pulumi up} before the engine has created anything. A program the offline plan cannot run (a StackReference, an
     * invoke) is left to the engine and the pack, with a line saying references were not checked.
     *
     * @return why the program may not run, or empty
     */
    Optional<String> preflight(Consumer<Context> program) {
        var info = ReferencesResolve.INFO;
        if (!enabled || config.levelOf(info) != EnforcementLevel.MANDATORY) {
            return Optional.empty();
        }
        var env = System.getenv();
        List<PolicyResource> resources;
        try {
            var plan = new PlanRunner(env.getOrDefault("PULUMI_PROJECT", "citadel"), env.getOrDefault("PULUMI_STACK", "stack"),
                    EngineRun.stackConfig(), EngineRun.secretKeys()).run(program);
            resources = PolicyResource.of(plan.resources());
        } catch (PlanRunner.ProgramFailure e) {
            if (!e.isUserError()) {
                System.err.println("citadel: policy guard: references not checked, the program could not be planned offline ("
                        + Main.oneLine(e) + "); attach the policy pack to check them");
            }
            // A configuration mistake: the engine run below reports it, once.
            return Optional.empty();
        }
        List<String> dangling;
        try {
            dangling = ReferencesResolve.misses(resources, config.argsOf(info).strings("preinstalled")).stream()
                    .filter(m -> m.verdict() == ReferencesResolve.Verdict.DANGLING)
                    .filter(m -> config.exceptionFor(info, m.from().urn()).isEmpty())
                    .map(ReferencesResolve.Miss::message).toList();
        } catch (IllegalArgumentException e) {
            return Optional.of("citadel:policies." + info.id() + ": " + Main.oneLine(e));
        }
        if (dangling.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Citadel policy guard stopped the update before anything was created: [" + info.id() + "] "
                + String.join("; [" + info.id() + "] ", dangling) + " (the guard runs the mandatory policies inside the program; "
                + "exceptions go in citadel:policies)");
    }

    Optional<RegistrationGate> gate() {
        return enabled ? Optional.of(new PolicyGuard(engine)) : Optional.empty();
    }
}
