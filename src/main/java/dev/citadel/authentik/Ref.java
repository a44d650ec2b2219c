package dev.citadel.authentik;

/**
 * A blueprint reference to another object, rendered as authentik's YAML tags. authentik resolves them when the
 * blueprint is applied; Citadel resolves them at build ({@link BlueprintSet}), because upstream a {@code !Find}
 * matching nothing sets the field to null and the run still reports success (authentik#19715).
 */
public sealed interface Ref permits Ref.KeyOf, Ref.Find {

    /** {@code !KeyOf id}: the primary key of an earlier entry of the same blueprint. */
    record KeyOf(String id) implements Ref {
        public KeyOf {
            Entry.requireText("!KeyOf id", id, "name the id of an entry of the same blueprint");
        }
    }

    /** {@code !Find [model, [field, value]]}: an object that exists when the blueprint is applied. */
    record Find(String model, String field, String value) implements Ref {
        public Find {
            Entry.requireText("!Find model", model, "name an authentik model such as authentik_flows.flow");
            Entry.requireText("!Find field", field, "name the field to match, such as slug or name");
            Entry.requireText("!Find value", value, "give the value the field must have");
        }

        @Override
        public String toString() {
            return "!Find [" + model + ", [" + field + ", " + value + "]]";
        }
    }

    static KeyOf keyOf(String id) {
        return new KeyOf(id);
    }

    static Find flow(String slug) {
        return new Find(Models.FLOW, "slug", slug);
    }
}
