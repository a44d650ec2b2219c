package dev.citadel.cli;

import dev.citadel.config.ConfigException;
import dev.citadel.config.Spelling;
import dev.citadel.live.LiveTags;
import dev.citadel.plan.Plan;
import dev.citadel.plan.PlanRunner;
import dev.citadel.plan.StackOutputs;
import dev.citadel.runtime.HostedProgram;
import dev.citadel.stack.StackConfig;
import dev.citadel.stack.StackFile;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipFile;

/**
 * {@code citadel plan --main-class}: any Pulumi Java program, not only Citadel's config-driven one, through the same
 * recorder, policies and report. The program's stack config is its own; of the {@code citadel:} keys only the pack's
 * {@code citadel:policies} applies (the in-program guard, {@code citadel:policyGuard}, runs in Citadel's own program only).
 */
final class ProgramOptions {
    /** What a consumer stack configures in Citadel's namespace: the pack, nothing of Citadel's own program. */
    static final Set<String> CONSUMER_SETTINGS = Set.of("policies");

    @Option(names = "--main-class", paramLabel = "CLASS", description = "Plan this Pulumi Java program (its main class, e.g. "
            + "example.grafana.Main) instead of Citadel's own; run as `pulumi preview` runs it, in its own JVM. Needs --classpath.")
    String mainClass;

    @Option(names = "--classpath", paramLabel = "PATH", description = "The program's classpath, as java -cp takes it, e.g. "
            + "target/classes:$(cat target/classpath.txt) (mvn dependency:build-classpath -Dmdep.outputFile=target/classpath.txt).")
    String classpath;

    @Option(names = "--stack-outputs", paramLabel = "STACK=FILE", description = "Outputs of a stack the program reads with "
            + "StackReference: FILE is what `pulumi stack output --stack STACK --json` prints. Repeat per stack.")
    Map<String, Path> stackOutputs = new LinkedHashMap<>();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300", description = "Stop a --main-class program that "
            + "has not finished after SECONDS (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    /** True when the plan is of a program given on the command line. */
    boolean isProgram() {
        return mainClass != null || classpath != null || !stackOutputs.isEmpty();
    }

    /** @param projectDir where Pulumi.yaml is: the program's working directory, as under the Pulumi CLI */
    Plan plan(Path projectDir, StackFile file, Optional<LiveTags> live) {
        if (mainClass == null || classpath == null || classpath.isBlank()) {
            throw new IllegalArgumentException((mainClass == null ? "--classpath and --stack-outputs plan a program given with"
                    + " --main-class" : "--main-class " + mainClass + " needs --classpath") + ", e.g. --main-class example.grafana.Main"
                    + " --classpath target/classes:$(cat target/classpath.txt)");
        }
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("--timeout: " + timeoutSeconds + " is not a number of seconds; give e.g. --timeout 300");
        }
        checkMainClass();
        checkSettings(file);
        var config = new TreeMap<>(file.config());
        // A secure value is encrypted for the stack's secrets provider, which an offline plan does not call: the program
        // gets a stand-in, marked secret like the real one, so it never shows and policies judge it as a secret.
        file.secureKeys().forEach(key -> config.put(key, "[secure value of " + key + ", not decrypted offline]"));
        var runner = new PlanRunner(file.project(), file.stack(), config, file.secureKeys())
                .withStackOutputs(StackOutputs.read(stackOutputs));
        var launch = new HostedProgram.Launch(mainClass, classpath, projectDir, Duration.ofSeconds(timeoutSeconds));
        return (live.isPresent() ? runner.withLiveTags(live.get()) : runner).runMain(launch);
    }

    /** A misspelt class or a classpath without it: said here, not as the JVM's "could not find or load main class". */
    private void checkMainClass() {
        var entry = mainClass.replace('.', '/') + ".class";
        var entries = classpath.split(File.pathSeparator);
        for (var element : entries) {
            var path = Path.of(element.isBlank() ? "." : element);
            if (Files.isDirectory(path) && Files.isRegularFile(path.resolve(entry))) {
                return;
            }
            if (Files.isRegularFile(path)) {
                try (var jar = new ZipFile(path.toFile())) {
                    if (jar.getEntry(entry) != null) {
                        return;
                    }
                } catch (IOException e) {
                    // Not a jar: the JVM ignores it too.
                }
            }
        }
        throw new IllegalArgumentException("--main-class '" + mainClass + "' is not on --classpath (" + entries.length
                + " entries); build the program first (mvn compile) and give its target/classes, e.g. --classpath "
                + "target/classes:$(cat target/classpath.txt)");
    }

    /**
     * Citadel's own settings configure Citadel's own program, which a consumer's plan does not run: in a consumer stack
     * they would be ignored without a word, so they are refused, as is a namespace one typo away from {@code citadel}.
     */
    static void checkSettings(StackFile file) {
        var keys = new java.util.TreeSet<>(file.config().keySet());
        keys.addAll(file.secureKeys());
        for (var key : keys) {
            var namespace = key.substring(0, key.indexOf(':'));
            var name = key.substring(key.indexOf(':') + 1);
            if (!namespace.equals(StackConfig.NAMESPACE) && Spelling.distance(namespace, StackConfig.NAMESPACE) <= 2) {
                throw new ConfigException(key + ": the namespace '" + namespace + "' looks like a typo; write "
                        + StackConfig.NAMESPACE + ":" + name);
            }
            if (namespace.equals(StackConfig.NAMESPACE) && !CONSUMER_SETTINGS.contains(name)) {
                throw new ConfigException(key + " configures Citadel's own stack program, which --main-class does not run; "
                        + "a program's stack configures only " + StackConfig.NAMESPACE + ":policies (the pack), its own settings go "
                        + "in its own namespace");
            }
        }
    }
}
