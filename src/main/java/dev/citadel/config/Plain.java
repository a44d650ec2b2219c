package dev.citadel.config;

import com.google.gson.JsonElement;

import java.util.ArrayList;
import java.util.LinkedHashMap;

/** Stack-config JSON as plain Java data, and as a user is shown it in a message. */
public final class Plain {
    private Plain() {
    }

    /** Maps, lists, strings, whole numbers as Integer, booleans: for settings passed through as they are (Helm values). */
    public static Object of(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonObject()) {
            var m = new LinkedHashMap<String, Object>();
            e.getAsJsonObject().entrySet().forEach(x -> m.put(x.getKey(), of(x.getValue())));
            return m;
        }
        if (e.isJsonArray()) {
            var l = new ArrayList<Object>();
            e.getAsJsonArray().forEach(x -> l.add(of(x)));
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

    public static String describe(JsonElement e) {
        if (e.isJsonArray()) {
            return "a list";
        }
        if (e.isJsonObject()) {
            return "a map";
        }
        if (e.isJsonPrimitive()) {
            return "the value '" + shown(e.getAsString()) + "'";
        }
        return "empty";
    }

    /** {@code value}, cut to a readable length with its size when longer. */
    public static String shown(String value) {
        return dev.citadel.value.Shown.cut(value);
    }
}
