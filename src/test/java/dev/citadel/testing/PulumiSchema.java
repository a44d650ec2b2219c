package dev.citadel.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.citadel.plan.Registration;
import dev.citadel.value.Redacted;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A vendored Pulumi provider schema (subset), and the checks {@code ../shared/tools/conformance.py} makes of a plan's
 * resources against it: the type token exists, every required input is present, every input name is declared, plain
 * values have the declared JSON type, and inputs the provider declares secret are written {@code [secret]}. Nested
 * objects of a declared type ({@code $ref}) are checked the same way, one level deeper than the script looks.
 */
public final class PulumiSchema {
    private final String pkg;
    private final JsonObject schema;

    private PulumiSchema(String pkg, JsonObject schema) {
        this.pkg = pkg;
        this.schema = schema;
    }

    public static PulumiSchema load(String pkg, String resource) {
        try (var in = PulumiSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + resource);
            }
            return new PulumiSchema(pkg, JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong with {@code r} as its provider would read it; empty when it conforms. */
    public List<String> failures(Registration r) {
        @SuppressWarnings("unchecked")
        var inputs = (Map<String, Object>) Redacted.plain(r.inputs());
        return failures(r.type(), inputs);
    }

    /** As {@link #failures(Registration)}, for a type token and inputs as the plan writes them. */
    public List<String> failures(String token, Map<String, Object> inputs) {
        var failures = new ArrayList<String>();
        JsonObject spec;
        if (token.equals("pulumi:providers:" + pkg)) {
            spec = schema.getAsJsonObject("provider");
        } else {
            spec = schema.getAsJsonObject("resources").getAsJsonObject(token);
        }
        if (spec == null) {
            failures.add(token + " is not a resource of the " + pkg + " provider");
            return failures;
        }
        check(token, spec.getAsJsonObject("inputProperties"), spec.getAsJsonArray("requiredInputs"), inputs, failures);
        return failures;
    }

    @SuppressWarnings("unchecked")
    private void check(String where, JsonObject declared, com.google.gson.JsonArray required, Map<String, Object> inputs, List<String> failures) {
        if (required != null) {
            for (var req : required) {
                if (!inputs.containsKey(req.getAsString())) {
                    failures.add(where + " lacks required input '" + req.getAsString() + "'");
                }
            }
        }
        for (var e : inputs.entrySet()) {
            var property = declared == null ? null : declared.getAsJsonObject(e.getKey());
            if (property == null) {
                failures.add(where + " has no input '" + e.getKey() + "'");
                continue;
            }
            var value = e.getValue();
            if (is(property, "secret") && value != null && !Redacted.SECRET.equals(value)) {
                failures.add(where + "." + e.getKey() + " is a secret input but is not marked secret");
                continue;
            }
            if (value == null || Redacted.SECRET.equals(value) || Redacted.UNKNOWN.equals(value)) {
                continue;
            }
            if (property.has("$ref") && property.get("$ref").getAsString().startsWith("#/types/") && value instanceof Map) {
                var type = schema.getAsJsonObject("types").getAsJsonObject(property.get("$ref").getAsString().substring("#/types/".length()));
                check(where + "." + e.getKey(), type.getAsJsonObject("properties"), type.getAsJsonArray("required"),
                        (Map<String, Object>) value, failures);
                continue;
            }
            var want = property.has("type") ? property.get("type").getAsString() : null;
            if (want != null && !hasType(want, value)) {
                failures.add(where + "." + e.getKey() + " should be " + want + ", is " + value.getClass().getSimpleName());
            }
            if ("array".equals(want) && value instanceof List<?> list && property.has("items")) {
                var itemType = property.getAsJsonObject("items").get("type");
                for (var item : list) {
                    if (itemType != null && item != null && !Redacted.UNKNOWN.equals(item) && !hasType(itemType.getAsString(), item)) {
                        failures.add(where + "." + e.getKey() + " items should be " + itemType.getAsString());
                    }
                }
            }
        }
    }

    private static boolean is(JsonObject property, String flag) {
        JsonElement e = property.get(flag);
        return e != null && e.getAsBoolean();
    }

    private static boolean hasType(String want, Object value) {
        return switch (want) {
            case "string" -> value instanceof String;
            case "boolean" -> value instanceof Boolean;
            case "integer" -> value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue());
            case "number" -> value instanceof Number;
            case "array" -> value instanceof List;
            case "object" -> value instanceof Map;
            default -> true;
        };
    }
}
