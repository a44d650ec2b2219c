package dev.citadel.runtime.pkg;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.pulumi.provider.internal.properties.PropertyValue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Construct's inputs as the plain JSON the components' input classes bind from (the binder stack config uses), and the
 * secrets they carried. The input classes hold plain values, so a secret is unwrapped to bind; what it reaches stays
 * secret because the components keep every value they are given as a secret output, and because this remembers the
 * plaintexts: an output or a message that would show one is marked secret or redacted.
 *
 * @param json    the inputs
 * @param secrets every plaintext that arrived as a secret
 */
record InputJson(JsonObject json, Set<String> secrets) {
    static final String REDACTED = "[secret]";

    static InputJson of(String name, Map<String, PropertyValue> inputs) {
        var secrets = new TreeSet<String>();
        var json = new JsonObject();
        inputs.forEach((key, value) -> json.add(key, convert(name + "." + key, value, false, secrets)));
        return new InputJson(json, secrets);
    }

    private static JsonElement convert(String path, PropertyValue value, boolean secret, Set<String> secrets) {
        switch (value.getType()) {
            case NULL:
                return JsonNull.INSTANCE;
            case BOOL:
                return new JsonPrimitive(value.getBooleanValue());
            case NUMBER: {
                double n = value.getNumberValue();
                if (secret) {
                    secrets.add(number(n));
                }
                return n == Math.rint(n) && Math.abs(n) < Long.MAX_VALUE ? new JsonPrimitive((long) n) : new JsonPrimitive(n);
            }
            case STRING:
                if (secret && !value.getStringValue().isEmpty()) {
                    secrets.add(value.getStringValue());
                }
                return new JsonPrimitive(value.getStringValue());
            case ARRAY: {
                var array = new JsonArray();
                var items = value.getArrayValue();
                for (int i = 0; i < items.size(); i++) {
                    array.add(convert(path + "[" + i + "]", items.get(i), secret, secrets));
                }
                return array;
            }
            case OBJECT: {
                var object = new JsonObject();
                new LinkedHashMap<>(value.getObjectValue()).forEach((k, v) -> object.add(k, convert(path + "." + k, v, secret, secrets)));
                return object;
            }
            case SECRET:
                return convert(path, value.getSecretValue(), true, secrets);
            case OUTPUT: {
                var output = value.getOutputValue();
                if (output.getValue() == null || output.getValue().isComputed()) {
                    throw unknown(path);
                }
                return convert(path, output.getValue(), secret, secrets);
            }
            case COMPUTED:
                throw unknown(path);
            case RESOURCE:
                throw new PackageProvider.PackageError(path + ": a resource reference; Citadel's components take their "
                        + "outputs instead (hosts, secret names, issuer URLs), not the resource");
            default:
                throw new PackageProvider.PackageError(path + ": an asset or archive; no Citadel input takes one");
        }
    }

    /**
     * Citadel's components decide what they render from their inputs (names, hosts, keys), so they cannot be built
     * from a value nobody knows yet; outputs of other Citadel components are known at preview.
     */
    private static PackageProvider.PackageError unknown(String path) {
        return new PackageProvider.PackageError(path + " is not known until another resource is created; Citadel components "
                + "need their inputs at preview: give a value, or an output of another Citadel component (known at preview)");
    }

    private static String number(double n) {
        return n == Math.rint(n) ? Long.toString((long) n) : Double.toString(n);
    }

    /** {@code message} with every secret plaintext replaced. */
    String redact(String message) {
        var out = message;
        for (var secret : secrets) {
            out = out.replace(secret, REDACTED);
        }
        return out;
    }

    /** The state with every value that shows a secret plaintext marked secret. */
    Map<String, PropertyValue> keepSecret(Map<String, PropertyValue> state) {
        var out = new LinkedHashMap<String, PropertyValue>();
        state.forEach((key, value) -> out.put(key, value.getType() != PropertyValue.ValueType.SECRET && shows(value)
                ? PropertyValue.ofSecret(value) : value));
        return out;
    }

    private boolean shows(PropertyValue value) {
        var text = String.valueOf(value.marshal());
        return secrets.stream().anyMatch(text::contains);
    }
}
