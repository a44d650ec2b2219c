package dev.citadel.verify;

import com.google.gson.JsonObject;
import dev.citadel.contract.KeycloakObjects;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.citadel.verify.RealmTree.byName;
import static dev.citadel.verify.RealmTree.groupsByPath;
import static dev.citadel.verify.RealmTree.text;

/**
 * The {@code adopt:} block of {@code citadel:identity.realm} for a realm that exists live (seed 002: its users must be
 * kept, so the managed target imports its objects instead of recreating them): Keycloak's id of every group, client
 * and client scope the stack declares and Keycloak has. A declared object Keycloak lacks is a comment ("will be
 * created"), so the block can be pasted as printed. Pure: the declared and the live tree in, YAML text out.
 */
public final class RealmIds {
    private RealmIds() {
    }

    /**
     * @param stack    the stack whose file the block goes into
     * @param keycloak where the live realm was read (for the header comment)
     */
    public static String yaml(String stack, String keycloak, JsonObject declared, JsonObject live) {
        var out = new StringBuilder();
        var realm = text(declared, "realm");
        out.append("# Keycloak's ids of realm ").append(quote(realm)).append(" at ").append(keycloak)
                .append(" for the objects stack ").append(stack).append(" declares.\n");
        out.append("# Paste under citadel:identity.realm in stacks/Pulumi.").append(stack)
                .append(".yaml, next to target: managed; pulumi up then adopts these objects instead of creating them.\n");
        out.append("adopt:\n");
        section(out, "groups", groups(declared, live));
        section(out, "clients", named(declared, live, "clients", "clientId"));
        section(out, "clientScopes", named(declared, live, "clientScopes", "name").stream()
                .filter(e -> KeycloakObjects.CREATED_SCOPES.contains(e.name())).toList());
        mappers(out, declared, live);
        var providers = new ArrayList<String>();
        var liveProviders = byName(live, "identityProviders", "alias");
        byName(declared, "identityProviders", "alias").keySet().forEach(alias -> {
            if (liveProviders.containsKey(alias)) {
                providers.add(quote(alias));
            }
        });
        out.append("  identityProviders: [").append(String.join(", ", providers)).append("]\n");
        return out.toString();
    }

    /**
     * The declared mappers Keycloak has on each adopted client and created scope: Pulumi imports these by name, and
     * importing one that is not there would stop the whole {@code pulumi up}, so the others are left to be created.
     */
    private static void mappers(StringBuilder out, JsonObject declared, JsonObject live) {
        var found = new TreeMap<String, List<String>>();
        collectMappers(found, declared, live, "clients", "clientId", List.of());
        collectMappers(found, declared, live, "clientScopes", "name", KeycloakObjects.CREATED_SCOPES);
        out.append("  mappers:").append(found.isEmpty() ? " {}\n" : "\n");
        found.forEach((owner, names) -> out.append("    ").append(quote(owner)).append(": [")
                .append(String.join(", ", names.stream().map(RealmIds::quote).toList())).append("]\n"));
    }

    private static void collectMappers(Map<String, List<String>> into, JsonObject declared, JsonObject live, String key, String nameKey,
                                       List<String> only) {
        var have = byName(live, key, nameKey);
        byName(declared, key, nameKey).forEach((name, object) -> {
            var match = have.get(name);
            if (match == null || (!only.isEmpty() && !only.contains(name))) {
                return;
            }
            var liveMappers = byName(match, "protocolMappers", "name");
            var names = byName(object, "protocolMappers", "name").keySet().stream().filter(liveMappers::containsKey).toList();
            if (!names.isEmpty()) {
                into.put(name, names);
            }
        });
    }

    /** One entry: the id when found live, else why it is not adopted. */
    private record Entry(String name, String id, String comment) {
    }

    private static void section(StringBuilder out, String key, List<Entry> entries) {
        var found = entries.stream().filter(e -> e.id() != null).toList();
        out.append("  ").append(key).append(found.isEmpty() ? ": {}\n" : ":\n");
        for (var e : entries) {
            if (e.id() != null) {
                out.append("    ").append(quote(e.name())).append(": ").append(quote(e.id())).append('\n');
            } else {
                out.append("    # ").append(quote(e.name())).append(": ").append(e.comment()).append('\n');
            }
        }
    }

    /**
     * Groups by name (Citadel's group names are unique in the realm), matched live by path: a group of the same name
     * under another parent is a different group in Keycloak, and adopting it would move it (and its members).
     */
    private static List<Entry> groups(JsonObject declared, JsonObject live) {
        var have = groupsByPath(live);
        var entries = new TreeMap<String, Entry>();
        groupsByPath(declared).forEach((path, group) -> {
            var name = text(group, "name");
            var match = have.get(path);
            if (match != null) {
                entries.put(name, new Entry(name, text(match, "id"), null));
                return;
            }
            var elsewhere = have.entrySet().stream().filter(e -> text(e.getValue(), "name").equals(name))
                    .map(Map.Entry::getKey).findFirst();
            entries.put(name, new Entry(name, null, elsewhere
                    .map(p -> "live at " + p + ", declared at " + path + ": not adopted (a different group; move it in Keycloak or fix the declaration)")
                    .orElse("not found live (will be created)")));
        });
        return new ArrayList<>(entries.values());
    }

    private static List<Entry> named(JsonObject declared, JsonObject live, String key, String nameKey) {
        var have = byName(live, key, nameKey);
        var entries = new ArrayList<Entry>();
        byName(declared, key, nameKey).keySet().forEach(name -> {
            var match = have.get(name);
            entries.add(match != null ? new Entry(name, text(match, "id"), null) : new Entry(name, null, "not found live (will be created)"));
        });
        return entries;
    }

    /** A YAML scalar as SnakeYAML writes it: plain when that reads back as the same string, quoted otherwise. */
    static String quote(String value) {
        var options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW);
        options.setWidth(Integer.MAX_VALUE);
        return new Yaml(options).dump(value).strip();
    }
}
