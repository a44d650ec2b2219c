package dev.citadel.policy.rules;

import dev.citadel.contract.OidcGroups;
import dev.citadel.policy.PolicyArgs;
import dev.citadel.policy.PolicyResource;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import static dev.citadel.policy.rules.PropReads.opaque;

/**
 * The stack's OIDC groups prefix, read the one way every RBAC policy reads it ({@link OidcGroups#groupsPrefix}):
 * the policy's {@code groupsPrefix} parameter, else the stack's EKS identity provider config, else what OidcRbac
 * annotated its bindings with, else {@code oidc:}. Seed 000 / the component-API issue: one policy hard-coding
 * {@code oidc:} let {@code kc:user → cluster-admin} pass while the other read {@code kc:} from the stack.
 */
final class OidcPrefix {
    static final String EKS_IDP = "aws:eks/identityProviderConfig:IdentityProviderConfig";

    private OidcPrefix() {
    }

    static String of(List<PolicyResource> resources, PolicyArgs args) {
        return OidcGroups.groupsPrefix(args.string("groupsPrefix", ""), eks(resources), annotated(resources));
    }

    /** The groups prefix of the stack's one EKS identity provider config, when it is known. */
    static Optional<String> eks(List<PolicyResource> resources) {
        var prefixes = resources.stream().filter(r -> r.type().equals(EKS_IDP))
                .map(r -> r.get("oidc").get("groupsPrefix")).toList();
        if (prefixes.size() != 1 || opaque(prefixes.get(0))) {
            return Optional.empty();
        }
        return prefixes.get(0).string();
    }

    /** The prefix OidcRbac recorded on the bindings it emitted, when they all agree on one. */
    static Optional<String> annotated(List<PolicyResource> resources) {
        var prefixes = new TreeSet<String>();
        for (var r : resources) {
            if (r.isKind("rbac.authorization.k8s.io", "ClusterRoleBinding")) {
                var value = r.metadata().get("annotations").get(OidcGroups.GROUPS_PREFIX_ANNOTATION);
                if (opaque(value)) {
                    return Optional.empty();
                }
                value.string().ifPresent(prefixes::add);
            }
        }
        return prefixes.size() == 1 ? Optional.of(prefixes.first()) : Optional.empty();
    }
}
