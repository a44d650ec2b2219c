package dev.citadel.policy;

import java.util.Locale;

/** How a violation counts: mandatory blocks the deployment (and fails `citadel plan` with exit 1). */
public enum EnforcementLevel {
    ADVISORY, MANDATORY, DISABLED;

    /** The name Pulumi uses on the wire and in policy config. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EnforcementLevel parse(String field, String value) {
        for (var level : values()) {
            if (level.wireName().equals(value)) {
                return level;
            }
        }
        throw new IllegalArgumentException(field + ": '" + value + "' is not an enforcement level; use advisory, mandatory or disabled");
    }
}
