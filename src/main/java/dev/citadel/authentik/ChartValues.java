package dev.citadel.authentik;

import dev.citadel.secrets.SecretRef;

import java.util.LinkedHashMap;
import java.util.Map;

/** Building blocks of the authentik chart's values: env entries and dotted paths into nested maps. */
final class ChartValues {
    private ChartValues() {
    }

    static Map<String, Object> plain(String name, String value) {
        return ordered("name", name, "value", value);
    }

    static Map<String, Object> fromSecret(String name, SecretRef ref) {
        return ordered("name", name, "valueFrom", Map.of("secretKeyRef", ordered("name", ref.name(), "key", ref.key())));
    }

    static Map<String, Object> ordered(Object... pairs) {
        var m = new LinkedHashMap<String, Object>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    static void put(Map<String, Object> values, String path, Object value) {
        var parts = path.split("\\.");
        var at = values;
        for (int i = 0; i < parts.length - 1; i++) {
            var next = at.get(parts[i]);
            if (!(next instanceof Map)) {
                next = new LinkedHashMap<String, Object>();
            } else {
                next = new LinkedHashMap<>((Map<String, Object>) next);
            }
            at.put(parts[i], next);
            at = (Map<String, Object>) next;
        }
        at.put(parts[parts.length - 1], value);
    }
}
