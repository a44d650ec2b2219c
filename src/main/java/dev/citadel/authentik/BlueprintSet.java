package dev.citadel.authentik;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The blueprints one authentik applies, checked together at build: authentik resolves references only when it
 * applies a blueprint, and a {@code !Find} that matches nothing then sets the field to null while the run reports
 * success (authentik#19715). So every {@code !KeyOf} must name an earlier entry of the same blueprint, every
 * {@code !Find} an object a blueprint of the set creates (and the referring blueprint must depend on it) or a
 * named {@link AuthentikDefaults authentik default} no blueprint deletes; no object is declared twice (two flows
 * with one slug would overwrite each other); and no flow binds a password stage that its identification stage
 * embeds.
 */
public final class BlueprintSet {
    private final List<Blueprint> blueprints;

    public BlueprintSet(List<Blueprint> blueprints) {
        this.blueprints = List.copyOf(blueprints);
        validate();
    }

    public List<Blueprint> blueprints() {
        return blueprints;
    }

    /** ConfigMap key ({@code <name>.yaml}) → the blueprint's YAML, in the order given. */
    public Map<String, String> files() {
        var out = new LinkedHashMap<String, String>();
        blueprints.forEach(b -> out.put(b.fileName(), BlueprintYaml.render(b)));
        return out;
    }

    /** Where an object lives: the blueprint and its entry. */
    private record Located(Blueprint blueprint, Entry entry) {
    }

    private void validate() {
        var byName = new HashMap<String, Blueprint>();
        for (var b : blueprints) {
            if (byName.put(b.name(), b) != null) {
                throw new IllegalArgumentException("two blueprints are named " + b.name() + "; authentik keys blueprint instances by "
                        + "name and would apply only one; rename one");
            }
        }
        for (var b : blueprints) {
            for (var d : b.dependsOn()) {
                if (!byName.containsKey(d)) {
                    throw new IllegalArgumentException("blueprint " + b.name() + " depends on '" + d + "', which is not in the set "
                            + byName.keySet().stream().sorted().toList() + "; add it or drop the dependency");
                }
            }
        }
        checkCycles(byName);
        var declared = new HashMap<String, Located>();
        for (var b : blueprints) {
            var ids = new HashSet<String>();
            for (var e : b.entries()) {
                if (e.id() != null && !ids.add(e.id())) {
                    throw new IllegalArgumentException("blueprint " + b.name() + ": two entries have the id '" + e.id()
                            + "'; !KeyOf " + e.id() + " would name either; give each entry its own id");
                }
                var key = e.model() + " " + identity(b, e);
                var earlier = declared.put(key, new Located(b, e));
                if (earlier != null) {
                    throw new IllegalArgumentException(clash(earlier, new Located(b, e)));
                }
            }
        }
        for (var b : blueprints) {
            var entries = b.entries();
            for (int i = 0; i < entries.size(); i++) {
                var e = entries.get(i);
                for (var ref : refs(e)) {
                    check(b, entries.subList(0, i), e, ref, declared, byName);
                }
            }
        }
        checkOneScreen();
    }

    private static String clash(Located first, Located second) {
        if ((first.entry().state() == Entry.State.ABSENT) != (second.entry().state() == Entry.State.ABSENT)) {
            var deleting = first.entry().state() == Entry.State.ABSENT ? first : second;
            var rendering = deleting == first ? second : first;
            return "blueprint " + deleting.blueprint().name() + " deletes " + deleting.entry().model() + " " + deleting.entry().label()
                    + ", which blueprint " + rendering.blueprint().name() + " renders; authentik would delete and recreate it on "
                    + "every apply, so drop it from the deletions (or drop what renders it)";
        }
        var what = second.entry().model().equals(Models.FLOW)
                ? "flow slug " + second.entry().label() + " is declared twice" : second.entry().model() + " " + second.entry().label()
                + " is declared twice";
        return what + " (blueprint " + first.blueprint().name() + " as " + first.entry().state().yaml() + ", blueprint "
                + second.blueprint().name() + " as " + second.entry().state().yaml() + "); authentik would apply whichever runs last, "
                + "so keep one declaration (give a new flow its own slug)";
    }

    private void check(Blueprint b, List<Entry> before, Entry e, Ref ref, Map<String, Located> declared, Map<String, Blueprint> byName) {
        var where = "blueprint " + b.name() + ", entry " + (e.id() != null ? e.id() : e.model() + " " + e.label());
        if (ref instanceof Ref.KeyOf keyOf) {
            var target = before.stream().filter(t -> keyOf.id().equals(t.id())).findFirst();
            if (target.isEmpty()) {
                var later = b.entries().stream().anyMatch(t -> keyOf.id().equals(t.id()));
                throw new IllegalArgumentException(where + ": !KeyOf " + keyOf.id() + (later
                        ? " names an entry further down; authentik resolves !KeyOf only to entries applied before, so move it up"
                        : " names no entry of this blueprint; !KeyOf cannot reach other blueprints, use a !Find there"));
            }
            if (target.get().state() == Entry.State.ABSENT) {
                throw new IllegalArgumentException(where + ": !KeyOf " + keyOf.id() + " names an entry the blueprint deletes (state absent)");
            }
            return;
        }
        var find = (Ref.Find) ref;
        Optional<Located> match = declared.values().stream()
                .filter(l -> l.entry().model().equals(find.model()) && find.value().equals(l.entry().field(find.field())))
                .findFirst();
        if (match.isPresent()) {
            var found = match.get();
            if (found.entry().state() == Entry.State.ABSENT) {
                throw new IllegalArgumentException(where + ": " + find + " names what blueprint " + found.blueprint().name()
                        + " deletes (state absent); authentik would set the field to null (authentik#19715); keep the object or refer elsewhere");
            }
            if (found.blueprint() == b && !before.contains(found.entry())) {
                throw new IllegalArgumentException(where + ": " + find + " names an entry further down this blueprint; authentik "
                        + "applies entries in order and would resolve the !Find to null (authentik#19715); move that entry up");
            }
            if (found.blueprint() != b && !reaches(b, found.blueprint().name(), byName)) {
                throw new IllegalArgumentException(where + ": " + find + " is created by blueprint " + found.blueprint().name()
                        + ", which this blueprint does not depend on; authentik may apply it later and resolve the !Find to null; "
                        + "add .dependsOn(\"" + found.blueprint().name() + "\")");
            }
            return;
        }
        if (!AuthentikDefaults.has(find)) {
            throw new IllegalArgumentException(where + ": " + find + " matches nothing a blueprint of the set creates and no authentik "
                    + "default; authentik would set the field to null and report success (authentik#19715); create the object in a "
                    + "blueprint of the set or fix the name");
        }
    }

    /**
     * Seed 001: "pin password_stage so username+password render on ONE screen (the separate order-20 password binding
     * is deleted via API — authentik requires that when embedding)". Across the set: the binding may sit in another
     * blueprint than the identification stage.
     */
    private void checkOneScreen() {
        for (var b : blueprints) {
            for (var stage : b.entries()) {
                if (!stage.model().equals(Models.IDENTIFICATION_STAGE) || stage.state() == Entry.State.ABSENT
                        || !(stage.attrs().get("password_stage") instanceof Ref password)) {
                    continue;
                }
                var embedded = identity(b, password);
                for (var c : blueprints) {
                    for (var binding : c.entries()) {
                        if (binding.model().equals(Models.FLOW_STAGE_BINDING) && binding.state() != Entry.State.ABSENT
                                && binding.identifiers().get("stage") instanceof Ref s && identity(c, s).equals(embedded)) {
                            var flow = identity(c, (Ref) binding.identifiers().get("target"));
                            throw new IllegalArgumentException("blueprint " + c.name() + ": identification stage " + stage.label()
                                    + " (blueprint " + b.name() + ") embeds password stage " + embedded + ", which flow " + flow
                                    + " also binds at order " + binding.identifiers().get("order") + "; authentik requires the "
                                    + "separate password binding gone when the password is embedded (seed 001); delete that binding "
                                    + "(state absent)");
                        }
                    }
                }
            }
        }
    }

    /** What an object is, for comparing: its identifiers, with references replaced by what they name. */
    private static String identity(Blueprint b, Entry e) {
        var parts = new ArrayList<String>();
        e.identifiers().forEach((k, v) -> parts.add(k + "=" + (v instanceof Ref r ? identity(b, r) : String.valueOf(v))));
        return String.join(",", parts);
    }

    private static String identity(Blueprint b, Ref ref) {
        if (ref instanceof Ref.Find f) {
            return f.value();
        }
        var id = ((Ref.KeyOf) ref).id();
        return b.entries().stream().filter(e -> id.equals(e.id())).findFirst().map(Entry::label).orElse("!KeyOf " + id);
    }

    private static List<Ref> refs(Entry e) {
        var out = new ArrayList<Ref>();
        collect(e.identifiers(), out);
        collect(e.attrs(), out);
        return out;
    }

    private static void collect(Object value, List<Ref> out) {
        if (value instanceof Ref r) {
            out.add(r);
        } else if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> collect(v, out));
        } else if (value instanceof List<?> l) {
            l.forEach(v -> collect(v, out));
        }
    }

    private static boolean reaches(Blueprint from, String to, Map<String, Blueprint> byName) {
        var seen = new HashSet<String>();
        var stack = new ArrayList<>(from.dependsOn());
        while (!stack.isEmpty()) {
            var next = stack.remove(stack.size() - 1);
            if (next.equals(to)) {
                return true;
            }
            if (seen.add(next)) {
                stack.addAll(byName.get(next).dependsOn());
            }
        }
        return false;
    }

    private void checkCycles(Map<String, Blueprint> byName) {
        for (var b : blueprints) {
            if (reaches(b, b.name(), byName)) {
                throw new IllegalArgumentException("blueprint " + b.name() + " depends on itself through " + b.dependsOn()
                        + "; authentik would wait forever for a required blueprint; break the cycle");
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlueprintSet s && s.blueprints.equals(blueprints);
    }

    @Override
    public int hashCode() {
        return Objects.hash(blueprints);
    }
}
