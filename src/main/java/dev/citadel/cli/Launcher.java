package dev.citadel.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts {@code citadel plan} in a JVM tuned for a short, single-shot run, because {@code java -jar}
 * cannot carry JVM options. On a 2-core CI box the default JIT spends more CPU compiling than the plan
 * spends planning (2,000 resources: 7.5 s of CPU with C2, 2.8 s with C1 only), and class loading from
 * the 36 MB jar dominates small stacks; the child runs with the C1 compiler, a bounded young generation and
 * the class-data archive the build writes next to the jar ({@code target/citadel.jsa}). The parent
 * loads nothing but this class and passes stdin, stdout, stderr and the exit code through.
 */
final class Launcher {
    /** Set in the child, so it never relaunches again; set it yourself to run in one JVM. */
    static final String IN_PROCESS = "CITADEL_IN_PROCESS";

    private Launcher() {
    }

    /** The command to relaunch with, when running from the jar and not already relaunched. */
    static Optional<List<String>> command(String[] args) {
        if (System.getenv(IN_PROCESS) != null) {
            return Optional.empty();
        }
        Path jar;
        try {
            jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(jar)) {
            return Optional.empty();
        }
        return Optional.of(command(jar, args, java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments(),
                System.getenv("JAVA_TOOL_OPTIONS")));
    }

    /**
     * @param parentFlags the flags this JVM was started with ({@code java -Xmx2g -jar ...}); they were silently
     *                    dropped before, so a user's heap, agent or -D setting never reached the plan. They
     *                    come after the tuning, so the user's choice wins where both set the same thing.
     * @param toolOptions {@code JAVA_TOOL_OPTIONS}: the child reads it from the environment itself, so its
     *                    flags (which the parent's list includes) are not passed twice (an agent would load twice)
     */
    static List<String> command(Path jar, String[] args, List<String> parentFlags, String toolOptions) {
        var inherited = new ArrayList<>(parentFlags);
        if (toolOptions != null) {
            for (var option : toolOptions.trim().split("\\s+")) {
                inherited.remove(option);
            }
        }
        var java = Path.of(System.getProperty("java.home"), "bin", "java");
        var command = new ArrayList<String>();
        command.add(java.toString());
        command.add("-XX:TieredStopAtLevel=1");
        // Throughput collector with a heap sized for a plan: the default small heap collects dozens of times.
        // A collector the user chose wins (two collectors are a startup error, not a preference).
        if (inherited.stream().noneMatch(f -> f.startsWith("-XX:+Use") && f.endsWith("GC"))) {
            command.add("-XX:+UseParallelGC");
        }
        // A bounded young generation. Left to size itself, the throughput collector grew eden towards a gigabyte: a
        // 10,000-resource plan peaked at 1.2 GB RSS (issue 19) while its live heap never passed 80 MB; almost all of
        // what the SDK allocates per resource (debug strings it formats whether or not anyone logs them, futures,
        // protobuf) dies young, and 64 MB of young space collects it as cheaply. The initial size only reserves
        // (untouched pages cost nothing) so the old generation never stops a plan to grow, and it still grows to the
        // default maximum for a larger stack. Heap sizes the user gave replace both: `-Xmx256m` after `-Xms512m`
        // was a JVM start-up error, and a young generation above their maximum is only warned about.
        if (inherited.stream().noneMatch(Launcher::sizesTheHeap)) {
            command.add("-Xms512m");
            command.add("-Xmn64m");
        }
        command.add("-XX:ReservedCodeCacheSize=64m");
        if (Runtime.getRuntime().availableProcessors() <= 2) {
            command.add("-Djava.util.concurrent.ForkJoinPool.common.parallelism=2");
        }
        var archive = jar.resolveSibling("citadel.jsa");
        if (Files.isRegularFile(archive)) {
            command.add("-XX:SharedArchiveFile=" + archive);
            // A stale archive (jar rebuilt since) is simply not used; it must not print warnings into the plan.
            command.add("-Xlog:cds=off");
            command.add("-Xlog:cds+dynamic=off");
        }
        command.addAll(inherited);
        command.add("-cp");
        command.add(jar.toString());
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    private static boolean sizesTheHeap(String flag) {
        return flag.startsWith("-Xmx") || flag.startsWith("-Xms") || flag.startsWith("-Xmn")
                || flag.startsWith("-XX:InitialHeapSize") || flag.startsWith("-XX:MaxHeapSize") || flag.startsWith("-XX:NewSize") || flag.startsWith("-XX:MaxNewSize") || flag.startsWith("-XX:NewRatio");
    }

    /** Runs the command with this process's streams; returns its exit code, or empty if it could not start. */
    static Optional<Integer> run(List<String> command) {
        var pb = new ProcessBuilder(command).inheritIO();
        pb.environment().put(IN_PROCESS, "1");
        try {
            var child = pb.start();
            Runtime.getRuntime().addShutdownHook(new Thread(child::destroy));
            return Optional.of(child.waitFor());
        } catch (java.io.IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(ExitCodes.ERROR);
        }
    }
}
