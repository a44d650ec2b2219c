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

    /**
     * On every ClusterRoleBinding OidcRbac emits when its IdP is known: the client ids whose ID tokens the API server
     * accepts (its audiences), comma-separated. A Headlamp on any other client is 401 on every request (seed 000
     * §7.1); oidc-rbac-contract reads them here, since Talos, kubeadm and structured targets leave no API-server resource.
     */
    public static final String AUDIENCES_ANNOTATION = "citadel.dev/oidc-audiences";

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

    /**
     * The annotations OidcRbac puts on a binding so policies know the prefix it was rendered with and, when known, the
     * API server's audiences (empty when the IdP is another stack's {@code Output}).
     */
    public static Map<String, String> bindingAnnotations(String groupsPrefix, List<String> audiences) {
        var annotations = new java.util.TreeMap<String, String>();
        annotations.put(GROUPS_PREFIX_ANNOTATION, groupsPrefix);
        if (!audiences.isEmpty()) {
            annotations.put(AUDIENCES_ANNOTATION, String.join(",", audiences));
        }
        return annotations;
    }

    /** {@link #AUDIENCES_ANNOTATION}'s value as the list it was written from. */
    public static List<String> audiences(String annotation) {
        return java.util.Arrays.stream(annotation.split(",")).map(String::strip).filter(a -> !a.isEmpty()).toList();
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
