package dev.citadel.authentik;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * authentik's own blueprint schema (2026.8, vendored from {@code blueprints/schema.json}), applied to a rendered blueprint
 * with each {@code !KeyOf}/{@code !Find} standing for what authentik resolves it to: the referenced object's primary key,
 * an integer where the schema types the field integer (an application's {@code provider}) and a UUID elsewhere (flows,
 * stages, policies). A type-blind placeholder (one UUID string for every tag) fails {@code application.provider} on
 * upstream's own blueprints too: {@code app-authentik-admin.yaml} does.
 */
public final class BlueprintSchema {
    private static final String UUID = "00000000-0000-0000-0000-000000000000";
    private final JsonNode schemaJson;
    private final Schema schema;

    /** A custom tag, as read before authentik resolves it. */
    record Tagged(String tag) {
    }

    public BlueprintSchema() {
        try (var in = BlueprintSchema.class.getResourceAsStream("/authentik/blueprint-schema.json")) {
            schemaJson = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(schemaJson);
    }

    /** The schema's complaints about one blueprint, each as {@code <location>: <message>}; empty when it validates. */
    public List<String> violations(String yaml) {
        return schema.validate(resolved(yaml)).stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    /** A blueprint as YAML reads it, each tag kept as a {@code Tagged} marker (its toString names the tag). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(String yaml) {
        return (Map<String, Object>) new Yaml(new TagsAsMarkers()).load(yaml);
    }

    @SuppressWarnings("unchecked")
    private JsonNode resolved(String yaml) {
        var doc = read(yaml);
        var entries = (List<Map<String, Object>>) doc.get("entries");
        for (var entry : entries) {
            var model = schemaJson.path("$defs").path("model_" + entry.get("model")).path("properties");
            for (var part : List.of("attrs", "identifiers")) {
                var fields = (Map<String, Object>) entry.get(part);
                if (fields != null) {
                    fields.replaceAll((k, v) -> pk(v, model.path(k)));
                }
            }
        }
        return new ObjectMapper().valueToTree(replaceRemaining(doc));
    }

    /** What authentik puts in place of a tag: an integer pk where the field is one, a UUID pk otherwise. */
    private static Object pk(Object value, JsonNode property) {
        if (value instanceof Tagged) {
            return "integer".equals(property.path("type").asText()) ? Integer.valueOf(1) : UUID;
        }
        if (value instanceof List<?> list) {
            var items = property.path("items");
            return list.stream().map(v -> pk(v, items)).toList();
        }
        return value;
    }

    private static Object replaceRemaining(Object value) {
        if (value instanceof Tagged) {
            return UUID;
        }
        if (value instanceof Map<?, ?> map) {
            var out = new TreeMap<String, Object>();
            map.forEach((k, v) -> out.put(String.valueOf(k), replaceRemaining(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(BlueprintSchema::replaceRemaining).toList();
        }
        return value;
    }

    private static final class TagsAsMarkers extends SafeConstructor {
        TagsAsMarkers() {
            super(new LoaderOptions());
            yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    return new Tagged(node.getTag().getValue());
                }
            });
        }
    }
}
