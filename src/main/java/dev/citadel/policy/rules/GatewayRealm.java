package dev.citadel.policy.rules;

import dev.citadel.policy.PolicyResource;
import dev.citadel.value.Prop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.citadel.policy.rules.PropReads.items;
import static dev.citadel.policy.rules.PropReads.opaque;

/**
 * The stack's Keycloak realms as a gateway policy needs them, read from their KeycloakRealmImports (and from the
 * resources of a managed realm, {@link ManagedKeycloak}): the realm names,
 * each client's redirect URIs and the claims its tokens carry (from the mappers of its default scopes and its own).
 * {@code known} is false when a deciding part of an import is not known until deployment.
 */
record GatewayRealm(boolean known, Set<String> realms, Map<String, Client> clients) {
    /** Claims every Keycloak token carries, whatever the scopes. */
    static final Set<String> ALWAYS = Set.of("iss", "aud", "exp", "iat", "jti", "typ", "azp", "sid", "scope", "nbf");
    /** Mappers that write a fixed claim, without a claim.name setting. */
    static final Map<String, String> FIXED = Map.of("oidc-sub-mapper", "sub", "oidc-full-name-mapper", "name",
            "oidc-acr-mapper", "acr", "oidc-allowed-origins-mapper", "allowed-origins", "oidc-audience-mapper", "aud");

    record Client(List<Prop> redirectUris, Set<String> claims) {
    }

    static GatewayRealm of(List<PolicyResource> resources) {
        var realms = new HashSet<String>();
        var clients = new HashMap<String, Client>();
        var known = true;
        for (var r : resources) {
            if (!(r.isKubernetes() && "k8s.keycloak.org".equals(r.group()) && "KeycloakRealmImport".equals(r.kind()))) {
                continue;
            }
            var realm = r.get("spec").get("realm");
            var name = realm.get("realm");
            if (opaque(name) || name.string().isEmpty()) {
                known = false;
                continue;
            }
            realms.add(name.string().get());
            var scopeClaims = new HashMap<String, Set<String>>();
            for (var scope : items(realm.get("clientScopes"))) {
                var scopeName = scope.get("name").string();
                if (opaque(scope) || scopeName.isEmpty()) {
                    known = false;
                    continue;
                }
                var claims = new HashSet<String>();
                known &= claims(scope.get("protocolMappers"), claims);
                scopeClaims.put(scopeName.get(), claims);
            }
            for (var client : items(realm.get("clients"))) {
                var id = client.get("clientId").string();
                if (opaque(client) || id.isEmpty()) {
                    known = false;
                    continue;
                }
                var claims = new HashSet<>(ALWAYS);
                known &= claims(client.get("protocolMappers"), claims);
                for (var scope : items(client.get("defaultClientScopes"))) {
                    if (opaque(scope)) {
                        known = false;
                    }
                    scope.string().map(scopeClaims::get).ifPresent(claims::addAll);
                }
                clients.put(id.get(), new Client(items(client.get("redirectUris")), claims));
            }
        }
        known &= ManagedKeycloak.read(resources, realms, clients);
        return new GatewayRealm(known, realms, clients);
    }

    private static boolean claims(Prop mappers, Set<String> into) {
        var known = true;
        for (var m : items(mappers)) {
            var type = m.get("protocolMapper");
            var claim = m.get("config").get("claim.name");
            if (opaque(m) || opaque(type) || opaque(claim)) {
                known = false;
                continue;
            }
            claim.string().ifPresent(into::add);
            type.string().map(FIXED::get).ifPresent(into::add);
        }
        return known;
    }

    boolean present() {
        return !realms.isEmpty() || !known;
    }

    Optional<Client> client(String id) {
        return Optional.ofNullable(clients.get(id));
    }

    /** The realm an issuer URL names ({@code https://host/realms/<realm>}), if it has that shape. */
    static Optional<String> realmOf(String issuer) {
        var at = issuer.indexOf("/realms/");
        if (at < 0) {
            return Optional.empty();
        }
        var name = issuer.substring(at + "/realms/".length());
        return name.isEmpty() || name.contains("/") ? Optional.empty() : Optional.of(name);
    }

    static List<String> strings(List<Prop> props) {
        var out = new ArrayList<String>();
        props.forEach(p -> p.string().ifPresent(out::add));
        return out;
    }
}
