package dev.citadel.policy;

import dev.citadel.value.Prop;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Positions in a resource's properties (keys and list indexes as segments), and replacing what is there. */
public final class PropPaths {
    private PropPaths() {
    }

    /** Every position below the root: fields, lists, list items and scalars. */
    public static List<List<String>> positions(Prop p, List<String> prefix) {
        var out = new ArrayList<List<String>>();
        if (!prefix.isEmpty()) {
            out.add(prefix);
        }
        if (p instanceof Prop.Obj) {
            ((Prop.Obj) p).fields().forEach((k, v) -> out.addAll(positions(v, append(prefix, k))));
        } else if (p instanceof Prop.Arr) {
            var items = ((Prop.Arr) p).items();
            for (int i = 0; i < items.size(); i++) {
                out.addAll(positions(items.get(i), append(prefix, String.valueOf(i))));
            }
        }
        return out;
    }

    /** Paths of every scalar (keys and list indexes as segments: keys may hold "/", e.g. checksum/config). */
    public static List<List<String>> leafPaths(Prop p, List<String> prefix) {
        var out = new ArrayList<List<String>>();
        if (p instanceof Prop.Obj) {
            ((Prop.Obj) p).fields().forEach((k, v) -> out.addAll(leafPaths(v, append(prefix, k))));
        } else if (p instanceof Prop.Arr) {
            var items = ((Prop.Arr) p).items();
            for (int i = 0; i < items.size(); i++) {
                out.addAll(leafPaths(items.get(i), append(prefix, String.valueOf(i))));
            }
        } else if (!prefix.isEmpty()) {
            out.add(prefix);
        }
        return out;
    }

    private static List<String> append(List<String> prefix, String segment) {
        var out = new ArrayList<>(prefix);
        out.add(segment);
        return List.copyOf(out);
    }

    /** The value at a path. */
    public static Prop at(Prop p, List<String> path) {
        for (var segment : path) {
            p = p instanceof Prop.Arr ? ((Prop.Arr) p).items().get(Integer.parseInt(segment)) : ((Prop.Obj) p).fields().get(segment);
        }
        return p;
    }

    /** The value with what is at {@code path} (from segment {@code at} on) replaced. */
    public static Prop replace(Prop p, List<String> path, int at, Prop value) {
        if (at == path.size()) {
            return value;
        }
        if (p instanceof Prop.Obj) {
            var fields = new TreeMap<>(((Prop.Obj) p).fields());
            fields.put(path.get(at), replace(fields.get(path.get(at)), path, at + 1, value));
            return new Prop.Obj(fields);
        }
        if (p instanceof Prop.Arr) {
            var items = new ArrayList<>(((Prop.Arr) p).items());
            int i = Integer.parseInt(path.get(at));
            items.set(i, replace(items.get(i), path, at + 1, value));
            return new Prop.Arr(items);
        }
        return p;
    }

    /** The resources with what is at {@code path} in resource {@code index} replaced. */
    public static List<PolicyResource> with(List<PolicyResource> resources, int index, List<String> path, Prop value) {
        var out = new ArrayList<>(resources);
        var r = resources.get(index);
        out.set(index, new PolicyResource(r.urn(), r.type(), r.name(), (Prop.Obj) replace(r.properties(), path, 0, value),
                r.parent(), r.dependencies(), r.pluginVersion()));
        return out;
    }
}
