package dev.citadel.policy;

import dev.citadel.value.Prop;

import java.util.ArrayList;
import java.util.List;

/** Where a check reports. One instance per policy per evaluation. */
public final class Findings {

    /**
     * A reported problem, before the engine attaches the policy's level and remediation.
     *
     * @param advisory reported at most as advisory, whatever the policy's level: for what a check can
     *                 only suspect, next to what it knows (crd-installed-before-use cannot see a cluster's
     *                 CRDs, so it blocks only on a known miss and names its assumptions as advice)
     */
    public record Finding(String urn, String message, boolean advisory) {
    }

    private final List<Finding> found = new ArrayList<>();

    public void violation(PolicyResource resource, String message) {
        found.add(new Finding(resource.urn(), message, false));
    }

    /**
     * A finding about one resource that never blocks: what a check can only suspect (an assumption about objects
     * outside the stack), reported as advisory even when the policy is mandatory.
     */
    public void advisory(PolicyResource resource, String message) {
        found.add(new Finding(resource.urn(), message, true));
    }

    /** A finding about the stack as a whole (not one resource). */
    public void stackViolation(String message) {
        found.add(new Finding("", message, false));
    }

    /**
     * A finding about the stack as a whole that never blocks: reported as advisory even when the policy
     * is mandatory (and not at all when it is disabled).
     */
    public void stackAdvisory(String message) {
        found.add(new Finding("", message, true));
    }

    /**
     * The deciding value is not known before deployment. That is never a pass: the check cannot vouch
     * for the resource, so it is reported, saying which value and why.
     */
    public void undecidable(PolicyResource resource, String what) {
        found.add(new Finding(resource.urn(), what + " is not known until deployment, so this cannot be checked; "
                + "make it a known value or add an exception for " + resource.urn(), false));
    }

    /**
     * Reads a deciding string: returns it, or reports {@link #undecidable} and returns null when unknown.
     * (Secret wrappers never reach it: the engine sees through them before a policy runs.)
     */
    public String decidingString(PolicyResource resource, Prop value, String what) {
        if (value instanceof Prop.Unknown) {
            undecidable(resource, what);
            return null;
        }
        return value.string().orElse(null);
    }

    /** Whether nothing was reported (lets a check try a reading in a scratch instance first). */
    public boolean isEmpty() {
        return found.isEmpty();
    }

    List<Finding> all() {
        return List.copyOf(found);
    }
}
