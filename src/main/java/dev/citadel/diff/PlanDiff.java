package dev.citadel.diff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What changes between a baseline plan and this one, per resource, as {@code pulumi up} would see it: a resource
 * whose URN is new is created and one whose URN is gone is deleted (a rename without an alias is both: Pulumi
 * matches state by URN); an alias links a renamed resource to its old URN, so it is the same resource; a changed
 * input the provider replaces on makes a replacement; any other changed input an update.
 *
 * @param baseline          the baseline as the user named it
 * @param changes           in display order: by component, then by kind, name and type
 * @param unchanged         how many resources did not change, by component
 * @param secretsUncompared some resource holds a secret on both sides: plans never hold secret values, so whether
 *                          it changed is not known here (reports say so rather than imply it did not)
 */
public record PlanDiff(String baseline, Snapshot.Matching matching, List<Change> changes,
                       SortedMap<String, Integer> unchanged, boolean secretsUncompared) {

    /** Pulumi preview's marks and words, in the order a reviewer reads them. */
    public enum Kind {
        REPLACE("+-", "replace"), DELETE("-", "delete"), CREATE("+", "create"), UPDATE("~", "update"), RENAME("~", "rename");

        public final String mark;
        public final String word;

        Kind(String mark, String word) {
            this.mark = mark;
            this.word = word;
        }
    }

    /** The group of the resources {@link Snapshot.Matching#FILE} cannot place: a tree has no parents. */
    public static final String UNPLACED = "(--out baseline)";
    public static final String STACK = "stack";

    /**
     * @param group       the component it belongs to ({@code CnpgCluster keycloak-postgres}), or {@value #STACK}
     * @param renamedFrom the old name an alias linked it to
     * @param fields      the inputs that change (empty for a create or delete)
     * @param replacedBy  the changed inputs that make it a replacement
     */
    public record Change(Kind kind, String group, String type, String name, Optional<String> renamedFrom,
                         List<FieldDiff.Field> fields, List<String> replacedBy) {
        public Change {
            fields = List.copyOf(fields);
            replacedBy = List.copyOf(replacedBy);
        }
    }

    public PlanDiff {
        changes = List.copyOf(changes);
        unchanged = new TreeMap<>(unchanged);
    }

    public long count(Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).count();
    }

    public int unchangedCount() {
        return unchanged.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** @throws IllegalArgumentException the baseline is another stack's or project's plan */
    public static PlanDiff between(String baseline, Snapshot base, Snapshot head) {
        if (!base.stack().isEmpty() && !base.stack().equals(head.stack())
                || !base.project().isEmpty() && !base.project().equals(head.project())) {
            throw new IllegalArgumentException("--baseline " + baseline + ": it is a plan of stack '" + base.stack() + "' (project '"
                    + base.project() + "'), this is '" + head.stack() + "' ('" + head.project()
                    + "'); every URN would differ: give the same stack's plan");
        }
        var baseByKey = new LinkedHashMap<String, Snapshot.Resource>();
        base.resources().forEach(r -> baseByKey.putIfAbsent(r.key(), r));
        var headKeys = new HashSet<String>();
        head.resources().forEach(r -> headKeys.add(r.key()));
        var matched = new HashSet<String>();
        var changes = new ArrayList<Change>();
        var unchanged = new TreeMap<String, Integer>();
        var secrets = false;
        for (var h : head.resources()) {
            var b = baseByKey.get(h.key());
            var renamed = false;
            if (b == null) {
                // An alias names the URN the resource had: pulumi up updates that one in place (never one still planned).
                var old = h.aliases().stream()
                        .filter(a -> baseByKey.containsKey(a) && !headKeys.contains(a) && !matched.contains(a)).findFirst();
                b = old.map(baseByKey::get).orElse(null);
                renamed = b != null;
            }
            var group = group(h, head.matching());
            if (b == null) {
                changes.add(new Change(Kind.CREATE, group, h.type(), h.name(), Optional.empty(), List.of(), List.of()));
                continue;
            }
            matched.add(b.key());
            secrets |= FieldDiff.holdsSecret(b.inputs()) && FieldDiff.holdsSecret(h.inputs());
            var fields = FieldDiff.between(b.inputs(), h.inputs());
            var replacedBy = fields.stream().map(FieldDiff.Field::path).filter(p -> triggers(h.replaceOnChanges(), p)).toList();
            var was = renamed ? Optional.of(b.name().equals(h.name()) ? group(b, base.matching()) + " / " + b.name() : b.name())
                    : Optional.<String>empty();
            if (fields.isEmpty() && !renamed) {
                unchanged.merge(group, 1, Integer::sum);
                continue;
            }
            var kind = !replacedBy.isEmpty() ? Kind.REPLACE : fields.isEmpty() ? Kind.RENAME : Kind.UPDATE;
            changes.add(new Change(kind, group, h.type(), h.name(), was, fields, replacedBy));
        }
        for (var b : base.resources()) {
            if (!matched.contains(b.key())) {
                changes.add(new Change(Kind.DELETE, group(b, base.matching()), b.type(), b.name(), Optional.empty(), List.of(), List.of()));
                matched.add(b.key());
            }
        }
        changes.sort(Comparator.comparing((Change c) -> !c.group().equals(STACK)).thenComparing(Change::group)
                .thenComparing(Change::kind).thenComparing(Change::name).thenComparing(Change::type));
        return new PlanDiff(baseline, base.matching(), changes, unchanged, secrets);
    }

    /** A replace-on-change path covers its own changes and those below it; a change above it (the whole object) too. */
    static boolean triggers(List<String> replaceOnChanges, String path) {
        for (var t : replaceOnChanges) {
            if (t.equals("*") || path.equals(t) || path.startsWith(t + ".") || path.startsWith(t + "[")
                    || t.startsWith(path + ".") || path.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** The component a resource belongs to, from its parent's URN: {@code CnpgCluster keycloak-postgres}. */
    static String group(Snapshot.Resource r, Snapshot.Matching matching) {
        if (r.parent().isEmpty()) {
            return matching == Snapshot.Matching.FILE && r.urn().isEmpty() ? UNPLACED : STACK;
        }
        var parts = r.parent().split("::", 4);
        if (parts.length < 4) {
            return r.parent();
        }
        var type = parts[2].substring(parts[2].lastIndexOf('$') + 1);
        return type.equals("pulumi:pulumi:Stack") ? STACK : type.substring(type.lastIndexOf(':') + 1) + " " + parts[3];
    }
}
