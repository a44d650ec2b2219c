package dev.citadel.verify;

import com.google.gson.JsonObject;
import dev.citadel.contract.KeycloakObjects;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.citadel.verify.RealmTree.byName;
import static dev.citadel.verify.RealmTree.comparableScalars;
import static dev.citadel.verify.RealmTree.groupsByPath;
import static dev.citadel.verify.RealmTree.object;
import static dev.citadel.verify.RealmTree.scalar;
import static dev.citadel.verify.RealmTree.strings;
import static dev.citadel.verify.RealmTree.text;

/**
 * The live realm against the declared one ({@code realmJson} of the plan), pure: two trees in, lines out. One PASS
 * line when they agree; one FAIL line per difference, sorted by kind and name.
 *
 * <p>What the declaration states is compared, in both directions where the declaration owns the whole set (groups,
 * clients, default groups, redirect URIs, web origins, scope assignments, mappers of a declared client or scope).
 * What Keycloak adds on its own is not drift: its built-in clients ({@link #KEYCLOAK_CLIENTS}), client scopes it
 * creates with every realm ({@code offline_access} and others), and the dozens of realm, client and IdP settings
 * and attributes the declaration leaves at Keycloak's default. Flagging those would fail every realm ever imported
 * and teach people to ignore the check. Secrets ({@code secret}, {@code clientSecret}) and {@code ${PLACEHOLDER}}
 * values are neither compared nor printed: their values are not in the plan, and Keycloak masks them anyway.
 */
public final class RealmDrift {
    public static final String CHECK = "realm";

    /** Clients Keycloak creates in every realm: present live, never declared, not drift. */
    static final Set<String> KEYCLOAK_CLIENTS = Set.of("account", "account-console", "admin-cli", "broker",
            "realm-management", "security-admin-console");

    /**
     * IdP settings whose absence the declaration states: Citadel writes {@code hostedDomain} only to restrict sign-in
     * to one Workspace domain, so a domain added by hand (or one removed) changes who can log in.
     */
    static final Set<String> IDP_CONFIG_STATED_WHEN_ABSENT = Set.of("hostedDomain");

    /** How the declaration reaches Keycloak: what a FAIL line tells the operator to do. */
    public enum Target {
        IMPORT, MANAGED;

        /** The plan's {@code target} output; a realm without one predates the managed target and is imported. */
        public static Target of(String output) {
            return KeycloakObjects.TARGET_MANAGED.equals(output) ? MANAGED : IMPORT;
        }
    }

    private record Diff(int kind, String object, String text) {
    }

    private final List<Diff> diffs = new ArrayList<>();

    private RealmDrift() {
    }

    /**
     * @param stack    the stack, for the {@code citadel realm-ids} command a FAIL line names
     * @param declared the plan's RealmRepresentation ({@code realmJson})
     * @param live     the realm as {@link LiveRealmReader} read it
     */
    public static List<CheckResult> compare(String stack, JsonObject declared, JsonObject live, Target target) {
        var drift = new RealmDrift();
        drift.settings(declared, live);
        drift.groups(declared, live);
        drift.scopes(declared, live);
        drift.clients(declared, live);
        drift.identityProviders(declared, live);
        var realm = text(declared, "realm");
        var check = CHECK + " " + realm;
        if (drift.diffs.isEmpty()) {
            return List.of(CheckResult.pass(check, "the live realm matches the declaration (" + groupsByPath(declared).size()
                    + " groups, " + byName(declared, "clients", "clientId").size() + " clients, "
                    + byName(declared, "clientScopes", "name").size() + " client scopes, "
                    + byName(declared, "identityProviders", "alias").size() + " identity providers)"));
        }
        var fix = target == Target.IMPORT
                ? "; the realm's target is import: the operator's KeycloakRealmImport creates realms only and will not apply this;"
                  + " move it to managed (citadel:identity.realm.target: managed, with the adopt: block 'citadel realm-ids --stack "
                  + stack + "' prints)"
                : "; pulumi up applies the declaration";
        return drift.diffs.stream()
                .sorted(Comparator.comparingInt(Diff::kind).thenComparing(Diff::object).thenComparing(Diff::text))
                .map(d -> CheckResult.fail(check, d.text() + fix))
                .toList();
    }

    private void add(int kind, String object, String text) {
        diffs.add(new Diff(kind, object, text));
    }

    private void settings(JsonObject declared, JsonObject live) {
        var collections = List.of("realm", "id", "groups", "defaultGroups", "clients", "clientScopes",
                "defaultDefaultClientScopes", "defaultOptionalClientScopes", "identityProviders");
        fields(0, "", "realm setting ", declared, live, collections);
    }

    /** Each comparable scalar the declaration states against the live value: one diff per field. */
    private void fields(int kind, String object, String prefix, JsonObject declared, JsonObject live, List<String> skip) {
        comparableScalars(declared, skip).forEach((key, want) -> {
            var have = scalar(live, key);
            if (have.isEmpty() || !have.get().equals(want)) {
                add(kind, object, prefix + key + ": declared '" + want + "', live " + have.map(h -> "'" + h + "'").orElse("unset"));
            }
        });
    }

    private void groups(JsonObject declared, JsonObject live) {
        var want = groupsByPath(declared);
        var have = groupsByPath(live);
        var moved = new TreeSet<String>();
        want.forEach((path, group) -> {
            if (have.containsKey(path)) {
                return;
            }
            var name = text(group, "name");
            var elsewhere = have.entrySet().stream().filter(e -> !want.containsKey(e.getKey())
                    && text(e.getValue(), "name").equals(name)).map(Map.Entry::getKey).findFirst();
            if (elsewhere.isPresent()) {
                moved.add(elsewhere.get());
                add(1, path, "group '" + name + "': declared at " + path + ", live at " + elsewhere.get() + " (wrong parent)");
            } else {
                add(1, path, "group " + path + " is declared but missing live");
            }
        });
        have.keySet().stream().filter(p -> !want.containsKey(p) && !moved.contains(p))
                .forEach(p -> add(1, p, "group " + p + " exists live but is not declared"));
        both(2, "", "default groups: ", strings(declared, "defaultGroups"), strings(live, "defaultGroups"));
    }

    /**
     * One diff for a set that differs, naming what is declared but not live and what is live but not declared: a
     * redirect URI changed is one change, one line.
     */
    private void both(int kind, String object, String what, Set<String> want, Set<String> have) {
        var missing = want.stream().filter(w -> !have.contains(w)).map(w -> "'" + w + "'").toList();
        var extra = have.stream().filter(h -> !want.contains(h)).map(h -> "'" + h + "'").toList();
        if (missing.isEmpty() && extra.isEmpty()) {
            return;
        }
        var parts = new ArrayList<String>();
        if (!missing.isEmpty()) {
            parts.add("declared but not live " + String.join(", ", missing));
        }
        if (!extra.isEmpty()) {
            parts.add("live but not declared " + String.join(", ", extra));
        }
        add(kind, object, what + String.join("; ", parts));
    }

    private void scopes(JsonObject declared, JsonObject live) {
        var have = byName(live, "clientScopes", "name");
        byName(declared, "clientScopes", "name").forEach((name, scope) -> {
            var object = "client scope '" + name + "'";
            var match = have.get(name);
            if (match == null) {
                add(3, name, object + " is declared but missing live");
                return;
            }
            fields(3, name, object + ": ", scope, match, List.of("name", "id"));
            fields(3, name, object + ": attribute ", object(scope, "attributes"), object(match, "attributes"), List.of());
            mappers(3, name, object, scope, match);
        });
        both(4, "", "realm default client scopes: ", strings(declared, "defaultDefaultClientScopes"),
                strings(live, "defaultDefaultClientScopes"));
        both(4, "", "realm optional client scopes: ", strings(declared, "defaultOptionalClientScopes"),
                strings(live, "defaultOptionalClientScopes"));
    }

    /** The mappers of a declared client or scope: each declared one present with its settings, none added. */
    private void mappers(int kind, String name, String object, JsonObject declared, JsonObject live) {
        var want = byName(declared, "protocolMappers", "name");
        var have = byName(live, "protocolMappers", "name");
        want.forEach((mapper, m) -> {
            var match = have.get(mapper);
            var what = object + " mapper '" + mapper + "'";
            if (match == null) {
                add(kind, name, what + " is declared but missing live");
                return;
            }
            fields(kind, name, what + ": ", m, match, List.of("name", "id"));
            fields(kind, name, what + ": ", object(m, "config"), object(match, "config"), List.of());
        });
        have.keySet().stream().filter(m -> !want.containsKey(m))
                .forEach(m -> add(kind, name, object + " mapper '" + m + "' is live but not declared"));
    }

    private void clients(JsonObject declared, JsonObject live) {
        var want = byName(declared, "clients", "clientId");
        var have = byName(live, "clients", "clientId");
        want.forEach((clientId, client) -> {
            var object = "client '" + clientId + "'";
            var match = have.get(clientId);
            if (match == null) {
                add(5, clientId, object + " is declared but missing live");
                return;
            }
            var collections = List.of("clientId", "id", "redirectUris", "webOrigins", "attributes", "defaultClientScopes",
                    "optionalClientScopes", "protocolMappers");
            fields(5, clientId, object + ": ", client, match, collections);
            fields(5, clientId, object + ": attribute ", object(client, "attributes"), object(match, "attributes"), List.of());
            both(5, clientId, object + ": redirect URIs: ", strings(client, "redirectUris"), strings(match, "redirectUris"));
            both(5, clientId, object + ": web origins: ", webOrigins(client), strings(match, "webOrigins"));
            both(5, clientId, object + ": default client scopes: ", strings(client, "defaultClientScopes"),
                    strings(match, "defaultClientScopes"));
            both(5, clientId, object + ": optional client scopes: ", strings(client, "optionalClientScopes"),
                    strings(match, "optionalClientScopes"));
            mappers(5, clientId, object, client, match);
        });
        have.keySet().stream().filter(c -> !want.containsKey(c) && !KEYCLOAK_CLIENTS.contains(c))
                .forEach(c -> add(5, c, "client '" + c + "' exists live but is not declared"));
    }

    /**
     * The web origins the declaration means: those it lists, or, when it lists none, the origins of its http(s) redirect
     * URIs, which Keycloak adds itself to a client created without webOrigins (measured on Keycloak 26.7).
     */
    static java.util.TreeSet<String> webOrigins(JsonObject client) {
        if (client.has("webOrigins")) {
            return strings(client, "webOrigins");
        }
        var origins = new java.util.TreeSet<String>();
        for (var uri : strings(client, "redirectUris")) {
            var m = ORIGIN.matcher(uri);
            if (m.lookingAt()) {
                origins.add(m.group(1));
            }
        }
        return origins;
    }

    private static final java.util.regex.Pattern ORIGIN = java.util.regex.Pattern.compile("(https?://[^/?#]+)");

    private void identityProviders(JsonObject declared, JsonObject live) {
        var want = byName(declared, "identityProviders", "alias");
        var have = byName(live, "identityProviders", "alias");
        want.forEach((alias, idp) -> {
            var object = "identity provider '" + alias + "'";
            var match = have.get(alias);
            if (match == null) {
                add(6, alias, object + " is declared but missing live");
                return;
            }
            fields(6, alias, object + ": ", idp, match, List.of("alias", "internalId", "config"));
            var wantConfig = object(idp, "config");
            var haveConfig = object(match, "config");
            fields(6, alias, object + ": ", wantConfig, haveConfig, List.of());
            for (var key : IDP_CONFIG_STATED_WHEN_ABSENT) {
                var extra = scalar(haveConfig, key).filter(v -> !v.isEmpty());
                if (!wantConfig.has(key) && extra.isPresent()) {
                    add(6, alias, object + ": " + key + " is live '" + extra.get() + "' but not declared");
                }
            }
        });
        have.keySet().stream().filter(a -> !want.containsKey(a))
                .forEach(a -> add(6, a, "identity provider '" + a + "' exists live but is not declared"));
    }
}
