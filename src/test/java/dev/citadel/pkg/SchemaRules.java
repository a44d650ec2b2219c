package dev.citadel.pkg;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.pulumi.core.annotations.Export;
import dev.citadel.config.Settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of Pulumi's package schema ({@code pkg/codegen/schema/pulumi.json}) a consumer's SDK generation relies
 * on, asserted here rather than read from the spec at test time: well-formed type tokens, every {@code $ref} resolving
 * inside the schema, required properties among the properties, resources marked as components.
 */
final class SchemaRules {
    /** pulumi.json {@code $defs/token}: {@code <package>:<module>:<Name>}, a module present so URNs have no '::'. */
    static final Pattern TOKEN = Pattern.compile("^[a-zA-Z][-a-zA-Z0-9_]*:([^0-9][a-zA-Z0-9._/-]*):[^0-9][a-zA-Z0-9._/]*$");
    /** The built-in types a {@code $ref} may name outside the schema. */
    static final Set<String> BUILTIN_REFS = Set.of("pulumi.json#/Any", "pulumi.json#/Archive", "pulumi.json#/Asset", "pulumi.json#/Json");

    private SchemaRules() {
    }

    static void assertFollowed(JsonObject schema) {
        var name = schema.get("name").getAsString();
        var types = schema.has("types") ? schema.getAsJsonObject("types") : new JsonObject();
        var resources = schema.getAsJsonObject("resources");
        assertThat(resources.keySet()).isNotEmpty();
        for (var token : union(types.keySet(), resources.keySet())) {
            assertThat(token).as("type token").matches(TOKEN).startsWith(name + ":");
        }
        for (var ref : refs(schema)) {
            if (!BUILTIN_REFS.contains(ref)) {
                assertThat(ref).as("$ref").startsWith("#/types/");
                assertThat(types.keySet()).as("$ref %s resolves", ref).contains(ref.substring("#/types/".length()));
            }
        }
        types.entrySet().forEach(t -> {
            var type = t.getValue().getAsJsonObject();
            assertThat(type.get("type").getAsString()).as(t.getKey()).isEqualTo("object");
            assertThat(keys(type, "properties")).as("%s: required among properties", t.getKey()).containsAll(strings(type, "required"));
        });
        resources.entrySet().forEach(r -> {
            var resource = r.getValue().getAsJsonObject();
            assertThat(resource.get("isComponent").getAsBoolean()).as("%s isComponent", r.getKey()).isTrue();
            assertThat(keys(resource, "inputProperties")).as("%s: requiredInputs among inputs", r.getKey())
                    .containsAll(strings(resource, "requiredInputs"));
            assertThat(keys(resource, "properties")).as("%s: required outputs among outputs", r.getKey())
                    .containsAll(strings(resource, "required"));
        });
    }

    /** Every component of the package, with exactly its input class's settings (required as there) and its outputs. */
    static void assertListsComponents(JsonObject schema) {
        var resources = schema.getAsJsonObject("resources");
        var tokens = new TreeSet<String>();
        for (var component : CitadelPackage.description().components()) {
            var type = component.type();
            var token = "citadel:index:" + type.getSimpleName();
            tokens.add(token);
            var resource = resources.getAsJsonObject(token);
            assertThat(resource).as(token).isNotNull();
            var inputs = type.getConstructors()[0].getParameterTypes()[1];
            var settings = Settings.of(inputs);
            assertThat(keys(resource, "inputProperties")).as(token).isEqualTo(new TreeSet<>(settings.stream().map(Settings.Setting::key).toList()));
            assertThat(new TreeSet<>(strings(resource, "requiredInputs"))).as(token)
                    .isEqualTo(new TreeSet<>(settings.stream().filter(Settings.Setting::required).map(Settings.Setting::key).toList()));
            var exports = new TreeSet<String>();
            for (var field : type.getDeclaredFields()) {
                if (field.isAnnotationPresent(Export.class)) {
                    exports.add(field.getAnnotation(Export.class).name());
                }
            }
            assertThat(exports).as(token + " outputs").isNotEmpty();
            assertThat(keys(resource, "properties")).as(token).isEqualTo(exports);
        }
        assertThat(resources.keySet()).isEqualTo(tokens);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        var out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }

    private static Set<String> keys(JsonObject o, String member) {
        return o.has(member) ? new TreeSet<>(o.getAsJsonObject(member).keySet()) : Set.of();
    }

    private static List<String> strings(JsonObject o, String member) {
        var out = new ArrayList<String>();
        if (o.has(member)) {
            o.getAsJsonArray(member).forEach(e -> out.add(e.getAsString()));
        }
        return out;
    }

    private static List<String> refs(JsonElement e) {
        var out = new ArrayList<String>();
        if (e.isJsonObject()) {
            e.getAsJsonObject().entrySet().forEach(x -> {
                if (x.getKey().equals("$ref")) {
                    out.add(x.getValue().getAsString());
                } else {
                    out.addAll(refs(x.getValue()));
                }
            });
        } else if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(x -> out.addAll(refs(x)));
        }
        return out;
    }
}
