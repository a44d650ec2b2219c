package dev.citadel.config;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads stack configuration into input classes, by their {@code @Import} settings. Every error names the exact path
 * ({@code citadel:databases[0].pooler.mode}), the value and the fix; a key no setting reads is refused with the nearest
 * one ("did you mean"), because a misspelt option would otherwise fall back to its default without a word.
 */
public final class Binder {
    private Binder() {
    }

    /** {@code json} (absent: JSON null) at {@code path} as a {@code type}. */
    public static <T extends Inputs> T bind(String path, JsonElement json, Class<T> type, Paths paths) {
        return type.cast(object(path, json == null ? JsonNull.INSTANCE : json, type, paths));
    }

    /** {@code json} as a list of {@code type} (absent: empty). */
    public static <T extends Inputs> List<T> bindList(String path, JsonElement json, Class<T> type, Paths paths) {
        var list = new ArrayList<T>();
        for (var item : list(path, json == null ? JsonNull.INSTANCE : json, type, paths)) {
            list.add(type.cast(item));
        }
        return list;
    }

    private static Inputs object(String path, JsonElement json, Class<? extends Inputs> type, Paths paths) {
        var inputs = instantiate(type);
        paths.record(inputs, path);
        if (json.isJsonPrimitive() && inputs instanceof ScalarForm scalar) {
            scalar.fromScalar(json.getAsString());
            return inputs;
        }
        var object = json.isJsonNull() ? new JsonObject() : requireObject(path, json);
        var settings = Settings.of(type);
        var keys = settings.stream().map(Settings.Setting::key).toList();
        for (var key : object.keySet()) {
            if (!keys.contains(key)) {
                var near = Spelling.nearest(key, keys);
                throw new ConfigException(path + "." + key + " is not a known setting here; "
                        + near.map(n -> "did you mean " + n + "? The").orElse("the") + " settings are " + keys + ". Check the spelling.");
            }
        }
        for (var setting : settings) {
            var value = object.get(setting.key());
            var at = path + "." + setting.key();
            var bound = value(at, value == null ? JsonNull.INSTANCE : value, setting.type(), paths);
            if (setting.required() && (bound == null || bound instanceof List<?> l && l.isEmpty() || bound instanceof Map<?, ?> m && m.isEmpty())) {
                throw new ConfigException(at + " is missing; add '" + setting.key() + ": ...' there"
                        + (setting.doc().isEmpty() ? "" : " (" + lowerFirst(setting.doc()) + ")"));
            }
            set(inputs, setting, bound);
        }
        return inputs;
    }

    private static Object value(String path, JsonElement json, Type type, Paths paths) {
        if (type instanceof ParameterizedType p) {
            var args = p.getActualTypeArguments();
            if (p.getRawType() == List.class) {
                return list(path, json, args[0], paths);
            }
            if (p.getRawType() == Map.class) {
                return map(path, json, args[1], paths);
            }
        }
        if (type == Object.class) {
            return Plain.of(json);
        }
        if (json.isJsonNull()) {
            return null;
        }
        if (type instanceof Class<?> c && Inputs.class.isAssignableFrom(c)) {
            return object(path, json, c.asSubclass(Inputs.class), paths);
        }
        var raw = scalar(path, json);
        if (type == String.class) {
            return raw;
        }
        if (type == Integer.class) {
            try {
                return Integer.parseInt(raw.strip());
            } catch (NumberFormatException e) {
                throw new ConfigException(path + ": '" + Plain.shown(raw) + "' is not a whole number; write e.g. 2");
            }
        }
        if (type == Double.class) {
            try {
                var number = Double.parseDouble(raw.strip());
                if (Double.isFinite(number)) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new ConfigException(path + ": '" + Plain.shown(raw) + "' is not a number; write e.g. 5");
        }
        if (type == Boolean.class) {
            if (raw.equals("true") || raw.equals("false")) {
                return Boolean.parseBoolean(raw);
            }
            throw new ConfigException(path + ": '" + Plain.shown(raw) + "' is not true or false");
        }
        throw new IllegalStateException("the binder reads no " + type + " (" + path + ")");
    }

    private static List<Object> list(String path, JsonElement json, Type item, Paths paths) {
        var list = new ArrayList<Object>();
        if (json.isJsonNull()) {
            return list;
        }
        if (!json.isJsonArray()) {
            throw new ConfigException(path + " should be a list (YAML '- item' lines), is " + Plain.describe(json));
        }
        var array = json.getAsJsonArray();
        for (int i = 0; i < array.size(); i++) {
            var at = path + "[" + i + "]";
            var value = value(at, array.get(i), item, paths);
            if (value == null) {
                throw new ConfigException(at + " is empty; remove the line or give it a value");
            }
            list.add(value);
        }
        return list;
    }

    private static Map<String, Object> map(String path, JsonElement json, Type value, Paths paths) {
        var map = new LinkedHashMap<String, Object>();
        if (json.isJsonNull()) {
            return map;
        }
        requireObject(path, json).entrySet().forEach(e -> map.put(e.getKey(), value(path + "." + e.getKey(), e.getValue(), value, paths)));
        return map;
    }

    private static String scalar(String path, JsonElement json) {
        if (json.isJsonPrimitive()) {
            return json.getAsString();
        }
        throw new ConfigException(path + " should be a single value, is " + Plain.describe(json));
    }

    private static JsonObject requireObject(String path, JsonElement json) {
        if (!json.isJsonObject()) {
            throw new ConfigException(path + " should be a map of settings (YAML 'key: value' lines), is " + Plain.describe(json));
        }
        return json.getAsJsonObject();
    }

    private static String lowerFirst(String doc) {
        var text = doc.endsWith(".") ? doc.substring(0, doc.length() - 1) : doc;
        return text.length() > 1 && Character.isUpperCase(text.charAt(0)) && Character.isLowerCase(text.charAt(1))
                ? Character.toLowerCase(text.charAt(0)) + text.substring(1) : text;
    }

    private static Inputs instantiate(Class<? extends Inputs> type) {
        try {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + " needs a constructor without arguments for the binder", e);
        }
    }

    private static void set(Inputs inputs, Settings.Setting setting, Object value) {
        try {
            setting.field().setAccessible(true);
            setting.field().set(inputs, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("the binder cannot set " + setting.field(), e);
        }
    }
}
