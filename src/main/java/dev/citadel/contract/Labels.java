package dev.citadel.contract;

import java.util.LinkedHashMap;
import java.util.Map;

/** Labels every Citadel-made object carries, and what policies and people select them by. */
public final class Labels {
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String CITADEL = "citadel";

    private Labels() {
    }

    /**
     * The metadata of an object Citadel renders: its name, its namespace (none for a cluster-scoped object) and the
     * managed-by label, in that order; callers add annotations.
     */
    public static Map<String, Object> metadata(String name, String namespace) {
        var metadata = new LinkedHashMap<String, Object>();
        metadata.put("name", name);
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        metadata.put("labels", managedByCitadel());
        return metadata;
    }

    /** {@code app.kubernetes.io/managed-by: citadel}. */
    public static Map<String, String> managedByCitadel() {
        return Map.of(MANAGED_BY, CITADEL);
    }
}
