package dev.citadel.policy;

import dev.citadel.value.Prop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A policy's per-stack parameters (from stack config or the CLI's policy config). */
public final class PolicyArgs {
    private final String policyId;
    private final Prop.Obj values;

    public PolicyArgs(String policyId, Prop.Obj values) {
        this.policyId = policyId;
        this.values = values;
    }

    public static PolicyArgs none(String policyId) {
        return new PolicyArgs(policyId, new Prop.Obj(new TreeMap<>()));
    }

    /** Whether the stack sets the parameter at all (an empty list is a setting: "nothing else"). */
    public boolean has(String name) {
        return !values.get(name).isNull();
    }

    public String string(String name, String fallback) {
        var v = values.get(name);
        if (v.isNull()) {
            return fallback;
        }
        return v.string().orElseThrow(() -> bad(name, "a string"));
    }

    public long integer(String name, long fallback) {
        var v = values.get(name);
        if (v.isNull()) {
            return fallback;
        }
        if (v instanceof Prop.Num && ((Prop.Num) v).integral()) {
            return (long) ((Prop.Num) v).value();
        }
        if (v instanceof Prop.Str) {
            try {
                return Long.parseLong(((Prop.Str) v).value().strip());
            } catch (NumberFormatException e) {
                throw bad(name, "a whole number");
            }
        }
        throw bad(name, "a whole number");
    }

    /** A switch: true/false, or the strings "true"/"false" (as a CLI's policy config may pass them). */
    public boolean bool(String name, boolean fallback) {
        var v = values.get(name);
        if (v.isNull()) {
            return fallback;
        }
        if (v instanceof Prop.Bool) {
            return ((Prop.Bool) v).value();
        }
        var text = v.string().orElse("");
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw bad(name, "true or false");
    }

    public List<String> strings(String name) {
        var v = values.get(name);
        if (v.isNull()) {
            return List.of();
        }
        if (!(v instanceof Prop.Arr)) {
            throw bad(name, "a list of strings");
        }
        var out = new ArrayList<String>();
        for (var item : ((Prop.Arr) v).items()) {
            out.add(item.string().orElseThrow(() -> bad(name, "a list of strings")));
        }
        return out;
    }

    /** A map of names to strings, e.g. image floors {@code {"ghcr.io/goauthentik/server": "2026.2.4"}}. */
    public Map<String, String> stringMap(String name) {
        var v = values.get(name);
        if (v.isNull()) {
            return Map.of();
        }
        if (!(v instanceof Prop.Obj)) {
            throw bad(name, "a map of names to strings");
        }
        var out = new TreeMap<String, String>();
        ((Prop.Obj) v).fields().forEach((k, x) -> out.put(k, x.string().orElseThrow(() -> bad(name, "a map of names to strings"))));
        return out;
    }

    private IllegalArgumentException bad(String name, String expected) {
        return new IllegalArgumentException("policy " + policyId + ": parameter '" + name + "' should be " + expected);
    }
}
