package dev.citadel.cli;

import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.PackConfig;
import dev.citadel.policy.Policy;
import dev.citadel.policy.PolicyEngine;
import dev.citadel.policy.rules.PolicyPack;
import dev.citadel.policy.guard.PolicyGuard;
import dev.citadel.runtime.EngineRun;
import dev.citadel.runtime.RegistrationGate;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether and how the in-program guard checks registrations before the engine sees them, from the stack config the engine
 * passes: {@code citadel:policyGuard} (default {@code true}) switches it, {@code citadel:policies}
 * configures levels, parameters and exceptions exactly as for the analyzer and `citadel plan`.
 */
record Guard(boolean enabled, PolicyEngine engine) {

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
        return new Guard(enabled, new PolicyEngine(mandatoryOnly, packConfig));
    }

    Optional<RegistrationGate> gate() {
        return enabled ? Optional.of(new PolicyGuard(engine)) : Optional.empty();
    }
}
