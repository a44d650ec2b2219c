package dev.citadel.cli;

import dev.citadel.policy.PolicyResource;
import dev.citadel.policy.rules.ReferencesResolve;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code citadel bench}: how fast `citadel plan` is on this machine, and how much memory it takes, measured as a person
 * runs it — {@code java -jar target/citadel.jar plan ...} as a fresh process, JVM start included — for the homelab
 * stack and for synthetic environments of about 500, 2,000 and 10,000 resources built from the real components.
 * With {@code --jar} it measures another build in the same run, runs alternating, for before/after figures taken
 * under the same load. A benchmark, not a test: it prints figures and the targets beside them.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure plan wall time (JVM start included), CPU time and peak RSS: homelab, ~500, ~2,000 and ~10,000 resources.")
final class BenchCommand implements Callable<Integer> {
    private static final Pattern CREATE = Pattern.compile("\\+ (\\d+) to create");

    /** Issue 19: a 10,000-resource plan peaked at 1.23 GB RSS (~120 KB a resource); half of that is the target. */
    static final double LARGE_PEAK_RSS_TARGET_MIB = 600;

    @Spec
    CommandSpec spec;

    @Option(names = "--runs", defaultValue = "5", description = "Measured runs per case, after one warm-up (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--project-dir", defaultValue = ".", description = "Directory holding Pulumi.yaml and stacks/ (default: current directory).")
    Path projectDir;

    @Option(names = "--jar", paramLabel = "PATH", description = "Another build of citadel.jar to measure in the same run (e.g. the one before a change), its runs alternating with this one's.")
    Path otherJar;

    @Option(names = "--cases", split = ",", defaultValue = "homelab,500,2000,10000",
            description = "Which plans to measure: homelab, 500, 2000, 10000 (default: ${DEFAULT-VALUE}).")
    List<String> cases;

    /** One case measured on one jar: medians over the runs (peak RSS too, so one disturbed run does not decide it). */
    record Measure(String name, int resources, double medianSeconds, double minSeconds, double cpuSeconds, double peakRssMib) {
    }

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isRegularFile(jar)) {
            spec.commandLine().getErr().println("citadel bench: run it from the jar: java -jar target/citadel.jar bench");
            return ExitCodes.ERROR;
        }
        if (otherJar != null && !Files.isRegularFile(otherJar)) {
            spec.commandLine().getErr().println("citadel bench: --jar '" + otherJar + "' is not a file; give a built citadel.jar");
            return ExitCodes.ERROR;
        }
        var unknown = cases.stream().filter(c -> !c.equals("homelab") && !SECRETS.containsKey(c)).toList();
        if (!unknown.isEmpty()) {
            spec.commandLine().getErr().println("citadel bench: --cases '" + String.join(",", unknown)
                    + "' is not a case; give some of homelab, 500, 2000, 10000");
            return ExitCodes.ERROR;
        }
        if (runs < 1) {
            spec.commandLine().getErr().println("citadel bench: --runs " + runs + " measures nothing; give 1 or more");
            return ExitCodes.ERROR;
        }
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var synthetic = Files.createTempDirectory("citadel-bench");
        try {
            Files.copy(projectDir.resolve("Pulumi.yaml"), synthetic.resolve("Pulumi.yaml"));
            Files.createDirectories(synthetic.resolve("stacks"));
            writeStack(synthetic, "bench-0", 0);
            for (var e : SECRETS.entrySet()) {
                writeStack(synthetic, "bench-" + e.getKey(), e.getValue());
            }

            out.printf("citadel bench: %d measured runs per case after one warm-up; %d cores; %s; load average %s%n",
                    runs, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"), PlanProcess.loadAverage());
            out.println("command: java -jar " + jar + " plan --stack <stack> --project-dir <dir>");
            if (otherJar != null) {
                out.println("before:  java -jar " + otherJar.toAbsolutePath() + " plan ... (runs alternate with this jar's)");
            }
            out.println("peak RSS: the plan JVM's high-water mark (VmHWM); cpu: user+system time of the launcher JVM and the plan JVM");
            out.flush();
            var jars = otherJar == null ? List.of(jar) : List.of(jar, otherJar.toAbsolutePath());
            var measured = new LinkedHashMap<String, List<Measure>>();
            for (var c : cases) {
                var dir = c.equals("homelab") ? projectDir : synthetic;
                var stack = c.equals("homelab") ? "homelab" : "bench-" + c;
                measured.put(c, measure(out, java, jars, dir, stack));
            }
            var empty = cases.contains("500") && cases.contains("2000")
                    ? measure(out, java, List.of(jar), synthetic, "bench-0").get(0) : null;
            out.println();
            out.printf("%-40s %8s %8s  %s%n", "figure", "value", "target", "");
            thisJar(measured, "homelab").ifPresent(m -> row(out, "plan --stack homelab (s)", m.medianSeconds(), 1.5));
            thisJar(measured, "2000").ifPresent(m -> row(out, "plan, " + m.resources() + " resources (s)", m.medianSeconds(), 3.0));
            var small = thisJar(measured, "500");
            var large = thisJar(measured, "2000");
            if (small.isPresent() && large.isPresent()) {
                var costSmall = perResource(small.get(), empty);
                var costLarge = perResource(large.get(), empty);
                out.printf("%-40s %8.2f %8s%n", "per-resource cost at " + small.get().resources() + " (ms)", costSmall * 1000, "");
                out.printf("%-40s %8.2f %8s%n", "per-resource cost at " + large.get().resources() + " (ms)", costLarge * 1000, "");
                row(out, "cost ratio " + large.get().resources() + " / " + small.get().resources(), costLarge / costSmall, 1.2);
            }
            thisJar(measured, "10000").ifPresent(m -> {
                out.printf("%-40s %8.2f %8s%n", "plan, " + m.resources() + " resources (s)", m.medianSeconds(), "");
                row(out, "peak RSS, " + m.resources() + " resources (MiB)", m.peakRssMib(), LARGE_PEAK_RSS_TARGET_MIB);
            });
            if (otherJar != null) {
                measured.forEach((c, pair) -> out.printf("%-40s %8s  wall %.2f×, cpu %.2f×, peak RSS %.2f× (before / this jar)%n",
                        "before / this jar, " + c, "", pair.get(1).medianSeconds() / pair.get(0).medianSeconds(),
                        pair.get(1).cpuSeconds() / pair.get(0).cpuSeconds(), pair.get(1).peakRssMib() / pair.get(0).peakRssMib()));
            }
            if (large.isPresent()) {
                var resolve = referencesResolveMillis(synthetic, "bench-2000");
                row(out, "references-resolve, " + large.get().resources() + " resources (ms)", resolve, REFERENCES_RESOLVE_TARGET_MS);
            }
            out.println("(per-resource cost = (median wall time - median of the empty stack) / (resources - its resources);");
            out.println(" references-resolve: the whole-plan pass alone, in-process, median of " + RESOLVE_RUNS + " after warm-up; "
                    + "it is part of every plan time above; load average at the end " + PlanProcess.loadAverage() + ")");
            out.flush();
            return ExitCodes.CLEAN;
        } finally {
            try (var files = Files.walk(synthetic)) {
                files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Synthetic cases: how many VaultBackedSecrets (6 resources each) make about that many resources. */
    private static final Map<String, Integer> SECRETS = Map.of("500", 83, "2000", 332, "10000", 1666);

    /** The case as measured on this jar (the first of each pair), if it was measured. */
    private static Optional<Measure> thisJar(Map<String, List<Measure>> measured, String c) {
        return Optional.ofNullable(measured.get(c)).map(pair -> pair.get(0));
    }

    private static double perResource(Measure m, Measure empty) {
        return (m.medianSeconds() - empty.medianSeconds()) / (m.resources() - empty.resources());
    }

    /** The wiring check runs once over the whole plan: a tenth of a second at 2,000 resources keeps it out of the way. */
    static final double REFERENCES_RESOLVE_TARGET_MS = 100;
    private static final int RESOLVE_RUNS = 15;

    /** The median time of one references-resolve pass over the stack's planned resources, in milliseconds. */
    private static double referencesResolveMillis(Path dir, String stack) {
        var resources = PolicyResource.of(PlanCommand.plan(dir, stack).resources());
        for (int i = 0; i < 5; i++) {
            ReferencesResolve.misses(resources, List.of());
        }
        var times = new double[RESOLVE_RUNS];
        for (int i = 0; i < RESOLVE_RUNS; i++) {
            var start = System.nanoTime();
            ReferencesResolve.misses(resources, List.of());
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[RESOLVE_RUNS / 2];
    }

    private static void row(PrintWriter out, String name, double value, double target) {
        out.printf("%-40s %8.2f %8.2f  %s%n", name, value, target, value <= target ? "PASS" : "MISS");
    }

    /** One case on each jar: a warm-up each, then {@code runs} runs taking turns, so load changes hit both alike. */
    private List<Measure> measure(PrintWriter out, String java, List<Path> jars, Path dir, String stack) throws IOException, InterruptedException {
        var commands = jars.stream().map(jar -> List.of(java, "-jar", jar.toString(), "plan", "--stack", stack, "--project-dir", dir.toString())).toList();
        var resources = new int[jars.size()];
        for (int j = 0; j < jars.size(); j++) {
            resources[j] = resources(commands.get(j));
        }
        var samples = new ArrayList<List<PlanProcess>>();
        jars.forEach(j -> samples.add(new ArrayList<>()));
        var load = PlanProcess.loadAverage();
        for (int i = 0; i < runs; i++) {
            for (int j = 0; j < jars.size(); j++) {
                samples.get(j).add(PlanProcess.run(commands.get(j)));
            }
        }
        var result = new ArrayList<Measure>();
        for (int j = 0; j < jars.size(); j++) {
            var s = samples.get(j);
            var m = new Measure(stack, resources[j], median(s, PlanProcess::seconds), s.stream().mapToDouble(PlanProcess::seconds).min().orElseThrow(),
                    median(s, PlanProcess::cpuSeconds), median(s, p -> p.peakRssKib() / 1024.0));
            out.printf("  %-12s %-7s %5d resources   median %.2f s   min %.2f s   cpu %.2f s   peak RSS %4.0f MiB   load %s→%s%n",
                    stack, j == 0 ? "" : "before", resources[j], m.medianSeconds(), m.minSeconds(), m.cpuSeconds(), m.peakRssMib(),
                    load, PlanProcess.loadAverage());
            result.add(m);
        }
        out.flush();
        return result;
    }

    private static double median(List<PlanProcess> samples, java.util.function.ToDoubleFunction<PlanProcess> figure) {
        var values = samples.stream().mapToDouble(figure).sorted().toArray();
        return values[values.length / 2];
    }

    /** The plan's resource count from its summary; this run is also the case's warm-up (the OS file cache, the CDS archive). */
    private static int resources(List<String> command) throws IOException, InterruptedException {
        var pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove(Launcher.IN_PROCESS);
        var process = pb.start();
        var output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        var m = CREATE.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("the plan printed no summary: " + output.lines().limit(3).toList());
        }
        return Integer.parseInt(m.group(1));
    }

    /** A stack of {@code secrets} VaultBackedSecrets, each one generated key synced to three namespaces (6 resources). */
    private static void writeStack(Path dir, String stack, int secrets) throws IOException {
        var lines = new ArrayList<>(List.of(
                "config:",
                "  citadel:kubernetes:",
                "    context: bench",
                "  citadel:vault:",
                "    address: https://vault.bench.internal:8200",
                "    store: vault-kv",
                "  citadel:policies:",
                "    crd-installed-before-use:",
                "      preinstalledCrds: [external-secrets.io]",
                "  citadel:secrets:"));
        if (secrets == 0) {
            lines.set(lines.size() - 1, "  citadel:secrets: []");
        }
        for (int i = 0; i < secrets; i++) {
            lines.addAll(List.of(
                    "    - name: app-" + i,
                    "      path: apps/app-" + i,
                    "      generate:",
                    "        - key: password",
                    "      syncTo:",
                    "        - namespace: team-a",
                    "        - namespace: team-b",
                    "        - namespace: team-c"));
        }
        Files.write(dir.resolve("stacks").resolve("Pulumi." + stack + ".yaml"), lines);
    }
}
