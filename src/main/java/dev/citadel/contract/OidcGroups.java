package dev.citadel.contract;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What OidcRbac and the RBAC policies (oidc-rbac-contract, no-cluster-admin-for-broad-groups) must agree on
 * about OIDC groups. Seed 000: the prefix, the catch-all names and the annotation existed twice with a
 * comment saying "the same list", and a {@code kc:} prefix let a {@code kc:user → cluster-admin} binding pass
 * the policy. One place, read by both sides.
 */
public final class OidcGroups {
    /** Seed 000's prefix for users and groups alike ({@code --oidc-groups-prefix=oidc:}). */
    public static final String DEFAULT_PREFIX = "oidc:";

    /**
     * On every ClusterRoleBinding OidcRbac emits: the groups prefix the API server was configured with. Talos,
     * kubeadm and structured targets leave no API-server resource in the stack, so this is where the policies
     * read the prefix from.
     */
    public static final String GROUPS_PREFIX_ANNOTATION = "citadel.dev/oidc-groups-prefix";

    /** Group names that mean "everybody who can log in", compared without case. */
    public static final List<String> CATCH_ALL_NAMES = List.of("user", "users", "everyone", "all");

    /** Kubernetes groups every authenticated (or anonymous, or in-cluster) caller is in. */
    public static final List<String> SYSTEM_BROAD = List.of("system:authenticated", "system:unauthenticated", "system:serviceaccounts");

    private OidcGroups() {
    }

    /** True for a group name (unprefixed) that by its name means everyone: {@code user}, {@code Everyone}, .... */
    public static boolean isCatchAllName(String group) {
        return group != null && CATCH_ALL_NAMES.contains(group.toLowerCase(Locale.ROOT));
    }

    /** The annotations OidcRbac puts on a binding so policies know the prefix it was rendered with. */
    public static Map<String, String> bindingAnnotations(String groupsPrefix) {
        return Map.of(GROUPS_PREFIX_ANNOTATION, groupsPrefix);
    }

    /**
     * The stack's groups prefix, found the one way both policies use: a configured value wins; else the prefix
     * of the one EKS identity provider config; else the prefix every OidcRbac binding was annotated with, when
     * they agree; else {@link #DEFAULT_PREFIX}.
     *
     * @param configured  the policy's {@code groupsPrefix} parameter, empty when not set
     * @param eks         the prefix of the stack's EKS identity provider config, when there is exactly one and it is known
     * @param annotated   the prefix the stack's OidcRbac bindings carry, when they all agree on one
     */
    public static String groupsPrefix(String configured, Optional<String> eks, Optional<String> annotated) {
        if (configured != null && !configured.isEmpty()) {
            return configured;
        }
        return eks.or(() -> annotated).orElse(DEFAULT_PREFIX);
    }
}
