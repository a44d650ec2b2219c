package dev.citadel.stack;

import dev.citadel.config.Doc;
import dev.citadel.config.Inputs;
import dev.citadel.config.Settings;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/settings.md is what the input classes say; a setting added to one shows up there or this fails. */
class SettingsReferenceTest {

    @Test
    void theSettingsReferenceInTheDocsIsTheGeneratedOne() throws Exception {
        assertThat(Files.readString(Path.of("docs", "settings.md")))
                .as("regenerate with: java -jar target/citadel.jar settings > docs/settings.md")
                .isEqualTo(SettingsReference.markdown());
    }

    @Test
    void everySettingAndEveryInputSaysWhatItIs() {
        var undocumented = new ArrayList<String>();
        var todo = new ArrayDeque<Class<? extends Inputs>>();
        Sections.COMPONENTS.forEach(s -> todo.add(s.inputs()));
        var seen = new HashSet<Class<?>>();
        while (!todo.isEmpty()) {
            var inputs = todo.poll();
            if (!seen.add(inputs)) {
                continue;
            }
            if (inputs.getAnnotation(Doc.class) == null) {
                undocumented.add(inputs.getSimpleName());
            }
            for (var s : Settings.of(inputs)) {
                if (s.doc().isBlank()) {
                    undocumented.add(inputs.getSimpleName() + "." + s.key());
                }
                s.nested().ifPresent(todo::add);
            }
        }
        assertThat(undocumented).isEmpty();
    }

    @Test
    void theProgramReadsExactlyTheSettingsTheReferenceLists() {
        var listed = new HashSet<String>();
        var reference = SettingsReference.markdown();
        for (var line : reference.lines().toList()) {
            if (line.startsWith("## `citadel:") || line.startsWith("| `citadel:")) {
                listed.add(line.replaceAll("^.*?`citadel:([A-Za-z]+).*$", "$1"));
            }
        }
        assertThat(listed).isEqualTo(CitadelProgram.SETTINGS);
    }
}
