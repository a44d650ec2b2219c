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
        assertThat(command.subList(0, main)).contains("-Xmx2g", "-Dcitadel.trace=on", "-Xms1g", "-XX:+UseParallelGC")
                .doesNotContain("-Xms512m", "-Xmn64m");
        assertThat(command.subList(main + 1, command.size())).containsExactly("plan", "--stack", "homelab");
    }

    @Test
    void withoutHeapFlagsThePlanGetsABoundedYoungGeneration() {
        // Left to size itself, the young generation grew towards a gigabyte on a 10,000-resource plan (citadel bench).
        var command = Launcher.command(JAR, new String[]{"plan"}, List.of(), null);

        assertThat(command).contains("-Xmn64m", "-Xms512m");
    }

    @Test
    void aSmallerHeapTheUserGivesStartsThePlanJvm() throws Exception {
        // -Xmx256m after the tuning's -Xms512m stopped the JVM before the plan began.
        var command = Launcher.command(JAR, new String[]{"plan"}, List.of("-Xmx256m"), null);
        var jvmFlags = command.subList(1, command.indexOf("-cp"));
        var version = new java.util.ArrayList<>(List.of(command.get(0)));
        version.addAll(jvmFlags);
        version.add("-version");

        var process = new ProcessBuilder(version).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes());

        assertThat(process.waitFor()).as(output).isZero();
        assertThat(jvmFlags).contains("-Xmx256m").doesNotContain("-Xms512m");
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
