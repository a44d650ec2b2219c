package dev.citadel.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The relaunch into a tuned JVM keeps what the user gave the first one. */
class LauncherTest {
    private static final Path JAR = Path.of("target", "citadel.jar");

    @Test
    void theUsersJvmFlagsReachTheRelaunchedJvmAfterTheTuningSoTheyWin() {
        var command = Launcher.command(JAR, new String[]{"plan", "--stack", "homelab"}, List.of("-Xmx2g", "-Dcitadel.trace=on", "-Xms1g"), null);

        var main = command.indexOf(Main.class.getName());
        assertThat(command.subList(0, main)).contains("-Xmx2g", "-Dcitadel.trace=on", "-Xms1g", "-XX:+UseParallelGC");
        assertThat(command.indexOf("-Xms1g")).isGreaterThan(command.indexOf("-Xms512m"));
        assertThat(command.subList(main + 1, command.size())).containsExactly("plan", "--stack", "homelab");
    }

    @Test
    void aCollectorTheUserChoseReplacesTheTunedOne() {
        var command = Launcher.command(JAR, new String[]{"plan"}, List.of("-XX:+UseG1GC"), null);

        assertThat(command).contains("-XX:+UseG1GC").doesNotContain("-XX:+UseParallelGC");
    }

    @Test
    void flagsFromJavaToolOptionsAreNotPassedTwice() {
        // The child reads JAVA_TOOL_OPTIONS from the environment itself; an agent given twice would load twice.
        var command = Launcher.command(JAR, new String[]{"plan"}, List.of("-javaagent:a.jar", "-Duser.language=tr", "-Xmx1g"),
                " -javaagent:a.jar  -Duser.language=tr");

        assertThat(command).doesNotContain("-javaagent:a.jar", "-Duser.language=tr").contains("-Xmx1g");
    }
}
