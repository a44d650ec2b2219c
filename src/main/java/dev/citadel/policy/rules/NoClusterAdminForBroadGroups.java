package dev.citadel.policy.rules;

import dev.citadel.contract.OidcGroups;
import dev.citadel.policy.ConfigParam;
import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.Findings;
import dev.citadel.policy.Policy;
import dev.citadel.policy.PolicyArgs;
import dev.citadel.policy.PolicyInfo;
import dev.citadel.policy.PolicyResource;

import java.util.ArrayList;
import java.util.List;

import static dev.citadel.policy.rules.PropReads.items;
import static dev.citadel.policy.rules.PropReads.opaque;

/**
 * Seed 000: the OIDC bindings map a catch-all group ({@code oidc:user}, every realm member) next to
 * {@code oidc:admin → cluster-admin}; one slip binds everybody as cluster-admin. cluster-admin must never
 * go to a group that means "everyone": the system-wide groups or a realm's catch-all group.
 */
public final class NoClusterAdminForBroadGroups implements Policy.StackPolicy {
    static final PolicyInfo INFO = new PolicyInfo(
            "no-cluster-admin-for-broad-groups",
            "cluster-admin must not be bound to everyone-groups (system:authenticated, oidc:user and the like)",
            EnforcementLevel.MANDATORY,
            "Bind cluster-admin only to a dedicated admin group (e.g. oidc:admin); give catch-all groups "
                    + "view or nothing",
            "000",
            List.of(new ConfigParam("groupsPrefix", "string",
                            "the API server's OIDC groups prefix (--oidc-groups-prefix); default: read from the stack as "
                                    + "oidc-rbac-contract reads it (EKS identity provider config, OidcRbac's bindings), else \"oidc:\""),
                    new ConfigParam("broadGroups", "array",
                            "more groups that mean everyone, with or without the prefix (e.g. \"staff\")")));


    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public void check(List<PolicyResource> resources, PolicyArgs args, Findings findings) {
        // The prefix is the stack's (a kc: stack's kc:user is its catch-all), read as oidc-rbac-contract reads it.
        var prefix = OidcPrefix.of(resources, args);
        for (var r : resources) {
            check(r, prefix, args, findings);
        }
    }

    private static void check(PolicyResource r, String prefix, PolicyArgs args, Findings findings) {
        if (!(r.isKind("rbac.authorization.k8s.io", "ClusterRoleBinding") || r.isKind("rbac.authorization.k8s.io", "RoleBinding"))) {
            return;
        }
        var roleRef = r.get("roleRef");
        if (!opaque(roleRef.get("kind")) && !roleRef.get("kind").string().orElse("").equals("ClusterRole")) {
            return;
        }
        if (!opaque(roleRef.get("name")) && !roleRef.get("name").string().orElse("").equals("cluster-admin")) {
            return;
        }
        var broad = new ArrayList<>(OidcGroups.SYSTEM_BROAD);
        args.strings("broadGroups").forEach(g -> {
            broad.add(g);
            broad.add(prefix + g);
        });
        var subjects = items(r.get("subjects"));
        if (opaque(r.get("subjects"))) {
            findings.undecidable(r, "subjects of a cluster-admin binding");
            return;
        }
        for (int i = 0; i < subjects.size(); i++) {
            var subject = subjects.get(i);
            if (opaque(subject.get("kind")) || opaque(subject.get("name"))) {
                findings.undecidable(r, "subjects[" + i + "] of a cluster-admin binding");
                continue;
            }
            var name = subject.get("name").string().orElse("");
            var kind = subject.get("kind").string().orElse("");
            var everyone = kind.equals("Group") && (broad.contains(name) || name.startsWith("system:serviceaccounts:")
                    || name.startsWith(prefix) && OidcGroups.isCatchAllName(name.substring(prefix.length())))
                    || kind.equals("User") && name.equals("system:anonymous");
            if (!everyone) {
                continue;
            }
            if (opaque(roleRef.get("kind")) || opaque(roleRef.get("name"))) {
                findings.undecidable(r, "roleRef of a binding for " + kind + " " + name);
            } else {
                findings.violation(r, r.kind() + " " + r.objectName() + " binds cluster-admin to " + kind + " '" + name
                        + "', which everyone (or every workload) is in: any of them can do anything in the cluster. "
                        + "Bind a dedicated admin group instead (e.g. " + prefix + "admin)");
            }
        }
    }
}
