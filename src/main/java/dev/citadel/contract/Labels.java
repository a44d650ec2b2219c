package dev.citadel.contract;

import java.util.Map;

/** Labels every Citadel-made object carries, and what policies and people select them by. */
public final class Labels {
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String CITADEL = "citadel";

    private Labels() {
    }

    /** {@code app.kubernetes.io/managed-by: citadel}. */
    public static Map<String, String> managedByCitadel() {
        return Map.of(MANAGED_BY, CITADEL);
    }
}
