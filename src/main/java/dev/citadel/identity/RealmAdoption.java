package dev.citadel.identity;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A realm that exists in Keycloak already (seed 002's holds the users): the managed target imports it and the objects
 * named here into Pulumi's state instead of creating them. The ids are Keycloak's ({@code citadel realm-ids} prints
 * them from a live realm). A declared object not named here is created.
 *
 * @param groups       group name to its Keycloak id
 * @param clients      client id to the client's Keycloak id (its UUID)
 * @param clientScopes scope name to its Keycloak id, for the scopes the managed target creates ({@code groups})
 * @param mappers      the protocol mappers that exist live on an adopted client or scope, as {@code <clientId or scope>:
 *                     [mapper names]}: imported by name; a declared mapper not listed is created. (Pulumi's import of an
 *                     object that is not there fails the whole {@code pulumi up}, so only what Keycloak has is imported.)
 * @param identityProviders the aliases of the declared identity providers the live realm has ({@code google}); the same
 */
public record RealmAdoption(Map<String, String> groups, Map<String, String> clients, Map<String, String> clientScopes,
                            Map<String, List<String>> mappers, Set<String> identityProviders) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    public RealmAdoption {
        groups = Map.copyOf(new TreeMap<>(groups));
        clients = Map.copyOf(new TreeMap<>(clients));
        clientScopes = Map.copyOf(new TreeMap<>(clientScopes));
        var sorted = new TreeMap<String, List<String>>();
        mappers.forEach((owner, names) -> sorted.put(owner, List.copyOf(new TreeSet<>(names))));
        mappers = Map.copyOf(sorted);
        identityProviders = Set.copyOf(identityProviders);
    }

    /** The realm alone: its objects are created (or named with {@link #withGroup} and the like). */
    public static RealmAdoption realmOnly() {
        return new RealmAdoption(Map.of(), Map.of(), Map.of(), Map.of(), Set.of());
    }

    public RealmAdoption withGroup(String name, String id) {
        var more = new TreeMap<>(groups);
        more.put(name, id);
        return new RealmAdoption(more, clients, clientScopes, mappers, identityProviders);
    }

    public RealmAdoption withClient(String clientId, String id) {
        var more = new TreeMap<>(clients);
        more.put(clientId, id);
        return new RealmAdoption(groups, more, clientScopes, mappers, identityProviders);
    }

    public RealmAdoption withClientScope(String name, String id) {
        var more = new TreeMap<>(clientScopes);
        more.put(name, id);
        return new RealmAdoption(groups, clients, more, mappers, identityProviders);
    }

    /** A mapper Keycloak has on an adopted client or client scope ({@code owner}: its client id or scope name). */
    public RealmAdoption withMapper(String owner, String mapperName) {
        var more = new TreeMap<>(mappers);
        var names = new java.util.ArrayList<>(more.getOrDefault(owner, List.of()));
        names.add(mapperName);
        more.put(owner, names);
        return new RealmAdoption(groups, clients, clientScopes, more, identityProviders);
    }

    /** The live realm has this identity provider ({@code google}). */
    public RealmAdoption withIdentityProvider(String alias) {
        var more = new TreeSet<>(identityProviders);
        more.add(alias);
        return new RealmAdoption(groups, clients, clientScopes, mappers, more);
    }

    /** Every entry names a declared object, by a usable id. */
    void check(KeycloakRealmArgs realm) {
        check("groups", groups, realm.groupNames(), "group");
        check("clients", clients, realm.clientIds(), "client");
        clientScopes.keySet().forEach(name -> {
            if (!ManagedRealm.CREATED_SCOPES.contains(name)) {
                throw new IllegalArgumentException("adopt.clientScopes: '" + name + "' is "
                        + (ClientScopes.KNOWN.contains(name) ? "one of Keycloak's built-in scopes, which the managed realm uses by name and never creates"
                        : "not a client scope the realm declares") + "; drop it (only " + ManagedRealm.CREATED_SCOPES + " are adopted)");
            }
        });
        checkIds("clientScopes", clientScopes);
        mappers.keySet().forEach(owner -> {
            if (!clients.containsKey(owner) && !clientScopes.containsKey(owner)) {
                throw new IllegalArgumentException("adopt.mappers: '" + owner + "' is neither an adopted client nor an adopted client scope "
                        + "(adopted: " + new TreeSet<>(clients.keySet()) + ", " + new TreeSet<>(clientScopes.keySet()) + "); a mapper is "
                        + "adopted with its client or scope: adopt that too, or drop the entry");
            }
        });
        for (var alias : identityProviders) {
            var declared = realm.google().isPresent() && alias.equals(GoogleIdentityProvider.ALIAS);
            if (!declared) {
                throw new IllegalArgumentException("adopt.identityProviders: '" + alias + "' is not an identity provider the realm declares"
                        + (realm.google().isPresent() ? " (it declares " + GoogleIdentityProvider.ALIAS + ")" : " (it declares none)")
                        + "; drop it, or declare it so the managed realm keeps it");
            }
        }
    }

    private static void check(String key, Map<String, String> adopted, java.util.List<String> declared, String what) {
        for (var name : adopted.keySet()) {
            if (!declared.contains(name)) {
                throw new IllegalArgumentException("adopt." + key + ": '" + name + "' is not a " + what + " the realm declares (it declares "
                        + declared + "); drop it, or declare the " + what + " so the managed realm keeps it");
            }
        }
        checkIds(key, adopted);
    }

    private static void checkIds(String key, Map<String, String> adopted) {
        adopted.forEach((name, id) -> {
            if (id == null || !ID.matcher(id).matches()) {
                throw new IllegalArgumentException("adopt." + key + ": the id of '" + name + "' ('" + id + "') is not a Keycloak id; "
                        + "give the id Keycloak shows (citadel realm-ids prints them), e.g. 6f1c2a9e-...");
            }
        });
    }

    // The provider's import ids (pulumi-keycloak 6.13.0 docs).

    static String realm(String realm) {
        return realm;
    }

    Optional<String> group(String realm, String name) {
        return Optional.ofNullable(groups.get(name)).map(id -> realm + "/" + id);
    }

    Optional<String> client(String realm, String clientId) {
        return Optional.ofNullable(clients.get(clientId)).map(id -> realm + "/" + id);
    }

    Optional<String> clientScope(String realm, String name) {
        return Optional.ofNullable(clientScopes.get(name)).map(id -> realm + "/" + id);
    }

    Optional<String> scopeMapper(String realm, String scope, String mapper) {
        return Optional.ofNullable(clientScopes.get(scope)).filter(id -> has(scope, mapper)).map(id -> realm + "/client-scope/" + id + "/name/" + pathEncoded(mapper));
    }

    Optional<String> clientMapper(String realm, String clientId, String mapper) {
        return Optional.ofNullable(clients.get(clientId)).filter(id -> has(clientId, mapper)).map(id -> realm + "/client/" + id + "/name/" + pathEncoded(mapper));
    }

    Optional<String> google(String realm) {
        return identityProviders.contains(GoogleIdentityProvider.ALIAS) ? Optional.of(realm + "/" + GoogleIdentityProvider.ALIAS) : Optional.empty();
    }

    private boolean has(String owner, String mapper) {
        return mappers.getOrDefault(owner, List.of()).contains(mapper);
    }

    /** Path encoding, as the provider wants mapper names: a space is %20, not +. */
    static String pathEncoded(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
