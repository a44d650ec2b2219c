package dev.citadel.stack;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.citadel.config.ConfigException;
import dev.citadel.config.Plain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One value of stack configuration with the path it was read at, so every error names the exact key
 * ({@code citadel:secrets[1].consumers[0].namespace}), the bad value and the fix. Unknown keys are
 * errors too: a typo in stack config must not silently fall back to a default.
 */
public final class ConfigNode {
    private final String path;
    private final JsonElement value;
    private final Set<String> read = new LinkedHashSet<>();

    ConfigNode(String path, JsonElement value) {
        this.path = path;
        this.value = value == null ? JsonNull.INSTANCE : value;
    }

    public String path() {
        return path;
    }

    public ConfigNode get(String key) {
        read.add(key);
        return new ConfigNode(path + "." + key, object().get(key));
    }

    public String string(String key) {
        var node = get(key);
        if (node.value.isJsonNull()) {
            throw new ConfigException(node.path + " is missing; " + hintFor(key));
        }
        return node.asString();
    }

    public Optional<String> optString(String key) {
        var node = get(key);
        return node.value.isJsonNull() ? Optional.empty() : Optional.of(node.asString());
    }

    /** This node as a list (empty when absent). */
    public List<ConfigNode> items() {
        if (value.isJsonNull()) {
            return List.of();
        }
        if (!value.isJsonArray()) {
            throw new ConfigException(path + " should be a list (YAML '- item' lines), is " + Plain.describe(value));
        }
        var items = new ArrayList<ConfigNode>();
        JsonArray array = value.getAsJsonArray();
        for (int i = 0; i < array.size(); i++) {
            items.add(new ConfigNode(path + "[" + i + "]", array.get(i)));
        }
        return items;
    }

    /**
     * This node as plain Java data (maps, lists, strings, whole numbers as Integer, booleans), for
     * settings passed through as they are (manifests, Helm values).
     */
    public Object plain() {
        return Plain.of(value);
    }

    public String asString() {
        if (value.isJsonPrimitive()) {
            return value.getAsString();
        }
        throw new ConfigException(path + " should be a single value, is " + Plain.describe(value));
    }

    /** Fails on keys nobody read: a misspelt option would otherwise be ignored without a word. */
    public void rejectUnknownKeys() {
        for (var key : object().keySet()) {
            if (!read.contains(key)) {
                throw new ConfigException(path + "." + key + " is not a known setting here; the settings are " + read
                        + ". Check the spelling.");
            }
        }
    }

    private JsonObject object() {
        if (value.isJsonNull()) {
            return new JsonObject();
        }
        if (!value.isJsonObject()) {
            throw new ConfigException(path + " should be a map of settings (YAML 'key: value' lines), is " + Plain.describe(value));
        }
        return value.getAsJsonObject();
    }

    private static String hintFor(String key) {
        return "add '" + key + ": ...' there";
    }
}
