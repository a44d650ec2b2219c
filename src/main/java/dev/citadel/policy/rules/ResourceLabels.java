package dev.citadel.policy.rules;

import dev.citadel.policy.PolicyResource;

/** How messages name a resource, so people find it: {@code StatefulSet keycloak/dev-keycloak}, {@code postgresql:index/role:Role backstage-app}. */
final class ResourceLabels {
    private ResourceLabels() {
    }

    static String of(PolicyResource r) {
        var release = HelmValues.of(r);
        if (release.isPresent()) {
            return release.get().describe();
        }
        if (r.isKubernetes()) {
            return r.kind() + " " + r.namespace().map(ns -> ns + "/").orElse("") + r.objectName();
        }
        return r.type() + " " + r.name();
    }
}
