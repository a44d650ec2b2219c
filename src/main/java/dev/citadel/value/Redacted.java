package dev.citadel.value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link Prop} into plain Java data for printing and writing files. The only way plan output
 * sees a value: secrets come out as {@value #SECRET} whatever they hold, unknowns as {@value #UNKNOWN},
 * whole numbers as integers (a Kubernetes object with {@code replicas: 2.0} would not be what is applied).
 */
public final class Redacted {
    public static final String SECRET = "[secret]";
    public static final String UNKNOWN = "[unknown]";

    private Redacted() {
    }

    public static Object plain(Prop prop) {
        if (prop instanceof Prop.Secret) {
            return SECRET;
        }
        if (prop instanceof Prop.Unknown) {
            return UNKNOWN;
        }
        if (prop instanceof Prop.Str) {
            return ((Prop.Str) prop).value();
        }
        if (prop instanceof Prop.Bool) {
            return ((Prop.Bool) prop).value();
        }
        if (prop instanceof Prop.Num) {
            var n = (Prop.Num) prop;
            return n.integral() ? (Object) (long) n.value() : (Object) n.value();
        }
        if (prop instanceof Prop.Arr) {
            List<Object> items = new ArrayList<>();
            ((Prop.Arr) prop).items().forEach(i -> items.add(plain(i)));
            return items;
        }
        if (prop instanceof Prop.Obj) {
            Map<String, Object> fields = new LinkedHashMap<>();
            ((Prop.Obj) prop).fields().forEach((k, v) -> fields.put(k, plain(v)));
            return fields;
        }
        return null;
    }

    /** A Kubernetes object, top-level fields in the order people read them: apiVersion, kind, metadata, the rest. */
    public static Map<String, Object> kubernetesObject(Prop.Obj inputs) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (var first : List.of("apiVersion", "kind", "metadata")) {
            if (inputs.fields().containsKey(first)) {
                object.put(first, plain(inputs.fields().get(first)));
            }
        }
        inputs.fields().forEach((k, v) -> {
            if (!object.containsKey(k)) {
                object.put(k, plain(v));
            }
        });
        return object;
    }
}
