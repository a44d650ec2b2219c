package dev.citadel.identity;

import java.util.Locale;

/**
 * One realm group bound to one ClusterRole, e.g. {@code admin → cluster-admin}. The binding's subject is the
 * group as the API server names it: {@code <groupsPrefix><group>}.
 */
public record GroupBinding(String group, String clusterRole) {
    public static final String CLUSTER_ADMIN = "cluster-admin";
    public static final String EDIT = "edit";
    public static final String VIEW = "view";

    /** Seed 000's names: {@code oidc-cluster-admins}, {@code oidc-cluster-developers}, ... */
    String bindingName() {
        var stem = group.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        return "oidc-cluster-" + (stem.endsWith("s") ? stem : stem + "s");
    }
}
