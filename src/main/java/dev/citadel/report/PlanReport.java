package dev.citadel.report;

import com.google.gson.GsonBuilder;
import dev.citadel.live.LiveTags;
import dev.citadel.plan.LiveRead;
import dev.citadel.plan.Plan;
import dev.citadel.plan.Registration;
import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.Violation;
import dev.citadel.value.Redacted;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A plan and its policy verdicts, for people (text, like {@code pulumi preview}), for machines (JSON)
 * and for pull requests (Markdown). Secret values never appear: every value goes through {@link Redacted}.
 */
public final class PlanReport {
    private final Plan plan;
    private final List<Violation> violations;
    private final int policyCount;

    public PlanReport(Plan plan, List<Violation> violations, int policyCount) {
        this.plan = plan;
        this.violations = List.copyOf(violations);
        this.policyCount = policyCount;
    }

    public long mandatoryCount() {
        return violations.stream().filter(v -> v.level() == EnforcementLevel.MANDATORY).count();
    }

    /**
     * What the plan could not check, one line each: the workloads whose live tag it did not know (no {@code --live-tags}:
     * seed 001's floor is then only the typed one), and those the file does not list (planned as not running yet).
     */
    public List<String> notes() {
        var notes = new ArrayList<String>();
        var unchecked = ids(LiveRead.Answer.UNCHECKED);
        if (!unchecked.isEmpty()) {
            notes.add("image floor unchecked for " + unchecked + ": no --live-tags, so each pin is checked against its typed "
                    + "imageFloor only, not the tag that runs (" + LiveTags.KUBECTL + " > live.json, then --live-tags live.json)");
        }
        var absent = ids(LiveRead.Answer.NOT_IN_FILE);
        if (!absent.isEmpty()) {
            notes.add("not in --live-tags, so planned as not running yet (a first install): " + absent);
        }
        return notes;
    }

    private String ids(LiveRead.Answer answer) {
        return String.join(", ", plan.reads().stream().filter(r -> r.answer() == answer).map(LiveRead::id).distinct().toList());
    }

    public long advisoryCount() {
        return violations.stream().filter(v -> v.level() == EnforcementLevel.ADVISORY).count();
    }

    public String text() {
        var rows = treeRows();
        int width = "Type".length();
        for (var row : rows) {
            width = Math.max(width, row[0].length());
        }
        var out = new StringBuilder();
        out.append("Previewing ").append(plan.project()).append(" (").append(plan.stack()).append("), offline\n\n");
        out.append("     ").append(pad("Type", width)).append("  Name\n");
        for (var row : rows) {
            out.append(row[2]).append(pad(row[0], width)).append("  ").append(row[1]).append('\n');
        }
        if (!violations.isEmpty()) {
            out.append("\nPolicy violations:\n");
            for (var v : violations) {
                out.append("    [").append(v.level().wireName()).append("]  ").append(v.policyId())
                        .append("  ").append(resourceLabel(v.urn())).append('\n');
                out.append("        ").append(v.message()).append('\n');
                out.append("        fix: ").append(v.remediation()).append('\n');
            }
        }
        var notes = notes();
        if (!notes.isEmpty()) {
            out.append("\nNotes:\n");
            notes.forEach(n -> out.append("    ").append(n).append('\n'));
        }
        if (!plan.outputs().fields().isEmpty()) {
            out.append("\nOutputs:\n");
            var json = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
            plan.outputs().fields().forEach((k, v) -> out.append("    ").append(k).append(": ")
                    .append(json.toJson(Redacted.plain(v)).replace("\n", "\n    ")).append('\n'));
        }
        out.append("\nResources:\n    + ").append(createCount()).append(" to create\n");
        if (importCount() > 0) {
            out.append("    = ").append(importCount()).append(" to import (existing objects adopted, not created)\n");
        }
        out.append("\nPolicies: ").append(policySummary()).append('\n');
        return out.toString();
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
            if (!r.options().aliases().isEmpty()) {
                m.put("aliases", r.options().aliases());
            }
            r.options().importId().ifPresent(id -> m.put("importId", id));
            m.put("inputs", Redacted.plain(r.inputs()));
            resources.add(m);
        }
        doc.put("resources", resources);
        doc.put("outputs", Redacted.plain(plan.outputs()));
        var vs = new ArrayList<Map<String, Object>>();
        for (var v : violations) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("policy", v.policyId());
            m.put("level", v.level().wireName());
            m.put("urn", v.urn());
            m.put("message", v.message());
            m.put("remediation", v.remediation());
            vs.add(m);
        }
        doc.put("violations", vs);
        doc.put("notes", notes());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("create", createCount());
        if (importCount() > 0) {
            summary.put("import", importCount());
        }
        summary.put("policies", policyCount);
        summary.put("mandatory", mandatoryCount());
        summary.put("advisory", advisoryCount());
        doc.put("summary", summary);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(doc) + "\n";
    }

    /** The pull-request comment: verdict first, then the counts by type, then the violations. */
    public String markdown() {
        return markdown("");
    }

    /** The comment with {@code changes} (a markdown section: what changes against a baseline) right below the verdict. */
    public String markdown(String changes) {
        var out = new StringBuilder();
        var verdict = mandatoryCount() > 0 ? "❌ blocked" : advisoryCount() > 0 ? "⚠️ passes with advisories" : "✅ clean";
        out.append("### Citadel plan: `").append(plan.stack()).append("` — ").append(verdict).append("\n\n");
        out.append("**").append(createCount()).append("** resources to create · ")
                .append(importCount() > 0 ? "**" + importCount() + "** to import · " : "")
                .append(policySummary()).append("\n\n");
        out.append(changes);
        notes().forEach(n -> out.append("> **Note:** ").append(n).append("\n\n"));
        var byType = new TreeMap<String, Integer>();
        plan.resources().forEach(r -> byType.merge(r.type(), 1, Integer::sum));
        out.append("<details><summary>Resources by type</summary>\n\n| type | count |\n|---|---:|\n");
        byType.forEach((t, n) -> out.append("| `").append(t).append("` | ").append(n).append(" |\n"));
        out.append("\n</details>\n");
        identityTable().ifPresent(table -> out.append("\n<details><summary>OIDC access (issuer <code>")
                .append(table.issuerUrl()).append("</code>, client <code>").append(table.clientId())
                .append("</code>)</summary>\n\n").append(table.bindingsTable()).append("\n</details>\n"));
        if (!violations.isEmpty()) {
            out.append("\n| level | policy | resource | message | fix |\n|---|---|---|---|---|\n");
            for (var v : violations) {
                out.append("| ").append(v.level().wireName()).append(" | `").append(v.policyId()).append("` | `")
                        .append(cell(resourceLabel(v.urn()))).append("` | ").append(cell(v.message()))
                        .append(" | ").append(cell(v.remediation())).append(" |\n");
            }
        }
        return out.toString();
    }

    /** The stack's {@code identity} output (OidcRbac's contract), when it has one and it is fully known. */
    @SuppressWarnings("unchecked")
    private java.util.Optional<dev.citadel.identity.OidcContract> identityTable() {
        var identity = plan.outputs().fields().get(dev.citadel.identity.OidcContract.STACK_OUTPUT);
        if (identity == null || identity.containsSecret()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(dev.citadel.identity.OidcContract.fromStackOutputs(plan.stack(),
                    (Map<String, ?>) dev.citadel.value.Redacted.plain(plan.outputs())));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private long importCount() {
        return plan.resources().stream().filter(Registration::isImport).count();
    }

    private long createCount() {
        return plan.resources().size() - importCount();
    }

    private String policySummary() {
        if (violations.isEmpty()) {
            return "no violations (" + policyCount + " policies)";
        }
        return mandatoryCount() + " mandatory, " + advisoryCount() + " advisory violation"
                + (violations.size() == 1 ? "" : "s") + " (" + policyCount + " policies)";
    }

    /** {@code type::name} from a URN; "the stack" for stack-level verdicts. */
    private static String resourceLabel(String urn) {
        if (urn.isEmpty()) {
            return "(stack)";
        }
        var parts = urn.split("::");
        if (parts.length < 4) {
            return urn;
        }
        var qualified = parts[2];
        var type = qualified.substring(qualified.lastIndexOf('$') + 1);
        return type + "::" + parts[3];
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    private List<String[]> treeRows() {
        var rows = new ArrayList<String[]>();
        var children = new HashMap<String, List<Registration>>();
        for (var r : plan.resources()) {
            children.computeIfAbsent(r.parent(), k -> new ArrayList<>()).add(r);
        }
        for (var root : children.getOrDefault("", List.of())) {
            walk(root, "", "", children, rows);
        }
        return rows;
    }

    private static void walk(Registration r, String prefix, String childPrefix,
                             Map<String, List<Registration>> children, List<String[]> rows) {
        // "=": pulumi preview's mark for an import, an existing object adopted rather than created.
        rows.add(new String[]{prefix + r.type(), r.name(), r.isImport() ? " =   " : " +   "});
        var kids = children.getOrDefault(r.urn(), List.of());
        for (int i = 0; i < kids.size(); i++) {
            var last = i == kids.size() - 1;
            walk(kids.get(i), childPrefix + (last ? "└─ " : "├─ "), childPrefix + (last ? "   " : "│  "), children, rows);
        }
    }

    private static String pad(String s, int width) {
        var b = new StringBuilder(s);
        while (b.length() < width) {
            b.append(' ');
        }
        return b.toString();
    }
}
