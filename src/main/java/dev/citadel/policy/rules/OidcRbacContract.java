package dev.citadel.policy.rules;

import dev.citadel.policy.ConfigParam;
import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.Findings;
import dev.citadel.policy.Policy;
import dev.citadel.policy.PolicyArgs;
import dev.citadel.policy.PolicyInfo;
import dev.citadel.policy.PolicyResource;
import dev.citadel.value.Prop;

import java.util.List;
import java.util.Locale;

import static dev.citadel.policy.rules.PropReads.items;
import static dev.citadel.policy.rules.PropReads.opaque;

/**
 * Seed 000: Kubernetes matches OIDC groups only by their exact, prefixed name ({@code --oidc-groups-prefix
 * "oidc:"}): a binding to {@code oidc-admin} instead of {@code oidc:admin}, or to a group the realm does
 * not have, authenticates users and then answers Forbidden. And the API server accepts only an https
 * issuer.
 */
public final class OidcRbacContract implements Policy.StackPolicy {
    static final PolicyInfo INFO = new PolicyInfo(
            "oidc-rbac-contract",
            "RBAC group subjects carry the API server's OIDC groups prefix and name realm groups; OIDC issuers are https; "
                    + "Headlamp logs in as one of the API server's audiences",
            EnforcementLevel.MANDATORY,
            "Bind groups as <groupsPrefix><realm group> (e.g. oidc:admin), exactly as the API server prefixes the "
                    + "groups claim, and only groups the realm has; serve the issuer over https; give Headlamp the API "
                    + "server's client id or add its own as an audience of a structured AuthenticationConfiguration. "
                    + "Citadel's OidcRbac derives all of them from the KeycloakRealm",
            "000",
            List.of(new ConfigParam("groupsPrefix", "string",
                            "the API server's OIDC groups prefix (--oidc-groups-prefix); default: the stack's EKS identity "
                                    + "provider config's, else the one OidcRbac recorded on its bindings, else \"oidc:\""),
                    new ConfigParam("realmGroups", "array",
                            "the realm's group names (unprefixed), which bound groups must be among; default: the groups "
                                    + "of the stack's Keycloak realms, imported or managed"),
                    new ConfigParam("issuerUrl", "string", "the OIDC issuer URL the API server trusts"),
                    new ConfigParam("audiences", "array",
                            "the client ids whose ID tokens the API server accepts, which a Headlamp release's "
                                    + "config.oidc.clientID must be among; default: those the stack names (EKS clientId, "
                                    + "oidc-client-id, a structured configuration's audiences, OidcRbac's bindings)")));

    static final String EKS_IDP = OidcPrefix.EKS_IDP;

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public void check(List<PolicyResource> resources, PolicyArgs args, Findings findings) {
        // Unconfigured, the contract is read from the stack itself: the groups of its Keycloak realm imports and
        // the prefix of its EKS identity provider config (what OidcRbac emits); configured values win.
        var prefix = OidcPrefix.of(resources, args);
        var realmGroups = args.strings("realmGroups");
        if (realmGroups.isEmpty()) {
            realmGroups = realmImportGroups(resources);
        }
        var issuer = args.string("issuerUrl", "");
        if (!issuer.isEmpty() && !https(issuer)) {
            findings.stackViolation("policy parameter issuerUrl is " + issuer + ": the API server accepts only an https "
                    + "OIDC issuer; serve the realm over https");
        }
        for (var r : resources) {
            if (r.isKind("rbac.authorization.k8s.io", "ClusterRoleBinding") || r.isKind("rbac.authorization.k8s.io", "RoleBinding")) {
                checkBinding(r, prefix, realmGroups, findings);
            }
            if (r.type().equals(EKS_IDP)) {
                checkIssuer(r, r.get("oidc").get("issuerUrl"), "oidc.issuerUrl", findings);
            } else {
                findIssuers(r, r.properties(), "", 0, findings);
            }
        }
        HeadlampAudience.check(resources, args, findings);
    }

    /**
     * Group names (any depth) of the stack's Keycloak realms, imported or managed; empty when there are none or they
     * are not known.
     */
    static List<String> realmImportGroups(List<PolicyResource> resources) {
        var managed = ManagedKeycloak.groups(resources);
        if (managed.isEmpty()) {
            return List.of();
        }
        var names = new java.util.ArrayList<String>(managed.get());
        for (var r : resources) {
            if (r.isKubernetes() && "k8s.keycloak.org".equals(r.group()) && "KeycloakRealmImport".equals(r.kind())) {
                var groups = r.get("spec").get("realm").get("groups");
                if (opaque(groups) || !collectGroups(groups, names, 0)) {
                    return List.of();
                }
            }
        }
        return names;
    }

    private static boolean collectGroups(Prop groups, List<String> into, int depth) {
        if (depth > 16) {
            return true;
        }
        for (var g : items(groups)) {
            var name = g.get("name");
            if (opaque(name) || name.string().isEmpty()) {
                return false;
            }
            into.add(name.string().get());
            var sub = g.get("subGroups");
            if (opaque(sub) || !collectGroups(sub, into, depth + 1)) {
                return false;
            }
        }
        return true;
    }

    private static void checkBinding(PolicyResource r, String prefix, List<String> realmGroups, Findings findings) {
        var subjects = r.get("subjects");
        if (opaque(subjects)) {
            findings.undecidable(r, "subjects");
            return;
        }
        var list = items(subjects);
        for (int i = 0; i < list.size(); i++) {
            var kind = findings.decidingString(r, list.get(i).get("kind"), "subjects[" + i + "].kind");
            if (!"Group".equals(kind)) {
                continue;
            }
            var group = findings.decidingString(r, list.get(i).get("name"), "subjects[" + i + "].name");
            if (group == null || group.startsWith("system:")) {
                continue;
            }
            var where = r.kind() + " " + r.objectName() + " binds group '" + group + "'";
            if (!group.startsWith(prefix)) {
                findings.violation(r, where + ", which lacks the OIDC groups prefix '" + prefix + "' the API server "
                        + "puts on every group from the token: it matches nobody, and users authenticate but get "
                        + "Forbidden. Bind '" + suggest(group, prefix) + "'");
                continue;
            }
            var bare = group.substring(prefix.length());
            if (!realmGroups.isEmpty() && !realmGroups.contains(bare)) {
                findings.violation(r, where + ", but the realm has no group '" + bare + "' (it has "
                        + String.join(", ", realmGroups) + "): the binding matches nobody"
                        + (bare.startsWith("/") ? "; the groups claim must carry plain names (group mapper without full path)" : ""));
            }
        }
    }

    /** oidc-admin with prefix oidc: was meant to be oidc:admin (seed 000's missing ':'); kc:admin under oidc: too. */
    static String suggest(String group, String prefix) {
        if (group.contains(":")) {
            return prefix + group.substring(group.lastIndexOf(':') + 1);
        }
        var stem = prefix.endsWith(":") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (!stem.isEmpty() && group.length() > stem.length() + 1 && group.startsWith(stem)
                && "-_/.".indexOf(group.charAt(stem.length())) >= 0) {
            return prefix + group.substring(stem.length() + 1);
        }
        return prefix + group;
    }

    /**
     * Issuer URLs the API server is given: a structured AuthenticationConfiguration's jwt[].issuer.url, or an
     * {@code oidc-issuer-url} flag (Talos/kubeadm extraArgs), wherever they sit in the resource's inputs.
     */
    private static void findIssuers(PolicyResource r, Prop value, String path, int depth, Findings findings) {
        if (depth > 32) {
            return;
        }
        if (value instanceof Prop.Arr) {
            var list = ((Prop.Arr) value).items();
            for (int i = 0; i < list.size(); i++) {
                findIssuers(r, list.get(i), path + "[" + i + "]", depth + 1, findings);
            }
        } else if (value instanceof Prop.Obj) {
            var fields = ((Prop.Obj) value).fields();
            if (fields.containsKey("oidc-issuer-url")) {
                checkIssuer(r, fields.get("oidc-issuer-url"), path + ".oidc-issuer-url", findings);
            }
            var jwt = fields.get("jwt");
            if (jwt instanceof Prop.Unknown) {
                checkIssuer(r, Prop.UNKNOWN, path + ".jwt", findings);
            }
            if (jwt instanceof Prop.Arr) {
                var list = ((Prop.Arr) jwt).items();
                for (int i = 0; i < list.size(); i++) {
                    var url = list.get(i).get("issuer").get("url");
                    if (!url.isNull()) {
                        checkIssuer(r, url, path + ".jwt[" + i + "].issuer.url", findings);
                    }
                }
            }
            fields.forEach((key, child) -> findIssuers(r, child, path + "." + key, depth + 1, findings));
        }
    }

    private static void checkIssuer(PolicyResource r, Prop url, String path, Findings findings) {
        var where = path.startsWith(".") ? path.substring(1) : path;
        var value = findings.decidingString(r, url, where);
        if (value != null && !https(value)) {
            findings.violation(r, r.name() + ": OIDC issuer " + where + " is " + value
                    + ": the API server accepts only an https issuer; serve the realm over https");
        }
    }

    private static boolean https(String url) {
        return url.strip().toLowerCase(Locale.ROOT).startsWith("https://");
    }
}
