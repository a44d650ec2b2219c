package dev.citadel.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParser;
import dev.citadel.diff.FieldDiff;
import dev.citadel.diff.PlanDiff;
import dev.citadel.diff.Snapshot;
import dev.citadel.value.Redacted;
import dev.citadel.value.Shown;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan's report with what changes against a baseline ({@code citadel plan --baseline}): the pull-request comment
 * names each resource and each changed input, where the plan alone said "+143 to create" whatever changed (issue 20).
 * Values come from the redacted plans, so a secret is {@value Redacted#SECRET} on both sides and never printed.
 */
public final class DiffReport {
    /** Changed inputs listed per resource in the comment (a Helm values rewrite can change hundreds); the text and JSON list all. */
    static final int MARKDOWN_FIELDS = 12;
    private static final Gson JSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    private final PlanReport report;
    private final PlanDiff diff;

    public DiffReport(PlanReport report, PlanDiff diff) {
        this.report = report;
        this.diff = diff;
    }

    /** The plan's text, then the changes. */
    public String text() {
        var out = new StringBuilder(report.text());
        out.append("\nChanges against ").append(diff.baseline()).append(" (matched by ")
                .append(diff.matching() == Snapshot.Matching.URN ? "URN" : "file").append("):\n");
        String group = null;
        for (var c : diff.changes()) {
            if (!c.group().equals(group)) {
                group = c.group();
                out.append("    ").append(group).append('\n');
            }
            out.append("     ").append(pad(c.kind().mark, 4)).append(c.type()).append("  ").append(c.name());
            c.renamedFrom().ifPresent(was -> out.append("  (renamed from ").append(was).append(", linked by an alias)"));
            if (!c.replacedBy().isEmpty()) {
                out.append("  (replaced: ").append(String.join(", ", c.replacedBy())).append(" changes)");
            }
            out.append('\n');
            for (var f : c.fields()) {
                var shown = shown(f);
                out.append("             ").append(f.path()).append(": ").append(shown[0]).append(" → ").append(shown[1]).append('\n');
            }
        }
        out.append("    ").append(summary(false)).append('\n');
        var notes = notes();
        if (!notes.isEmpty()) {
            notes.forEach(n -> out.append("    note: ").append(n).append('\n'));
        }
        return out.toString();
    }

    /** The plan's JSON with a {@code diff} object added last: the plan part stays a baseline for the next diff. */
    public String json() {
        var doc = JsonParser.parseString(report.json()).getAsJsonObject();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("baseline", diff.baseline());
        d.put("matchedBy", diff.matching() == Snapshot.Matching.URN ? "urn" : "file");
        Map<String, Object> summary = new LinkedHashMap<>();
        for (var kind : PlanDiff.Kind.values()) {
            summary.put(kind.word, diff.count(kind));
        }
        summary.put("unchanged", diff.unchangedCount());
        d.put("summary", summary);
        var changes = new ArrayList<Map<String, Object>>();
        for (var c : diff.changes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("change", c.kind().word);
            m.put("component", c.group());
            m.put("type", c.type());
            m.put("name", c.name());
            c.renamedFrom().ifPresent(was -> m.put("renamedFrom", was));
            if (!c.replacedBy().isEmpty()) {
                m.put("replacedBy", c.replacedBy());
            }
            if (!c.fields().isEmpty()) {
                var fields = new ArrayList<Map<String, Object>>();
                for (var f : c.fields()) {
                    Map<String, Object> fm = new LinkedHashMap<>();
                    fm.put("path", f.path());
                    if (f.before() != FieldDiff.Absent.NONE) {
                        fm.put("before", f.before());
                    }
                    if (f.after() != FieldDiff.Absent.NONE) {
                        fm.put("after", f.after());
                    }
                    fields.add(fm);
                }
                m.put("fields", fields);
            }
            changes.add(m);
        }
        d.put("changes", changes);
        d.put("unchanged", diff.unchanged());
        d.put("notes", notes());
        doc.add("diff", JSON.toJsonTree(d));
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(doc) + "\n";
    }

    /** The comment: the verdict, then the changes by component (unchanged ones folded), then the rest of the plan. */
    public String markdown() {
        var out = new StringBuilder();
        out.append("#### Changes against <code>").append(html(diff.baseline())).append("</code>: ").append(summary(true)).append("\n\n");
        var changes = diff.changes();
        for (int i = 0; i < changes.size(); i++) {
            var c = changes.get(i);
            if (i == 0 || !changes.get(i - 1).group().equals(c.group())) {
                out.append("**").append(html(c.group())).append("**\n\n| | resource | type | what changes |\n|---|---|---|---|\n");
            }
            out.append("| ").append(c.kind().mark).append(' ').append(c.kind().word).append(" | ").append(code(c.name()))
                    .append(" | ").append(code(c.type())).append(" | ").append(cell(c)).append(" |\n");
            if (i == changes.size() - 1 || !changes.get(i + 1).group().equals(c.group())) {
                out.append('\n');
            }
        }
        if (!diff.unchanged().isEmpty()) {
            out.append("<details><summary>").append(diff.unchangedCount()).append(" unchanged</summary>\n\n");
            diff.unchanged().forEach((g, n) -> out.append("- ").append(html(g)).append(": ").append(n).append('\n'));
            out.append("\n</details>\n\n");
        }
        notes().forEach(n -> out.append("> **Note:** ").append(html(n)).append("\n\n"));
        return report.markdown(out.toString());
    }

    private String cell(PlanDiff.Change c) {
        var parts = new ArrayList<String>();
        c.renamedFrom().ifPresent(was -> parts.add("renamed from " + code(was) + " (an alias: the same resource)"));
        if (!c.replacedBy().isEmpty()) {
            parts.add("**replaced**: " + String.join(", ", c.replacedBy().stream().map(DiffReport::code).toList()) + " changes");
        }
        var fields = c.fields();
        for (int i = 0; i < Math.min(fields.size(), MARKDOWN_FIELDS); i++) {
            var shown = shown(fields.get(i));
            parts.add(code(fields.get(i).path()) + ": " + code(shown[0]) + " → " + code(shown[1]));
        }
        if (fields.size() > MARKDOWN_FIELDS) {
            parts.add("and " + (fields.size() - MARKDOWN_FIELDS) + " more (citadel plan --baseline in text lists all)");
        }
        return String.join("<br>", parts);
    }

    private String summary(boolean bold) {
        var parts = new ArrayList<String>();
        for (var kind : PlanDiff.Kind.values()) {
            var n = diff.count(kind);
            if (n > 0) {
                parts.add((bold ? "**" + n + "**" : String.valueOf(n)) + " to " + kind.word);
            }
        }
        if (parts.isEmpty()) {
            parts.add("no changes");
        }
        parts.add(diff.unchangedCount() + " unchanged");
        return String.join(" · ", parts);
    }

    private List<String> notes() {
        var notes = new ArrayList<String>();
        if (diff.matching() == Snapshot.Matching.FILE) {
            notes.add("the baseline is an --out tree, matched by file: components are not compared and a renamed or moved object "
                    + "shows as delete + create; give a plan written by --format json to match by URN, aliases included");
        }
        if (diff.secretsUncompared()) {
            notes.add("secret values are not compared: no plan holds them, so a changed secret shows here only through what "
                    + "names it (a rotation marker, a random keeper), and in pulumi preview");
        }
        return notes;
    }

    /** Both sides of a change on one line; of two long strings, the part around where they differ. */
    static String[] shown(FieldDiff.Field f) {
        if (f.before() instanceof String b && f.after() instanceof String a && !isMarker(b) && !isMarker(a)
                && (b.length() > Shown.VALUE_CHARS || a.length() > Shown.VALUE_CHARS)) {
            int start = 0;
            while (start < b.length() && start < a.length() && b.charAt(start) == a.charAt(start)) {
                start++;
            }
            int end = 0;
            while (end < b.length() - start && end < a.length() - start
                    && b.charAt(b.length() - 1 - end) == a.charAt(a.length() - 1 - end)) {
                end++;
            }
            return new String[]{around(b, start, b.length() - end), around(a, start, a.length() - end)};
        }
        return new String[]{value(f.before()), value(f.after())};
    }

    private static final int CONTEXT = 20;

    private static String around(String s, int from, int to) {
        var begin = Math.max(0, from - CONTEXT);
        var stop = Math.min(s.length(), Math.max(to, from) + CONTEXT);
        var middle = JSON.toJson(s.substring(begin, stop));
        middle = middle.substring(1, middle.length() - 1);
        return Shown.cut((begin > 0 ? "\"…" : "\"") + middle + (stop < s.length() ? "…\"" : "\""));
    }

    private static String value(Object v) {
        if (v == FieldDiff.Absent.NONE) {
            return "(none)";
        }
        if (v instanceof String s && isMarker(s)) {
            return s;
        }
        return Shown.cut(JSON.toJson(v));
    }

    private static boolean isMarker(String s) {
        return s.equals(Redacted.SECRET) || s.equals(Redacted.UNKNOWN);
    }

    private static String code(String s) {
        return "<code>" + html(s) + "</code>";
    }

    /** Text in a table cell: no HTML, and a pipe would end the cell. */
    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "&#124;");
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
