package dev.citadel.readme;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's Java examples are what ReadmeExamples compiles: a renamed method or a changed constructor fails the
 * build instead of leaving a README that does not compile. And they read the way the component API promises: no
 * trailing {@code , null} options, no {@code Output.of} around a component's own values.
 */
class ReadmeExamplesTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);

    private static List<String> readmeBlocks() throws IOException {
        var blocks = new ArrayList<String>();
        for (var file : List.of("README.md", "docs/components/identity.md", "docs/components/authentik.md",
                "docs/components/database.md", "docs/components/rds.md", "docs/consumers.md")) {
            var m = JAVA_BLOCK.matcher(Files.readString(Path.of(file)));
            while (m.find()) {
                blocks.add(m.group(1));
            }
        }
        return blocks;
    }

    /** Each line stripped of its indentation: the compiled copy sits inside a method. */
    private static String normalized(String text) {
        var out = new StringBuilder();
        for (var line : text.split("\n")) {
            if (!line.isBlank()) {
                out.append(line.strip()).append('\n');
            }
        }
        return out.toString();
    }

    @Test
    void everyJavaBlockOfTheReadmeIsCompiledByReadmeExamples() throws IOException {
        var compiled = normalized(Files.readString(Path.of("src/test/java/dev/citadel/readme/ReadmeExamples.java")));
        var blocks = readmeBlocks();
        assertThat(blocks).hasSize(8);
        assertThat(blocks).allSatisfy(block -> assertThat(compiled).contains(normalized(programBody(block))));
    }

    /**
     * A {@code Pulumi.run(ctx -> {...});} block is compiled as its body, returned as a program, so a test can plan it
     * (ReadmeProgramsPlanTest); other blocks are compiled whole.
     */
    static String programBody(String block) {
        var lines = block.strip().lines().toList();
        if (lines.get(0).equals("Pulumi.run(ctx -> {") && lines.get(lines.size() - 1).equals("});")) {
            return String.join("\n", lines.subList(1, lines.size() - 1));
        }
        return block;
    }

    @Test
    void theExamplesNeedNoNullOptionsAndNoOutputWrapping() throws IOException {
        assertThat(readmeBlocks()).allSatisfy(block -> assertThat(block)
                .doesNotContain(", null)")
                .doesNotContainPattern("Output\\.of\\((realm|rbac|admin|apiKey|store|google)\\."));
    }
}
