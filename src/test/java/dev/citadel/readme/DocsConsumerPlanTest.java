package dev.citadel.readme;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer commands of docs/consumers.md are the ones the consumer stack runs in mvn verify (its CitadelPlanTest): the main class,
 * the stack, the outputs file and the classpath file they name are the consumer stack's, so following the docs works.
 */
class DocsConsumerPlanTest {
    private static final Path CONSUMER = Path.of("src", "it", "consumer-stack");

    @Test
    void theReadmesPlanCommandNamesWhatTheConsumerStackHas() throws IOException {
        var readme = Files.readString(Path.of("docs", "consumers.md"));
        var m = Pattern.compile("java -jar citadel.jar plan --stack (\\S+) --main-class (\\S+) \\\\\\n\\s+--classpath \"target/classes:\\$\\(cat "
                + "(\\S+)\\)\" \\\\\\n\\s+--stack-outputs (\\S+)=(\\S+)").matcher(readme);
        assertThat(m.find()).as("the consumer plan command in docs/consumers.md").isTrue();
        assertThat(CONSUMER.resolve("Pulumi." + m.group(1) + ".yaml")).isRegularFile();
        assertThat(CONSUMER.resolve("src/main/java/" + m.group(2).replace('.', '/') + ".java")).isRegularFile();
        assertThat(CONSUMER.resolve(m.group(5))).isRegularFile();
        assertThat(Files.readString(CONSUMER.resolve("pom.xml"))).contains("<outputFile>${project.build.directory}/classpath.txt</outputFile>");
        assertThat(m.group(3)).isEqualTo("target/classpath.txt");
        var test = Files.readString(CONSUMER.resolve("src/test/java/example/grafana/CitadelPlanTest.java"));
        assertThat(test).contains("\"" + m.group(2) + "\"", m.group(4) + "=" + m.group(5), "\"target\", \"classpath.txt\"");
        assertThat(readme).contains("mvn -q compile dependency:build-classpath -Dmdep.outputFile=" + m.group(3));
    }
}
