package dev.citadel.policy.rules;

import dev.citadel.contract.OidcGroups;
import dev.citadel.policy.Findings;
import dev.citadel.policy.PolicyArgs;
import dev.citadel.policy.PolicyResource;
import dev.citadel.value.Prop;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static dev.citadel.policy.rules.PropReads.items;
import static dev.citadel.policy.rules.PropReads.opaque;

/**
 * Seed 000 §7.1, for oidc-rbac-contract: Headlamp sends the user's ID token to the API server, which accepts it only
 * when its {@code aud} is one of the API server's audiences ({@code --oidc-client-id}: one; a structured
 * AuthenticationConfiguration's {@code jwt[].issuer.audiences}: several). A Headlamp whose {@code config.oidc.clientID}
 * is none of them logs people in and then gets 401 on every request.
 */
final class HeadlampAudience {
    static final String CHART = "headlamp";

    private HeadlampAudience() {
    }

    static void check(List<PolicyResource> resources, PolicyArgs args, Findings findings) {
        var audiences = audiences(resources, args);
        if (audiences.isEmpty()) {
            // Nothing in the stack says what the API server accepts (it is configured elsewhere): nothing to compare.
            return;
        }
        for (var r : resources) {
            var release = HelmValues.of(r).filter(h -> h.isChart(CHART));
            if (release.isEmpty()) {
                continue;
            }
            var clientId = findings.decidingString(r, HelmValues.at(release.get().values(), "config.oidc.clientID"),
                    "values.config.oidc.clientID");
            if (clientId != null && !audiences.contains(clientId)) {
                findings.violation(r, release.get().describe() + " logs in through client '" + clientId + "', which is none of the "
                        + "API server's audiences " + audiences + ": the API server accepts only ID tokens whose aud is one of them, "
                        + "so every Headlamp request is 401 Unauthorized. Set config.oidc.clientID to '" + audiences.iterator().next()
                        + "', or add '" + clientId + "' to the audiences of a structured AuthenticationConfiguration "
                        + "(--oidc-client-id takes one)");
            }
        }
    }

    /**
     * The API server's audiences: the policy's {@code audiences} parameter; else every one the stack names: an EKS
     * identity provider's clientId, an {@code oidc-client-id} flag, a structured configuration's audiences, and what
     * OidcRbac annotated its bindings with.
     */
    static Set<String> audiences(List<PolicyResource> resources, PolicyArgs args) {
        var configured = args.strings("audiences");
        if (!configured.isEmpty()) {
            return new LinkedHashSet<>(configured);
        }
        var found = new LinkedHashSet<String>();
        for (var r : resources) {
            if (r.type().equals(OidcPrefix.EKS_IDP)) {
                r.get("oidc").get("clientId").string().ifPresent(found::add);
            }
            if (r.isKind("rbac.authorization.k8s.io", "ClusterRoleBinding")) {
                r.metadata().get("annotations").get(OidcGroups.AUDIENCES_ANNOTATION).string()
                        .ifPresent(a -> found.addAll(OidcGroups.audiences(a)));
            }
            PropTree.walk(r.properties(), "", (key, path, value) -> {
                if (key.equals("oidc-client-id")) {
                    value.string().ifPresent(found::add);
                }
                if (key.equals("issuer") && value.get("audiences") instanceof Prop.Arr) {
                    items(value.get("audiences")).stream().filter(a -> !opaque(a))
                            .forEach(a -> a.string().ifPresent(found::add));
                }
                return true;
            });
        }
        return found;
    }
}
