package dev.citadel.authentik;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * One authentik blueprint (version 1): its {@code metadata.name}, its objects in apply order, and the blueprints
 * of the set it needs applied first (rendered as {@code authentik_blueprints.metaapplyblueprint} entries, so
 * authentik applies them before this one instead of in discovery order).
 */
public record Blueprint(String name, String description, List<BlueprintObject> objects, List<String> dependsOn) {
    public Blueprint {
        Entry.requireText("blueprint name", name, "name the blueprint (it becomes metadata.name and the ConfigMap key)");
        if (!name.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?")) {
            throw new IllegalArgumentException("blueprint name '" + name + "' is not usable as a ConfigMap key and file name; "
                    + "use lowercase letters, digits and '-'");
        }
        objects = List.copyOf(objects);
        dependsOn = List.copyOf(dependsOn);
        if (objects.isEmpty()) {
            throw new IllegalArgumentException("blueprint " + name + " has no entries; add objects or leave the blueprint out");
        }
    }

    /** The ConfigMap key, which the chart mounts as a file: authentik discovers blueprints by the {@code .yaml} suffix. */
    public String fileName() {
        return name + ".yaml";
    }

    public List<Entry> entries() {
        return objects.stream().map(BlueprintObject::entry).toList();
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public static final class Builder {
        private final String name;
        private String description;
        private final List<BlueprintObject> objects = new ArrayList<>();
        private final LinkedHashSet<String> dependsOn = new LinkedHashSet<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder description(String text) {
            this.description = text;
            return this;
        }

        public Builder add(BlueprintObject... objects) {
            for (var o : objects) {
                this.objects.add(Objects.requireNonNull(o, "object"));
            }
            return this;
        }

        /** Blueprints of the same set that authentik must apply before this one. */
        public Builder dependsOn(String... blueprints) {
            dependsOn.addAll(List.of(blueprints));
            return this;
        }

        public Blueprint build() {
            return new Blueprint(name, description, objects, new ArrayList<>(dependsOn));
        }
    }
}
