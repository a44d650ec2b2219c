package dev.citadel.plan;

import com.google.gson.GsonBuilder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan as people read it: the resource tree like {@code pulumi preview}, the stack outputs (secrets
 * redacted) and a summary line. Also the machine-readable JSON form of the same content.
 */
public final class TextReport {
    private final Plan plan;

    public TextReport(Plan plan) {
        this.plan = plan;
    }

    public String text() {
        var rows = new ArrayList<String[]>();
        var children = new HashMap<String, List<Registration>>();
        for (var r : plan.resources()) {
            children.computeIfAbsent(r.parent(), k -> new ArrayList<>()).add(r);
        }
        for (var root : children.getOrDefault("", List.of())) {
            walk(root, "", "", children, rows);
        }
        int width = "Type".length();
        for (var row : rows) {
            width = Math.max(width, row[0].length());
        }
        var out = new StringBuilder();
        out.append("Previewing ").append(plan.project()).append(" (").append(plan.stack()).append("), offline\n\n");
        out.append("     ").append(pad("Type", width)).append("  Name\n");
        for (var row : rows) {
            out.append(" +   ").append(pad(row[0], width)).append("  ").append(row[1]).append('\n');
        }
        if (!plan.outputs().fields().isEmpty()) {
            out.append("\nOutputs:\n");
            var json = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
            plan.outputs().fields().forEach((k, v) -> out.append("    ").append(k).append(": ")
                    .append(json.toJson(Redacted.plain(v)).replace("\n", "\n    ")).append('\n'));
        }
        out.append("\nResources:\n    + ").append(plan.resources().size()).append(" to create\n");
        return out.toString();
    }

    private static void walk(Registration r, String prefix, String childPrefix,
                             Map<String, List<Registration>> children, List<String[]> rows) {
        rows.add(new String[]{prefix + r.type(), r.name()});
        var kids = children.getOrDefault(r.urn(), List.of());
        for (int i = 0; i < kids.size(); i++) {
            var last = i == kids.size() - 1;
            walk(kids.get(i), childPrefix + (last ? "└─ " : "├─ "), childPrefix + (last ? "   " : "│  "), children, rows);
        }
    }

    private static String pad(String s, int width) {
        var b = new StringBuilder(s);
        while (b.codePointCount(0, b.length()) < width) {
            b.append(' ');
        }
        return b.toString();
    }

    public String json() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("project", plan.project());
        doc.put("stack", plan.stack());
        var resources = new ArrayList<Map<String, Object>>();
        for (var r : plan.resources()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("urn", r.urn());
            m.put("type", r.type());
            m.put("name", r.name());
            m.put("custom", r.custom());
            if (!r.parent().isEmpty()) {
                m.put("parent", r.parent());
            }
            r.provider().ifPresent(p -> m.put("provider", p));
            r.version().ifPresent(v -> m.put("version", v));
            if (!r.dependsOn().isEmpty()) {
                m.put("dependsOn", r.dependsOn());
            }
            m.put("inputs", Redacted.plain(r.inputs()));
            resources.add(m);
        }
        doc.put("resources", resources);
        doc.put("outputs", Redacted.plain(plan.outputs()));
        doc.put("summary", Map.of("create", plan.resources().size()));
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(doc) + "\n";
    }
}
