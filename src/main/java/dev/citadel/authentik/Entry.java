package dev.citadel.authentik;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One blueprint entry: {@code model}, {@code id} (what {@code !KeyOf} names), {@code identifiers} (how authentik
 * finds the object to update), {@code attrs} and {@code state}. Values are strings, numbers, booleans, lists,
 * maps and {@link Ref}s.
 */
public record Entry(String model, String id, Map<String, Object> identifiers, Map<String, Object> attrs, State state) {

    /** The blueprint schema's states Citadel uses. */
    public enum State {
        /** Created, and kept equal to the attrs on every apply. */
        PRESENT("present"),
        /** Created when missing, never updated (for objects people edit afterwards, such as groups). */
        CREATED("created"),
        /** Deleted: seed 001 deleted unused flows and stages by hand; a blueprint keeps them deleted. */
        ABSENT("absent");

        private final String yaml;

        State(String yaml) {
            this.yaml = yaml;
        }

        public String yaml() {
            return yaml;
        }
    }

    public Entry {
        requireText("model", model, "name an authentik model such as " + Models.FLOW);
        Objects.requireNonNull(state, "state");
        identifiers = Collections.unmodifiableMap(new LinkedHashMap<>(identifiers == null ? Map.of() : identifiers));
        attrs = Collections.unmodifiableMap(new LinkedHashMap<>(attrs == null ? Map.of() : attrs));
        if (identifiers.isEmpty() && !model.equals(Models.META_APPLY_BLUEPRINT)) {
            throw new IllegalArgumentException("entry " + (id == null ? model : id) + ": identifiers is empty; authentik needs "
                    + "them to find the object to update (the schema requires identifiers for " + model + ")");
        }
    }

    /** The value an object is known by, from its identifiers or attrs: slug, then name. */
    public String label() {
        for (var field : new String[]{"slug", "name"}) {
            var v = identifiers.get(field);
            if (v == null) {
                v = attrs.get(field);
            }
            if (v instanceof String s) {
                return s;
            }
        }
        return id != null ? id : model;
    }

    /** The value of a field in identifiers, else attrs, else null. */
    public Object field(String name) {
        return identifiers.containsKey(name) ? identifiers.get(name) : attrs.get(name);
    }

    static String requireText(String field, String value, String fix) {
        if (value == null || value.isBlank()) {
            // Shown: a blank value may be a line break, which would split the one-line error (RedirectUriProperties found "\r").
            throw new IllegalArgumentException(field + " is " + (value == null ? "missing" : "'" + dev.citadel.value.Shown.cut(value) + "'")
                    + "; " + fix);
        }
        return value;
    }
}
