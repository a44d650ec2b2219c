package dev.citadel.diff;

import dev.citadel.plan.OutDirWriter;
import dev.citadel.plan.Plan;
import dev.citadel.plan.Registration;
import dev.citadel.provider.ReplaceTriggers;
import dev.citadel.value.Redacted;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One side of a plan diff: each resource as the plan's files show it (inputs redacted: a secret is
 * {@value Redacted#SECRET} on both sides, so no diff can print what a plan never wrote), keyed the way the
 * baseline lets the two sides be matched.
 *
 * @param project  empty when the baseline does not say (an {@code --out} tree)
 * @param stack    empty when the baseline does not say
 */
public record Snapshot(String project, String stack, Matching matching, List<Resource> resources) {

    /** How a resource of the baseline is found in the plan. */
    public enum Matching {
        /** A JSON plan: by URN, aliases included, as {@code pulumi up} matches state. */
        URN,
        /** An {@code --out} tree: by the file each resource is written to; no URNs, no components. */
        FILE
    }

    /**
     * @param key              the URN, or the file's path in the tree (with '/')
     * @param urn              empty for a resource read from an {@code --out} tree
     * @param parent           URN of the parent; empty for the root or when the baseline does not say
     * @param inputs           plain data ({@link #plain}): maps, lists, strings, longs, doubles, booleans, null
     * @param replaceOnChanges the input paths whose change replaces the resource ({@code *}: any)
     */
    public record Resource(String key, String urn, String type, String name, boolean custom, String parent,
                           List<String> aliases, Object inputs, List<String> replaceOnChanges) {
        public Resource {
            aliases = List.copyOf(aliases);
            replaceOnChanges = List.copyOf(replaceOnChanges);
        }
    }

    public Snapshot {
        resources = List.copyOf(resources);
    }

    /** The plan as a baseline read with {@code matching} would show it. */
    public static Snapshot of(Plan plan, Matching matching) {
        var resources = new ArrayList<Resource>();
        for (var r : plan.resources()) {
            if (matching == Matching.FILE && !r.custom()) {
                continue;
            }
            var key = matching == Matching.URN ? r.urn() : OutDirWriter.fileOf(r).toString().replace('\\', '/');
            resources.add(new Resource(key, r.urn(), r.type(), r.name(), r.custom(), r.parent(), r.options().aliases(),
                    plain(Redacted.plain(r.inputs())), triggers(r)));
        }
        return new Snapshot(plan.project(), plan.stack(), matching, resources);
    }

    /** What the provider replaces on, and what the program asked to be replaced on ({@code replaceOnChanges}). */
    private static List<String> triggers(Registration r) {
        var all = new TreeSet<>(ReplaceTriggers.of(r.type()));
        all.addAll(r.options().replaceOnChanges());
        return List.copyOf(all);
    }

    /**
     * One form for values read from JSON, YAML or the plan itself: a whole number is a long however it was
     * written ({@code 2}, {@code 2.0}, {@code 2e0}), so "instances: 2 → 2.0" never shows as a change.
     */
    static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            var out = new LinkedHashMap<String, Object>();
            map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            var out = new ArrayList<Object>(list.size());
            list.forEach(v -> out.add(plain(v)));
            return out;
        }
        if (value instanceof Number n) {
            return number(n);
        }
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        return String.valueOf(value);
    }

    private static Object number(Number n) {
        BigDecimal exact;
        try {
            exact = new BigDecimal(n.toString());
        } catch (NumberFormatException e) {
            return n.doubleValue(); // NaN, Infinity
        }
        var whole = exact.stripTrailingZeros();
        if (whole.scale() <= 0 && whole.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
            return whole.longValueExact();
        }
        return exact.doubleValue();
    }
}
