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
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code citadel bench}: how fast `citadel plan` is on this machine, measured as a person runs it —
 * {@code java -jar target/citadel.jar plan ...} as a fresh process, JVM start included — for the homelab
 * stack and for synthetic environments of about 500 and 2,000 resources built from the real components.
 * A benchmark, not a test: it prints figures and the targets beside them.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure plan wall time (JVM start included): homelab, ~500 and ~2,000 resources, per-resource cost ratio.")
final class BenchCommand implements Callable<Integer> {
    private static final Pattern CREATE = Pattern.compile("\\+ (\\d+) to create");

    @Spec
    CommandSpec spec;

    @Option(names = "--runs", defaultValue = "5", description = "Measured runs per case, after one warm-up (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--project-dir", defaultValue = ".", description = "Directory holding Pulumi.yaml and stacks/ (default: current directory).")
    Path projectDir;

    record Measure(String name, int resources, double medianSeconds, double minSeconds) {
    }

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isRegularFile(jar)) {
            spec.commandLine().getErr().println("citadel bench: run it from the jar: java -jar target/citadel.jar bench");
            return ExitCodes.ERROR;
        }
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var synthetic = Files.createTempDirectory("citadel-bench");
        try {
            Files.copy(projectDir.resolve("Pulumi.yaml"), synthetic.resolve("Pulumi.yaml"));
            Files.createDirectories(synthetic.resolve("stacks"));
            writeStack(synthetic, "bench-0", 0);
            writeStack(synthetic, "bench-500", 83);
            writeStack(synthetic, "bench-2000", 332);

            out.printf("citadel bench: %d measured runs per case after one warm-up; %d cores; %s%n",
                    runs, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
            out.println("command: java -jar " + jar + " plan --stack <stack> --project-dir <dir>");
            out.flush();
            var homelab = measure(out, java, jar, projectDir, "homelab");
            var empty = measure(out, java, jar, synthetic, "bench-0");
            var small = measure(out, java, jar, synthetic, "bench-500");
            var large = measure(out, java, jar, synthetic, "bench-2000");

            // Per-resource cost: wall time above the fixed cost of a plan with no secrets, per resource.
            var costSmall = (small.medianSeconds() - empty.medianSeconds()) / (small.resources() - empty.resources());
            var costLarge = (large.medianSeconds() - empty.medianSeconds()) / (large.resources() - empty.resources());
            var ratio = costLarge / costSmall;
            out.println();
            out.printf("%-40s %8s %8s  %s%n", "figure", "value", "target", "");
            row(out, "plan --stack homelab (s)", homelab.medianSeconds(), 1.5);
            row(out, "plan, " + large.resources() + " resources (s)", large.medianSeconds(), 3.0);
            out.printf("%-40s %8.2f %8s%n", "per-resource cost at " + small.resources() + " (ms)", costSmall * 1000, "");
            out.printf("%-40s %8.2f %8s%n", "per-resource cost at " + large.resources() + " (ms)", costLarge * 1000, "");
            row(out, "cost ratio " + large.resources() + " / " + small.resources(), ratio, 1.2);
            var resolve = referencesResolveMillis(synthetic, "bench-2000");
            row(out, "references-resolve, " + large.resources() + " resources (ms)", resolve, REFERENCES_RESOLVE_TARGET_MS);
            out.println("(per-resource cost = (median wall time - median of the empty stack) / (resources - its resources);");
            out.println(" references-resolve: the whole-plan pass alone, in-process, median of " + RESOLVE_RUNS + " after warm-up; "
                    + "it is part of every plan time above)");
            out.flush();
            return ExitCodes.CLEAN;
        } finally {
            try (var files = Files.walk(synthetic)) {
                files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            }
        }
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

    private Measure measure(PrintWriter out, String java, Path jar, Path dir, String stack) throws IOException, InterruptedException {
        var command = List.of(java, "-jar", jar.toString(), "plan", "--stack", stack, "--project-dir", dir.toString());
        var resources = resources(command);
        run(command);
        var times = new double[runs];
        for (int i = 0; i < runs; i++) {
            times[i] = run(command);
        }
        Arrays.sort(times);
        var m = new Measure(stack, resources, times[runs / 2], times[0]);
        out.printf("  %-12s %5d resources   median %.2f s   min %.2f s%n", stack, resources, m.medianSeconds(), m.minSeconds());
        out.flush();
        return m;
    }

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

    /** Wall time of one plan, as a fresh process, in seconds. */
    private static double run(List<String> command) throws IOException, InterruptedException {
        var pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove(Launcher.IN_PROCESS);
        var start = System.nanoTime();
        var code = pb.start().waitFor();
        var seconds = (System.nanoTime() - start) / 1e9;
        if (code != 0) {
            throw new IllegalStateException("plan exited " + code + ": " + String.join(" ", command));
        }
        return seconds;
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
