package dev.citadel.policy;

/**
 * One per-stack parameter of a policy, published in the pack's schema (GetAnalyzerInfo) and read from
 * policy config.
 *
 * @param type JSON schema type: string, integer, boolean, array, object
 */
public record ConfigParam(String name, String type, String description) {
}
