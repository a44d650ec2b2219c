package dev.citadel.cli;

import com.pulumi.deployment.internal.Monitor;
import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.PackConfig;
import dev.citadel.policy.Policy;
import dev.citadel.policy.PolicyEngine;
import dev.citadel.policy.PolicyPack;
import dev.citadel.policy.guard.GuardMonitor;
import dev.citadel.runtime.EngineRun;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Whether and how the in-program guard wraps the engine's monitor, from the stack config the engine
 * passes: {@code citadel:policyGuard} (default {@code true}) switches it, {@code citadel:policies}
 * configures levels, parameters and exceptions exactly as for the analyzer and `citadel plan`.
 */
record Guard(boolean enabled, PolicyEngine engine, String stack, String project) {

    static Guard fromEnvironment() {
        var env = System.getenv();
        Map<String, String> config = EngineRun.stackConfig();
        var dryRun = Boolean.parseBoolean(env.getOrDefault("PULUMI_DRY_RUN", "true"));
        var enabled = !dryRun && !"false".equals(config.get("citadel:policyGuard"));
        var policies = PolicyPack.policies().stream().filter(p -> p instanceof Policy.ResourcePolicy).toList();
        var ids = PolicyPack.policies().stream().map(p -> p.info().id()).collect(Collectors.toSet());
        var raw = config.get("citadel:policies");
        var packConfig = raw == null ? PackConfig.empty() : PackConfig.fromJson(raw, ids);
        var mandatoryOnly = policies.stream().filter(p -> packConfig.levelOf(p.info()) == EnforcementLevel.MANDATORY).toList();
        return new Guard(enabled, new PolicyEngine(mandatoryOnly, packConfig),
                env.getOrDefault("PULUMI_STACK", ""), env.getOrDefault("PULUMI_PROJECT", ""));
    }

    Monitor wrap(Monitor monitor) {
        return enabled ? new GuardMonitor(monitor, engine, stack, project) : monitor;
    }
}
