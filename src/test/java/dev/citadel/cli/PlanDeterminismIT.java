package dev.citadel.cli;

import dev.citadel.testing.Read;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two plans of homelab from two separate JVMs, one in Turkish on Chatham time (UTC+12:45, and a dotless i:
 * lower-casing "TITLE" without Locale.ROOT gives "tıtle" there) and one in US English on UTC, print and write the same bytes: a
 * CI runner's locale or zone must never show up as a diff in a reviewed plan. The in-process runs of
 * PlanDeterminismTest share one JVM's defaults and cannot see that. Needs target/citadel.jar, so it runs
 * after package.
 */
class PlanDeterminismIT {

    record Run(int exit, byte[] out, String err) {
    }

    /**
     * `citadel plan` relaunches itself into a tuned JVM (Launcher), which gets the parent's flags and
     * inherits its environment: the locale and zone go in JAVA_TOOL_OPTIONS, which every JVM reads, with
     * LANG/LC_ALL/TZ beside them for anything that reads the OS settings.
     */
    static Run plan(String language, String country, String zone, String... args) throws Exception {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<>(List.of(java, "-jar", Path.of("target", "citadel.jar").toAbsolutePath().toString(), "plan"));
        command.addAll(List.of(args));
        var pb = new ProcessBuilder(command);
        var env = pb.environment();
        env.remove(Launcher.IN_PROCESS);
        var locale = language + "_" + country + ".UTF-8";
        env.putAll(Map.of("LANG", locale, "LC_ALL", locale, "TZ", zone,
                "JAVA_TOOL_OPTIONS", "-Duser.language=" + language + " -Duser.country=" + country + " -Duser.timezone=" + zone));
        var err = Files.createTempFile("citadel-plan", ".err");
        pb.redirectError(err.toFile());
        var process = pb.start();
        var out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("plan finished").isTrue();
        var stderr = Files.readString(err, StandardCharsets.UTF_8);
        Files.delete(err);
        return new Run(process.exitValue(), out, stderr);
    }

    @Test
    void theLocaleAndZoneReachTheRelaunchedJvm() throws Exception {
        // Each JVM that reads JAVA_TOOL_OPTIONS announces it on stderr: two lines are the parent and the relaunched child.
        var run = plan("tr", "TR", "Pacific/Chatham", "--stack", "homelab", "--format", "json");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err().lines().filter(l -> l.startsWith("Picked up JAVA_TOOL_OPTIONS:") && l.contains("-Duser.language=tr")))
                .as("stderr: %s", run.err()).hasSize(2);
    }

    @Test
    void turkishOnChathamTimeAndEnglishOnUtcPlanTheSameBytes(@TempDir Path turkish, @TempDir Path english) throws Exception {
        var a = plan("tr", "TR", "Pacific/Chatham", "--stack", "homelab", "--out", turkish.toString());
        var b = plan("en", "US", "UTC", "--stack", "homelab", "--out", english.toString());
        assertThat(a.exit()).as(a.err()).isZero();
        assertThat(b.exit()).as(b.err()).isZero();
        assertThat(b.out()).isNotEmpty();
        assertThat(new String(a.out(), StandardCharsets.UTF_8)).isEqualTo(new String(b.out(), StandardCharsets.UTF_8));
        sameTree(turkish, english);

        var jsonA = plan("tr", "TR", "Pacific/Chatham", "--stack", "homelab", "--format", "json");
        var jsonB = plan("en", "US", "UTC", "--stack", "homelab", "--format", "json");
        assertThat(jsonA.exit()).as(jsonA.err()).isZero();
        assertThat(jsonB.exit()).as(jsonB.err()).isZero();
        assertThat(jsonB.out()).isNotEmpty();
        assertThat(new String(jsonA.out(), StandardCharsets.UTF_8)).isEqualTo(new String(jsonB.out(), StandardCharsets.UTF_8));
    }

    /**
     * A dated rotation (YAML 1.1 made it a Date, printed in the JVM's zone: a new password from every other
     * zone) and upper-case kinds with an 'I' (Turkish lower-cases "Ingress" to "ıngress": another URN).
     */
    @Test
    void datedRotationsAndUpperCaseKindsPlanTheSameBytesInEveryZoneAndLocale(@TempDir Path chatham, @TempDir Path utc,
                                                                              @TempDir Path berlin) throws Exception {
        var project = Read.testProject("determinism").toString();
        var a = plan("tr", "TR", "Pacific/Chatham", "--stack", "zones", "--project-dir", project, "--out", chatham.toString(), "--format", "json");
        var b = plan("en", "US", "UTC", "--stack", "zones", "--project-dir", project, "--out", utc.toString(), "--format", "json");
        var c = plan("de", "DE", "America/Los_Angeles", "--stack", "zones", "--project-dir", project, "--out", berlin.toString(), "--format", "json");
        for (var run : List.of(a, b, c)) {
            assertThat(run.exit()).as(run.err()).isZero();
        }
        var json = new String(b.out(), StandardCharsets.UTF_8);
        assertThat(json).contains("identity-ingress-app-ingress-web", "\"2024-06-01\"").doesNotContain("ıngress", "2024, 12:");
        assertThat(new String(a.out(), StandardCharsets.UTF_8)).isEqualTo(json);
        assertThat(new String(c.out(), StandardCharsets.UTF_8)).isEqualTo(json);
        assertThat(utc.resolve("k8s/identity/ingress-app-ingress-web.yaml")).exists();
        sameTree(chatham, utc);
        sameTree(berlin, utc);
    }

    private static void sameTree(Path first, Path second) throws IOException {
        var names = Read.files(first);
        assertThat(names).as("files written").hasSizeGreaterThan(10);
        assertThat(Read.files(second)).isEqualTo(names);
        for (var name : names) {
            assertThat(Files.mismatch(first.resolve(name), second.resolve(name))).as("first differing byte of %s", name).isEqualTo(-1L);
        }
    }
}
