package dev.citadel.policy;

import java.util.List;

/**
 * What a policy is, for people and for the engine.
 *
 * @param seed the incident report the policy comes from ({@code 000}..{@code 004}, or {@code all})
 */
public record PolicyInfo(
        String id,
        String description,
        EnforcementLevel defaultLevel,
        String remediation,
        String seed,
        List<ConfigParam> params
) {
    public PolicyInfo {
        if (!id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("policy id '" + id + "' is not kebab-case");
        }
        params = List.copyOf(params);
    }

    public PolicyInfo(String id, String description, EnforcementLevel defaultLevel, String remediation, String seed) {
        this(id, description, defaultLevel, remediation, seed, List.of());
    }
}
