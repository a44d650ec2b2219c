package dev.citadel.policy;

/**
 * One policy verdict against one resource (or the stack, when {@code urn} is empty).
 */
public record Violation(String policyId, EnforcementLevel level, String urn, String message, String remediation) {
}
