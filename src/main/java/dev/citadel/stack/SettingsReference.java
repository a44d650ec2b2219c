package dev.citadel.stack;

import dev.citadel.config.Doc;
import dev.citadel.config.Inputs;
import dev.citadel.config.Settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The settings reference ({@code docs/settings.md}, printed by {@code citadel settings}), generated from {@link Sections}
 * and the input classes' {@code @Import} settings and {@link Doc}s: the same fields the binder reads, so the
 * reference cannot list a key the program does not read, or miss one it does.
 */
public final class SettingsReference {
    private SettingsReference() {
    }

    public static String markdown() {
        var b = new StringBuilder();
        b.append("# Stack settings\n\n")
                .append("Every `citadel:` setting of a stack file (`stacks/Pulumi.<stack>.yaml`), generated from the components' input\n")
                .append("classes by `citadel settings`; a test keeps this file equal to it. A key not listed here is\n")
                .append("refused with the nearest one it resembles. Unset settings take the component's own default.\n");
        for (var section : Sections.COMPONENTS) {
            var path = "citadel:" + section.key() + (section.list() ? "[]" : "");
            b.append("\n## `citadel:").append(section.key()).append("`\n\n").append(doc(section.inputs()));
            if (section.list()) {
                b.append(" A list: each entry is one component, named by its `name`.");
            }
            b.append('\n');
            table(b, path, section.inputs(), new ArrayList<>());
        }
        b.append("\n## Passed through\n\n| Setting | Holds |\n|---|---|\n");
        Sections.PASSED_THROUGH.forEach((key, doc) -> b.append("| `citadel:").append(key).append("` | ").append(doc).append(" |\n"));
        return b.toString();
    }

    /** One table per input class, then one per nested class, each headed by its path. */
    private static void table(StringBuilder b, String path, Class<? extends Inputs> inputs, List<Class<?>> seen) {
        seen.add(inputs);
        b.append("\n| Setting | Type | | Meaning |\n|---|---|---|---|\n");
        var nested = new ArrayList<Map.Entry<String, Class<? extends Inputs>>>();
        for (var s : Settings.of(inputs)) {
            b.append("| `").append(s.key()).append("` | ").append(Settings.typeName(s.type())).append(" | ")
                    .append(s.required() ? "required" : "").append(" | ").append(s.doc().replace("|", "\\|")).append(" |\n");
            s.nested().filter(c -> !seen.contains(c)).ifPresent(c -> nested.add(Map.entry(
                    path + "." + s.key() + (Settings.typeName(s.type()).startsWith("list") ? "[]" : ""), c)));
        }
        for (var n : nested) {
            b.append("\n### `").append(n.getKey()).append("`\n\n").append(doc(n.getValue())).append('\n');
            table(b, n.getKey(), n.getValue(), seen);
        }
    }

    private static String doc(Class<?> inputs) {
        var doc = inputs.getAnnotation(Doc.class);
        if (doc == null) {
            throw new IllegalStateException(inputs.getName() + " has no @Doc: the settings reference says what every input is");
        }
        return doc.value();
    }
}
