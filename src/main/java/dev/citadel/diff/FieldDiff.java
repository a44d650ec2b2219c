package dev.citadel.diff;

import dev.citadel.value.Redacted;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The inputs that differ between two versions of a resource, leaf by leaf, as {@code spec.instances: 2 → 1}. */
public final class FieldDiff {
    /** A side that has no value at the path (an input added or removed). */
    public enum Absent { NONE }

    /**
     * @param path   {@code spec.backup.retentionPolicy}, {@code spec.managed.roles[0].name}, {@code metadata.labels["cnpg.io/reload"]}
     * @param before plain data ({@link Snapshot#plain}), {@link Absent#NONE} when the input is new
     * @param after  plain data, {@link Absent#NONE} when the input is gone
     */
    public record Field(String path, Object before, Object after) {
    }

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private FieldDiff() {
    }

    public static List<Field> between(Object before, Object after) {
        var out = new ArrayList<Field>();
        walk("", before, after, out);
        return out;
    }

    /** Whether a secret is somewhere in the value: whether it changed, no plan can say. */
    static boolean holdsSecret(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(FieldDiff::holdsSecret);
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(FieldDiff::holdsSecret);
        }
        return Redacted.SECRET.equals(value);
    }

    private static void walk(String path, Object before, Object after, List<Field> out) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (before instanceof Map<?, ?> b && after instanceof Map<?, ?> a) {
            var keys = new TreeSet<String>();
            b.keySet().forEach(k -> keys.add((String) k));
            a.keySet().forEach(k -> keys.add((String) k));
            for (var key : keys) {
                walk(key(path, key), b.containsKey(key) ? b.get(key) : Absent.NONE, a.containsKey(key) ? a.get(key) : Absent.NONE, out);
            }
            return;
        }
        if (before instanceof List<?> b && after instanceof List<?> a) {
            // One alert removed from the middle of five showed as three changed and one removed: what is equal at
            // either end is skipped, so an item added or removed shows as that item alone.
            int head = 0;
            while (head < b.size() && head < a.size() && Objects.equals(b.get(head), a.get(head))) {
                head++;
            }
            int tail = 0;
            while (tail < b.size() - head && tail < a.size() - head
                    && Objects.equals(b.get(b.size() - 1 - tail), a.get(a.size() - 1 - tail))) {
                tail++;
            }
            int removed = b.size() - head - tail;
            int added = a.size() - head - tail;
            if (removed == added) {
                for (int i = head; i < head + removed; i++) {
                    walk(path + "[" + i + "]", b.get(i), a.get(i), out);
                }
                return;
            }
            for (int i = head; i < head + removed; i++) {
                out.add(new Field(path + "[" + i + "]", b.get(i), Absent.NONE));
            }
            for (int i = head; i < head + added; i++) {
                out.add(new Field(path + "[" + i + "]", Absent.NONE, a.get(i)));
            }
            return;
        }
        out.add(new Field(path, before, after));
    }

    private static String key(String path, String key) {
        if (PLAIN_KEY.matcher(key).matches()) {
            return path.isEmpty() ? key : path + "." + key;
        }
        return path + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }
}
