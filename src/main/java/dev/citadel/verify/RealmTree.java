package dev.citadel.verify;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reading a RealmRepresentation-shaped tree (declared or live) by what a person names: groups by path, clients
 * by client id, scopes and mappers by name, identity providers by alias. Shared by {@link RealmDrift} and
 * {@link RealmIds} so both read the two trees the same way.
 */
final class RealmTree {
    /** Keys whose values are secrets (client secrets, IdP secrets): never compared, never printed. */
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(secret|password|credential|private).*");

    private RealmTree() {
    }

    /** Every group of the tree by path ({@code /parent/child}) to the group object, sorted by path. */
    static Map<String, JsonObject> groupsByPath(JsonObject realm) {
        var out = new TreeMap<String, JsonObject>();
        collect(realm.get("groups"), "", out);
        return out;
    }

    private static void collect(JsonElement groups, String parent, Map<String, JsonObject> out) {
        for (var g : list(groups)) {
            var group = g.getAsJsonObject();
            var path = parent + "/" + text(group, "name");
            out.put(path, group);
            collect(group.get("subGroups"), path, out);
        }
    }

    /** Objects of the array {@code key}, by their {@code nameKey} (e.g. clients by {@code clientId}), sorted. */
    static Map<String, JsonObject> byName(JsonObject realm, String key, String nameKey) {
        var out = new TreeMap<String, JsonObject>();
        for (var e : list(realm.get(key))) {
            if (e.isJsonObject()) {
                out.putIfAbsent(text(e.getAsJsonObject(), nameKey), e.getAsJsonObject());
            }
        }
        return out;
    }

    /** The string items of an array field (absent: none), sorted. */
    static TreeSet<String> strings(JsonObject o, String key) {
        var out = new TreeSet<String>();
        for (var e : list(o == null ? null : o.get(key))) {
            if (e.isJsonPrimitive()) {
                out.add(e.getAsString());
            }
        }
        return out;
    }

    static List<JsonElement> list(JsonElement e) {
        var out = new ArrayList<JsonElement>();
        if (e instanceof JsonArray a) {
            a.forEach(out::add);
        }
        return out;
    }

    static String text(JsonObject o, String key) {
        var e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
    }

    /** A scalar field as text ({@code true} and {@code "true"} alike: Keycloak keeps attributes as strings). */
    static Optional<String> scalar(JsonObject o, String key) {
        var e = o == null ? null : o.get(key);
        return e != null && e.isJsonPrimitive() ? Optional.of(e.getAsString()) : Optional.empty();
    }

    /** The scalar fields the declaration states that can be compared: no secret, no {@code ${PLACEHOLDER}}. */
    static Map<String, String> comparableScalars(JsonObject declared, List<String> skip) {
        var out = new LinkedHashMap<String, String>();
        if (declared == null) {
            return out;
        }
        for (var e : sortedEntries(declared)) {
            if (skip.contains(e.getKey()) || !e.getValue().isJsonPrimitive() || isSecret(e.getKey())) {
                continue;
            }
            var value = e.getValue().getAsString();
            // A placeholder is filled from a Secret at import: its value is not in the plan and must not be compared.
            if (!value.contains("${")) {
                out.put(e.getKey(), value);
            }
        }
        return out;
    }

    static java.util.Set<Map.Entry<String, JsonElement>> sortedEntries(JsonObject o) {
        var sorted = new TreeMap<String, JsonElement>();
        o.entrySet().forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted.entrySet();
    }

    static boolean isSecret(String key) {
        return SECRET_KEY.matcher(key).matches();
    }

    static JsonObject object(JsonObject o, String key) {
        var e = o == null ? null : o.get(key);
        return e instanceof JsonObject j ? j : new JsonObject();
    }
}
