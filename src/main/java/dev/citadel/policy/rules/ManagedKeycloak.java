package dev.citadel.policy.rules;

import dev.citadel.contract.KeycloakObjects;
import dev.citadel.policy.PolicyResource;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.citadel.policy.rules.PropReads.items;
import static dev.citadel.policy.rules.PropReads.opaque;

/**
 * A realm on KeycloakRealm's managed target, read from the pulumi-keycloak resources it is made of: what the
 * realm-reading policies read from a KeycloakRealmImport otherwise. Objects name each other by Keycloak ids, unknown
 * until deployment, so a client's scope sets and mappers are found by the resources they depend on.
 */
final class ManagedKeycloak {
    private ManagedKeycloak() {
    }

    /** Group names of the stack's managed realms; empty when a name is not known. */
    static Optional<List<String>> groups(List<PolicyResource> resources) {
        var names = new java.util.ArrayList<String>();
        for (var r : resources) {
            if (r.type().equals(KeycloakObjects.GROUP)) {
                var name = r.get("name");
                if (opaque(name) || name.string().isEmpty()) {
                    return Optional.empty();
                }
                names.add(name.string().get());
            }
        }
        return Optional.of(names);
    }

    /** Adds the managed realms and their clients; returns false when a deciding part is not known. */
    static boolean read(List<PolicyResource> resources, Set<String> realms, Map<String, GatewayRealm.Client> clients) {
        var known = true;
        var scopeNames = new HashMap<String, String>();
        var createdScopeClaims = new HashMap<String, Set<String>>();
        var clientIds = new HashMap<String, String>();
        var clientClaims = new HashMap<String, Set<String>>();
        for (var r : resources) {
            if (r.type().equals(KeycloakObjects.REALM)) {
                var name = r.get("realm");
                if (opaque(name) || name.string().isEmpty()) {
                    known = false;
                } else {
                    realms.add(name.string().get());
                }
            } else if (r.type().equals(KeycloakObjects.CLIENT_SCOPE)) {
                var name = r.get("name");
                if (opaque(name) || name.string().isEmpty()) {
                    known = false;
                } else {
                    scopeNames.put(r.urn(), name.string().get());
                    createdScopeClaims.putIfAbsent(name.string().get(), new HashSet<>());
                }
            } else if (r.type().equals(KeycloakObjects.CLIENT)) {
                var id = r.get("clientId");
                if (opaque(id) || id.string().isEmpty()) {
                    known = false;
                } else {
                    clientIds.put(r.urn(), id.string().get());
                    clientClaims.put(r.urn(), new HashSet<>(GatewayRealm.ALWAYS));
                }
            }
        }
        for (var r : resources) {
            if (r.type().equals(KeycloakObjects.GROUP_MEMBERSHIP_MAPPER)) {
                var claim = r.get("claimName");
                var scope = dependency(r, scopeNames);
                if (opaque(claim) || scope.isEmpty()) {
                    known = false;
                } else {
                    claim.string().ifPresent(createdScopeClaims.get(scopeNames.get(scope.get()))::add);
                }
            } else if (r.type().equals(KeycloakObjects.AUDIENCE_MAPPER)) {
                var client = dependency(r, clientIds);
                if (client.isEmpty()) {
                    known = false;
                } else {
                    clientClaims.get(client.get()).add("aud");
                }
            }
        }
        for (var r : resources) {
            if (!r.type().equals(KeycloakObjects.CLIENT_DEFAULT_SCOPES)) {
                continue;
            }
            var client = dependency(r, clientIds);
            if (client.isEmpty()) {
                known = false;
                continue;
            }
            for (var scope : items(r.get("defaultScopes"))) {
                if (opaque(scope) || scope.string().isEmpty()) {
                    known = false;
                    continue;
                }
                var name = scope.string().get();
                var claims = createdScopeClaims.getOrDefault(name, KeycloakObjects.BUILT_IN_SCOPE_CLAIMS.get(name));
                if (claims != null) {
                    clientClaims.get(client.get()).addAll(claims);
                }
            }
        }
        for (var r : resources) {
            if (clientIds.containsKey(r.urn())) {
                clients.put(clientIds.get(r.urn()), new GatewayRealm.Client(items(r.get("validRedirectUris")), clientClaims.get(r.urn())));
            }
        }
        return known;
    }

    /** The one resource among {@code candidates} (by URN) that {@code r} depends on. */
    private static Optional<String> dependency(PolicyResource r, Map<String, String> candidates) {
        return r.dependencies().stream().filter(candidates::containsKey).findFirst();
    }
}
