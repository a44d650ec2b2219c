package dev.citadel.stack;

import dev.citadel.config.ConfigException;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

    public boolean has(String key) {
        read.add(key);
        return object().has(key) && !object().get(key).isJsonNull();
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

    public String string(String key, String fallback) {
        return optString(key).orElse(fallback);
    }

    /** An http(s) URL with a host, e.g. a Vault address; checked here so the error names this key. */
    public String httpUrl(String key, String example) {
        var value = string(key);
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new ConfigException(path + "." + key + ": '" + value + "' is not an http(s) URL; write e.g. '" + example + "'");
        }
        return value;
    }

    public int integer(String key, int fallback) {
        var node = get(key);
        if (node.value.isJsonNull()) {
            return fallback;
        }
        var raw = node.value.isJsonPrimitive() ? node.value.getAsString() : node.value.toString();
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(node.path + ": '" + raw + "' is not a whole number; write e.g. " + fallback);
        }
    }

    public boolean bool(String key, boolean fallback) {
        var node = get(key);
        if (node.value.isJsonNull()) {
            return fallback;
        }
        var raw = node.value.isJsonPrimitive() ? node.value.getAsString() : node.value.toString();
        if (raw.equals("true") || raw.equals("false")) {
            return Boolean.parseBoolean(raw);
        }
        throw new ConfigException(node.path + ": '" + raw + "' is not true or false");
    }

    public List<ConfigNode> list(String key) {
        return get(key).items();
    }

    /** This node as a list (empty when absent). */
    public List<ConfigNode> items() {
        if (value.isJsonNull()) {
            return List.of();
        }
        if (!value.isJsonArray()) {
            throw new ConfigException(path + " should be a list (YAML '- item' lines), is " + describe(value));
        }
        var items = new ArrayList<ConfigNode>();
        JsonArray array = value.getAsJsonArray();
        for (int i = 0; i < array.size(); i++) {
            items.add(new ConfigNode(path + "[" + i + "]", array.get(i)));
        }
        return items;
    }

    /** This node as a map of names to single values, in file order (empty when absent). */
    public List<Map.Entry<String, String>> entries() {
        var entries = new ArrayList<Map.Entry<String, String>>();
        for (var key : object().keySet()) {
            entries.add(Map.entry(key, get(key).asString()));
        }
        return entries;
    }

    /**
     * This node as plain Java data (maps, lists, strings, whole numbers as Integer, booleans), for
     * settings passed through as they are (manifests, Helm values).
     */
    public Object plain() {
        return plain(value);
    }

    private static Object plain(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonObject()) {
            var m = new java.util.LinkedHashMap<String, Object>();
            e.getAsJsonObject().entrySet().forEach(x -> m.put(x.getKey(), plain(x.getValue())));
            return m;
        }
        if (e.isJsonArray()) {
            var l = new ArrayList<Object>();
            e.getAsJsonArray().forEach(x -> l.add(plain(x)));
            return l;
        }
        var p = e.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean();
        }
        if (p.isNumber()) {
            var d = p.getAsDouble();
            return d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE ? (Object) (int) d : (Object) d;
        }
        return p.getAsString();
    }

    public String asString() {
        if (value.isJsonPrimitive()) {
            return value.getAsString();
        }
        throw new ConfigException(path + " should be a single value, is " + describe(value));
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
            throw new ConfigException(path + " should be a map of settings (YAML 'key: value' lines), is " + describe(value));
        }
        return value.getAsJsonObject();
    }

    private static String describe(JsonElement e) {
        if (e.isJsonArray()) {
            return "a list";
        }
        if (e.isJsonObject()) {
            return "a map";
        }
        if (e instanceof JsonPrimitive) {
            return "the value '" + e.getAsString() + "'";
        }
        return "empty";
    }

    private static String hintFor(String key) {
        return "add '" + key + ": ...' there";
    }
}
