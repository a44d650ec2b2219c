package dev.citadel.policy;

import java.util.Locale;

/** How a violation counts: mandatory blocks the deployment (and fails `citadel plan` with exit 1). */
public enum EnforcementLevel {
    ADVISORY, MANDATORY, DISABLED;

    /** The name Pulumi uses on the wire and in policy config. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * A level as policy config writes it. {@code remediate} is the protocol's fourth level, stronger than
     * mandatory; no Citadel policy rewrites resources, so, as CrossGuard does for a policy without a
     * remediation, it blocks like mandatory (read as advisory, it let two must-flag cases through).
     */
    public static EnforcementLevel parse(String field, String value) {
        if (REMEDIATE.equals(value)) {
            return MANDATORY;
        }
        for (var level : values()) {
            if (level.wireName().equals(value)) {
                return level;
            }
        }
        throw new IllegalArgumentException(field + ": '" + value + "' is not an enforcement level; use advisory, mandatory, "
                + "disabled or remediate");
    }

    /** The protocol's remediate level (see {@link #parse}). */
    public static final String REMEDIATE = "remediate";
}
