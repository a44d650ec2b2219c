package dev.citadel.policy;

import dev.citadel.value.Prop;

import java.util.ArrayList;
import java.util.List;

/** Where a check reports. One instance per policy per evaluation. */
public final class Findings {

    /** A reported problem, before the engine attaches the policy's level and remediation. */
    public record Finding(String urn, String message) {
    }

    private final List<Finding> found = new ArrayList<>();

    public void violation(PolicyResource resource, String message) {
        found.add(new Finding(resource.urn(), message));
    }

    /** A finding about the stack as a whole (not one resource). */
    public void stackViolation(String message) {
        found.add(new Finding("", message));
    }

    /**
     * The deciding value is not known before deployment. That is never a pass: the check cannot vouch
     * for the resource, so it is reported, saying which value and why.
     */
    public void undecidable(PolicyResource resource, String what) {
        found.add(new Finding(resource.urn(), what + " is not known until deployment, so this cannot be checked; "
                + "make it a known value or add an exception for " + resource.urn()));
    }

    /**
     * Reads a deciding string: returns it, or reports {@link #undecidable} and returns null when unknown
     * (or secret, which a policy must not read).
     */
    public String decidingString(PolicyResource resource, Prop value, String what) {
        if (value instanceof Prop.Unknown || value instanceof Prop.Secret) {
            undecidable(resource, what);
            return null;
        }
        return value.string().orElse(null);
    }

    List<Finding> all() {
        return List.copyOf(found);
    }
}
