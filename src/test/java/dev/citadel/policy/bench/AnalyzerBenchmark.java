package dev.citadel.policy.bench;

import pulumirpc.AnalyzerOuterClass.AnalyzerResource;
import pulumirpc.AnalyzerOuterClass.AnalyzeStackRequest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark (not a test): the Citadel policy pack as an analyzer plugin against the same five policies
 * written with {@code @pulumi/policy} and run by {@code @pulumi/pulumi/cmd/run-policy-pack}, the way the
 * Pulumi CLI runs Node policy packs. Both are launched as the CLI launches plugins, fed the same
 * engine-shaped resources over gRPC, and timed the same way: start-up to the port line, Analyze once per
 * resource, AnalyzeStack once. Prints the figures, the Java/Node ratios and the targets (start-up ≤ 1.0 s,
 * Java ≥ 3× the Node pack's throughput).
 *
 * <pre>
 * mvn -B -q -DskipTests package
 * java -cp target/citadel.jar:target/test-classes dev.citadel.policy.bench.AnalyzerBenchmark [options]
 * </pre>
 *
 * Options: {@code --resources N} (5000), {@code --runs N} passes per analyzer (5; the first on a fresh
 * process), {@code --launches N} extra start-up-only launches per analyzer (5), {@code --policies id,...}
 * (the five below), {@code --java-opts "..."} JVM options for the analyzer process, {@code --no-node},
 * {@code --node PATH}, {@code --npm PATH}, {@code --seed N}, {@code --project DIR} (the project root, default
 * the working directory), {@code --jar PATH} (another build of the analyzer jar, for before/after comparisons),
 * {@code --gap MS} (0: how long after the Java analyzer's port line its first pass starts; a preview's first Analyze
 * waits for the program to start, so anything that warms the analyzer in the background must be measured with 0 and
 * with a gap).
 */
public final class AnalyzerBenchmark {
    /** Five resource policies of DESIGN.md's table, simple and well defined; the Node pack implements exactly these. */
    static final List<String> DEFAULT_POLICIES = List.of(
            "backup-retention",
            "no-mutable-image-tags",
            "no-regenerating-secret-generators",
            "pgbouncer-idle-transaction-timeout",
            "rds-force-ssl");

    static final double STARTUP_TARGET_MS = 1000;
    static final double THROUGHPUT_TARGET = 3.0;

    private static final String NODE_PACK_RESOURCE = "bench/node-pack/";
    private static final List<String> NODE_PACK_FILES = List.of("package.json", "package-lock.json", "index.js", "PulumiPolicy.yaml");

    private final Options options;

    private AnalyzerBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        // The shaded Netty would look for SLF4J, find the API without a binding and say so on stderr.
        io.grpc.netty.shaded.io.netty.util.internal.logging.InternalLoggerFactory.setDefaultFactory(
                io.grpc.netty.shaded.io.netty.util.internal.logging.JdkLoggerFactory.INSTANCE);
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("AnalyzerBenchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        int code;
        try {
            code = new AnalyzerBenchmark(options).run();
        } catch (IOException e) {
            System.err.println("AnalyzerBenchmark: " + e.getMessage());
            code = 2;
        }
        System.exit(code);
    }

    // ---------------------------------------------------------------------------------------------------

    /** What one analyzer did: start-ups, the policies that ran, and each pass's timings. */
    static final class Side {
        final String name;
        final List<Double> startups = new ArrayList<>();
        List<String> packPolicies = List.of();
        List<String> ran = List.of();
        boolean handshake;
        final List<AnalyzerSession.Timed> stack = new ArrayList<>();
        final List<AnalyzerSession.Timed> each = new ArrayList<>();
        /** Node only: passes with the policies restricted to the ones the Java pack ran. */
        final List<AnalyzerSession.Timed> subsetEach = new ArrayList<>();
        final List<AnalyzerSession.Timed> subsetStack = new ArrayList<>();
        String skipped;
        /** Java only: how long its process was up and idle between the port line and the first Analyze. */
        double gapMillis;

        Side(String name) {
            this.name = name;
        }
    }

    private int run() throws Exception {
        var project = options.project.toAbsolutePath().normalize();
        var jar = options.jar != null ? options.jar.toAbsolutePath().normalize() : project.resolve("target/citadel.jar");
        var javaPack = project.resolve("policies");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(javaPack)) {
            System.err.println("AnalyzerBenchmark: " + jar + " not found (or no policies/ next to it): run "
                    + "`mvn -B -q -DskipTests package` in the project root first, and run the benchmark from there (or pass --project DIR)");
            return 2;
        }

        var stack = BenchResources.generate(options.resources, options.seed);
        byte[] stackRequest = AnalyzeStackRequest.newBuilder().addAllResources(stack.resources()).build().toByteArray();
        var analyzeRequests = new ArrayList<byte[]>(stack.resources().size());
        for (AnalyzerResource r : stack.resources()) {
            analyzeRequests.add(BenchResources.analyzeRequest(r).toByteArray());
        }

        var java = new Side("Java");
        var node = new Side("Node");
        Path nodePack = null;
        String nodeVersion = "";
        if (options.noNode) {
            node.skipped = "--no-node";
        } else {
            try {
                nodeVersion = capture(List.of(options.node, "--version"), project).strip();
                nodePack = prepareNodePack(project.resolve("target/bench/node-pack"));
            } catch (IOException e) {
                node.skipped = e.getMessage();
            }
        }

        var javaCommand = new ArrayList<String>();
        javaCommand.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        javaCommand.addAll(options.javaOpts);
        javaCommand.addAll(List.of("-cp", jar.toString(), "dev.citadel.policy.analyzer.AnalyzerServer"));

        try (var engine = new EngineStub()) {
            var javaArgs = new ArrayList<>(javaCommand);
            javaArgs.add(engine.address());
            // The CLI's legacy policy-analyzer launch for Node packs: `pulumi-analyzer-policy <engine> .` in the
            // pack directory, a shim that runs this (after a `node -e require.resolve(...)`, not counted here).
            var nodeArgs = List.of(options.node, "node_modules/@pulumi/pulumi/cmd/run-policy-pack", engine.address(), ".");

            // Start-up: launches interleaved so that background load hits both alike.
            for (int i = 0; i < options.launches; i++) {
                try (var p = AnalyzerPlugin.launch("java-analyzer", javaArgs, javaPack, 60)) {
                    java.startups.add(p.startupMillis());
                }
                if (nodePack != null) {
                    try (var p = AnalyzerPlugin.launch("node-analyzer", nodeArgs, nodePack, 60)) {
                        node.startups.add(p.startupMillis());
                    }
                }
            }

            engine.warmUpClient(10_000);
            // Throughput: one process per analyzer, both up at once, passes alternating between them, so
            // that load from elsewhere on the machine falls on both alike.
            // Node first, so that only the Java analyzer's own session set-up (what the engine sends before the first
            // Analyze) separates its port line from its first pass, plus --gap: the program start a real preview waits for.
            try (var nodePlugin = nodePack == null ? null : open(node, nodeArgs, nodePack);
                 var nodeSession = nodePlugin == null ? null : new AnalyzerSession(nodePlugin);
                 var javaPlugin = open(java, javaArgs, javaPack);
                 var javaSession = new AnalyzerSession(javaPlugin)) {
                if (nodeSession != null) {
                    start(node, nodeSession, nodePack, engine.address());
                }
                start(java, javaSession, javaPack, engine.address());
                var firstAt = javaPlugin.portAtNanos() + options.gapMillis * 1_000_000L;
                while (System.nanoTime() < firstAt) {
                    Thread.sleep(Math.max(1, (firstAt - System.nanoTime()) / 1_000_000L));
                }
                java.gapMillis = (System.nanoTime() - javaPlugin.portAtNanos()) / 1e6;
                for (int run = 0; run < options.runs; run++) {
                    pass(javaSession, java.each, java.stack, stackRequest, analyzeRequests);
                    if (nodeSession != null) {
                        pass(nodeSession, node.each, node.stack, stackRequest, analyzeRequests);
                    }
                }
                // Like for like while the Java pack lacks some of the policies: Node with only the ones Java ran.
                if (nodeSession != null && !java.ran.isEmpty() && !new TreeSet<>(java.ran).equals(new TreeSet<>(node.ran))) {
                    nodeSession.configure(java.ran);
                    for (int run = 0; run < Math.max(2, options.runs - 1); run++) {
                        pass(nodeSession, node.subsetEach, node.subsetStack, stackRequest, analyzeRequests);
                    }
                }
                for (var plugin : new AnalyzerPlugin[]{javaPlugin, nodePlugin}) {
                    if (plugin != null && !plugin.alive()) {
                        throw new IOException(plugin.label() + " exited during the benchmark; stderr:\n" + plugin.stderr());
                    }
                }
            }
            report(stack, stackRequest.length, java, node, nodeVersion, engine.logCalls());
        }
        return 0;
    }

    private static AnalyzerPlugin open(Side side, List<String> command, Path packDir) throws IOException {
        var plugin = AnalyzerPlugin.launch(side.name.toLowerCase(Locale.ROOT) + "-analyzer", command, packDir, 60);
        side.startups.add(plugin.startupMillis());
        return plugin;
    }

    private void start(Side side, AnalyzerSession session, Path packDir, String engineAddress) {
        session.start(engineAddress, packDir);
        side.handshake = session.handshakeImplemented();
        side.packPolicies = session.policies();
        side.ran = session.configure(options.policies);
    }

    /** The engine's order in a preview: Analyze as each resource is registered, AnalyzeStack at the end. */
    private static void pass(AnalyzerSession session, List<AnalyzerSession.Timed> each, List<AnalyzerSession.Timed> stack,
                             byte[] stackRequest, List<byte[]> analyzeRequests) {
        each.add(session.analyzeEach(analyzeRequests));
        stack.add(session.analyzeStack(stackRequest));
    }

    // --- the Node pack ---------------------------------------------------------------------------------

    /**
     * Writes the pack from the test resources to {@code dir} and installs its pinned dependencies with
     * {@code npm ci} (only when package.json or the lock file changed since the last install).
     */
    private Path prepareNodePack(Path dir) throws IOException {
        Files.createDirectories(dir);
        var digest = sha256();
        for (var file : NODE_PACK_FILES) {
            byte[] content;
            try (InputStream in = AnalyzerBenchmark.class.getClassLoader().getResourceAsStream(NODE_PACK_RESOURCE + file)) {
                if (in == null) {
                    throw new IOException("test resource " + NODE_PACK_RESOURCE + file + " missing: build with `mvn -B -q -DskipTests package`");
                }
                content = in.readAllBytes();
            }
            Files.write(dir.resolve(file), content);
            if (file.startsWith("package")) {
                digest.update(content);
            }
        }
        var stamp = dir.resolve("node_modules/.citadel-bench-stamp");
        var wanted = HexFormat.of().formatHex(digest.digest());
        if (Files.isRegularFile(stamp) && Files.readString(stamp).strip().equals(wanted)
                && Files.isDirectory(dir.resolve("node_modules/@pulumi/pulumi/cmd/run-policy-pack"))) {
            return dir;
        }
        System.out.println("Installing the Node pack's dependencies (npm ci in " + dir + ") ...");
        var npm = new ProcessBuilder(options.npm, "ci", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT);
        int code;
        try {
            code = npm.start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during npm ci");
        }
        if (code != 0) {
            throw new IOException("npm ci failed (exit " + code + ") in " + dir);
        }
        Files.writeString(stamp, wanted + "\n");
        return dir;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String capture(List<String> command, Path dir) throws IOException {
        try {
            var p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            var out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out.strip());
            }
            return out;
        } catch (IOException e) {
            throw new IOException("cannot run " + command.get(0) + " (" + e.getMessage() + "); the Node side is skipped", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    // --- the report ------------------------------------------------------------------------------------

    private void report(BenchResources stack, int stackBytes, Side java, Side node, String nodeVersion, int engineLogs) {
        int n = stack.resources().size();
        var out = new StringBuilder();
        out.append("\nCitadel policy analyzer benchmark: Java analyzer plugin vs the same policies on @pulumi/policy\n\n");
        var mix = new StringBuilder();
        stack.mix().forEach((k, v) -> mix.append(mix.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
        out.append(String.format(Locale.ROOT, "Stack      %,d engine-shaped resources (%s); AnalyzeStack request %.1f MB%n", n, mix, stackBytes / 1e6));
        int planted = 0;
        int undecidable = 0;
        for (var id : options.policies) {
            var e = stack.expected().get(id);
            if (e != null) {
                planted += e.violations;
                undecidable += e.undecidable;
            }
        }
        out.append(String.format(Locale.ROOT, "           %,d planted violations and %,d resources whose deciding value is unknown (%.1f%% of resources)%n",
                planted, undecidable, 100.0 * (planted + undecidable) / n));
        out.append("Policies   ").append(String.join(", ", options.policies)).append('\n');
        out.append(String.format(Locale.ROOT, "Java       %s (JDK %s)%n           pack has %d policies; ran %s%s%n",
                "java " + String.join(" ", options.javaOpts) + (options.javaOpts.isEmpty() ? "" : " ")
                        + "-cp " + (options.jar == null ? "target/citadel.jar" : options.jar) + " dev.citadel.policy.analyzer.AnalyzerServer <engine>, in policies/",
                System.getProperty("java.version"), java.packPolicies.size(), describe(java.ran),
                missing(java.ran).isEmpty() ? "" : "; not in this build's pack yet: " + String.join(", ", missing(java.ran))));
        if (node.skipped != null) {
            out.append("Node       skipped: ").append(node.skipped).append('\n');
        } else {
            out.append(String.format(Locale.ROOT, "Node       node node_modules/@pulumi/pulumi/cmd/run-policy-pack <engine> ., in target/bench/node-pack (node %s, %s)%n"
                            + "           pack has %d policies; ran %s%n",
                    nodeVersion, nodeDependencies(), node.packPolicies.size(), describe(node.ran)));
        }
        out.append(String.format(Locale.ROOT, "Method     start-up = process start to port line, median of %d launches each (interleaved);%n"
                        + "           per analyzer one process (both up at once, passes alternating), %d passes of%n"
                        + "           [Analyze x%,d one call at a time, then AnalyzeStack of all %,d]; \"first\" = pass 1 on the fresh%n"
                        + "           process, \"warm\" = median of passes 2..%d. Requests pre-serialized. Analyzer CPU time = user+system%n"
                        + "           time of the analyzer process over the pass (all threads, GC and JIT included), the figure least%n"
                        + "           disturbed by other load. This host: %d cores, load average %s at the end: wall times are noisy,%n"
                        + "           repeat and compare medians.%n"
                        + "Gap        the Java analyzer's first Analyze came %.0f ms after its port line (--gap %d: a preview's program%n"
                        + "           start; 0 = only the engine's Handshake/Configure calls in between)%n%n",
                java.startups.size(), options.runs, n, n, options.runs, Runtime.getRuntime().availableProcessors(), loadAverage(),
                java.gapMillis, options.gapMillis));

        boolean withNode = node.skipped == null;
        out.append(String.format(Locale.ROOT, "%-34s %-26s %-26s %s%n", "", "Java", withNode ? "Node" : "", withNode ? "Java/Node" : ""));
        row(out, "start-up to port (median)", ms(median(java.startups)), withNode ? ms(median(node.startups)) : "",
                withNode ? ratio(median(node.startups) / median(java.startups), "faster") : "");
        row(out, "  min / max", ms(min(java.startups)) + " / " + ms(max(java.startups)),
                withNode ? ms(min(node.startups)) + " / " + ms(max(node.startups)) : "", "");
        var nn = String.format(Locale.ROOT, "%,d", n);
        throughputRows(out, "AnalyzeStack, first", n, java.stack.subList(0, 1), withNode ? node.stack.subList(0, 1) : null);
        throughputRows(out, "AnalyzeStack, warm median", n, warmPasses(java.stack), withNode ? warmPasses(node.stack) : null);
        throughputRows(out, "Analyze x" + nn + ", first", n, java.each.subList(0, 1), withNode ? node.each.subList(0, 1) : null);
        throughputRows(out, "Analyze x" + nn + ", warm median", n, warmPasses(java.each), withNode ? warmPasses(node.each) : null);
        row(out, "  per call p50 / p99 (warm)", latency(java.each), withNode ? latency(node.each) : "", "");
        if (withNode && !node.subsetEach.isEmpty()) {
            out.append(String.format(Locale.ROOT, "%nLike for like: Node restricted to the policies the Java pack has (%s); Node passes %d-%d, warm%n",
                    String.join(", ", java.ran), options.runs + 1, options.runs + node.subsetEach.size()));
            throughputRows(out, "AnalyzeStack, warm median", n, warmPasses(java.stack), node.subsetStack);
            throughputRows(out, "Analyze x" + nn + ", warm median", n, warmPasses(java.each), node.subsetEach);
        }

        out.append("\nVerdicts of pass 1, per policy: violations + undecidable (Analyze). AnalyzeStack runs stack policies only,\n"
                + "in both packs, so with these five resource policies it returns no diagnostics: it measures receiving and\n"
                + "decoding the whole stack; the policies themselves run in Analyze.\n");
        out.append(String.format(Locale.ROOT, "  %-38s %-12s %-16s %s%n", "policy", "planted", "Java", withNode ? "Node" : ""));
        var javaTally = java.each.isEmpty() ? Map.<String, int[]>of() : java.each.get(0).tally();
        var nodeTally = !withNode || node.each.isEmpty() ? Map.<String, int[]>of() : node.each.get(0).tally();
        var ids = new TreeSet<>(options.policies);
        ids.addAll(javaTally.keySet());
        ids.addAll(nodeTally.keySet());
        boolean agree = true;
        for (var id : ids) {
            var e = stack.expected().get(id);
            var plantedText = e == null ? "-" : e.violations + " + " + e.undecidable;
            var j = java.ran.contains(id) || javaTally.containsKey(id) ? count(javaTally.get(id)) : "not in pack";
            var nd = !withNode ? "" : node.ran.contains(id) || nodeTally.containsKey(id) ? count(nodeTally.get(id)) : "not in pack";
            if (e != null && java.ran.contains(id) && !j.equals(plantedText)) {
                agree = false;
                j += "  (differs)";
            }
            if (e != null && withNode && node.ran.contains(id) && !nd.equals(plantedText)) {
                agree = false;
                nd += "  (differs)";
            }
            out.append(String.format(Locale.ROOT, "  %-38s %-12s %-16s %s%n", id, plantedText, j, nd));
        }
        out.append(String.format(Locale.ROOT, "  %-38s %-12s %-16s %s%n", "AnalyzeStack diagnostics", "0",
                java.stack.isEmpty() ? "-" : java.stack.get(0).diagnostics().size(), withNode && !node.stack.isEmpty() ? node.stack.get(0).diagnostics().size() : ""));
        out.append(agree ? "  Both packs find what was planted.\n" : "  A pack finds something other than what was planted: see (differs).\n");
        out.append(String.format(Locale.ROOT, "  Engine service: %d Log calls; Handshake implemented: Java %s, Node %s (the CLI falls back when not).%n",
                engineLogs, java.handshake ? "yes" : "no", withNode ? (node.handshake ? "yes" : "no") : "-"));

        out.append("\nTargets\n");
        double startup = median(java.startups);
        out.append(String.format(Locale.ROOT, "  %-56s %-12s %s%n", "start-up <= 1.0 s (Java, median)", ms(startup),
                startup <= STARTUP_TARGET_MS ? "PASS" : "MISS"));
        if (withNode) {
            target(out, "Java >= 3x Node throughput, AnalyzeStack, warm (wall)", warmRatio(java.stack, node.stack, false));
            target(out, "  same, by analyzer CPU time", warmRatio(java.stack, node.stack, true));
            target(out, "Java >= 3x Node throughput, Analyze x" + nn + ", warm (wall)", warmRatio(java.each, node.each, false));
            target(out, "  same, by analyzer CPU time", warmRatio(java.each, node.each, true));
            target(out, "Java >= 3x Node, first pass on a fresh process (wall)",
                    (node.stack.get(0).millis() + node.each.get(0).millis()) / (java.stack.get(0).millis() + java.each.get(0).millis()));
            if (!missing(java.ran).isEmpty()) {
                out.append(String.format(Locale.ROOT, "  PROVISIONAL: the Java pack ran %d of the %d policies (%s missing); the Node pack ran %d.%n",
                        java.ran.size(), options.policies.size(), String.join(", ", missing(java.ran)), node.ran.size()));
                if (!node.subsetEach.isEmpty()) {
                    target(out, "  like for like, Analyze x" + nn + ", warm (wall)", median(node.subsetEach) / warm(java.each));
                    target(out, "  like for like, Analyze x" + nn + ", warm (CPU)", medianCpu(node.subsetEach) / medianCpu(warmPasses(java.each)));
                }
                out.append("  The harness picks the missing policies up by id once they are in PolicyPack.policies().\n");
            }
        } else {
            out.append("  throughput ratio: no Node figures (").append(node.skipped).append(")\n");
        }
        System.out.print(out);
        System.out.flush();
    }

    private static String loadAverage() {
        try {
            var fields = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private List<String> missing(List<String> ran) {
        var out = new ArrayList<String>();
        for (var id : options.policies) {
            if (!ran.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

    private String describe(List<String> ran) {
        if (ran.isEmpty()) {
            return "none of the requested policies";
        }
        if (ran.size() == options.policies.size()) {
            return "all " + ran.size() + " requested";
        }
        return ran.size() + " of " + options.policies.size() + " requested (" + String.join(", ", ran) + ")";
    }

    private String nodeDependencies() {
        var versions = new ArrayList<String>();
        for (var pkg : List.of("@pulumi/policy", "@pulumi/pulumi")) {
            var file = options.project.toAbsolutePath().resolve("target/bench/node-pack/node_modules/" + pkg + "/package.json");
            try {
                var text = Files.readString(file);
                var m = java.util.regex.Pattern.compile("\"version\"\\s*:\\s*\"v?([^\"]+)\"").matcher(text);
                versions.add(pkg + " " + (m.find() ? m.group(1) : "?"));
            } catch (IOException e) {
                versions.add(pkg + " ?");
            }
        }
        return String.join(", ", versions);
    }

    private static void row(StringBuilder out, String label, String java, String node, String ratio) {
        out.append(String.format(Locale.ROOT, "%-34s %-26s %-26s %s%n", label, java, node, ratio));
    }

    /** Wall time (median over the passes given) with resources/s, and the analyzer's CPU time; ratios Node/Java. */
    private static void throughputRows(StringBuilder out, String label, int n, List<AnalyzerSession.Timed> java,
                                       List<AnalyzerSession.Timed> node) {
        double javaMs = median(java);
        Double nodeMs = node == null ? null : median(node);
        row(out, label, rate(n, javaMs), nodeMs == null ? "" : rate(n, nodeMs),
                nodeMs == null ? "" : times(nodeMs / javaMs) + " throughput");
        double javaCpu = medianCpu(java);
        Double nodeCpu = node == null ? null : medianCpu(node);
        row(out, "  analyzer CPU time", ms(javaCpu), nodeCpu == null ? "" : ms(nodeCpu),
                nodeCpu == null ? "" : times(nodeCpu / javaCpu) + " less CPU");
    }

    /** Throughput ratio Java/Node over the warm passes: Node's time over Java's (wall or analyzer CPU). */
    private static double warmRatio(List<AnalyzerSession.Timed> java, List<AnalyzerSession.Timed> node, boolean cpu) {
        return cpu ? medianCpu(warmPasses(node)) / medianCpu(warmPasses(java)) : median(warmPasses(node)) / median(warmPasses(java));
    }

    private static void target(StringBuilder out, String label, double ratio) {
        out.append(String.format(Locale.ROOT, "  %-56s %-12s %s%n", label, times(ratio), ratio >= THROUGHPUT_TARGET ? "PASS" : "MISS"));
    }

    private static String rate(int n, double ms) {
        return String.format(Locale.ROOT, "%,.0f ms (%,.0f res/s)", ms, n / (ms / 1000));
    }

    private static String ms(double ms) {
        return String.format(Locale.ROOT, "%,.0f ms", ms);
    }

    private static String times(double r) {
        return String.format(Locale.ROOT, "%.2fx", r);
    }

    private static String ratio(double r, String word) {
        return String.format(Locale.ROOT, "%.2fx %s", r, word);
    }

    private static String count(int[] c) {
        return c == null ? "0 + 0" : c[0] + " + " + c[1];
    }

    private static String latency(List<AnalyzerSession.Timed> passes) {
        if (passes.size() < 2) {
            return "";
        }
        var all = passes.subList(1, passes.size()).stream().flatMapToLong(t -> Arrays.stream(t.latencies())).sorted().toArray();
        return String.format(Locale.ROOT, "%.0f / %.0f us", all[all.length / 2] / 1e3, all[(int) (all.length * 0.99)] / 1e3);
    }

    /** Passes 2..n (pass 1 alone if there is only one). */
    private static List<AnalyzerSession.Timed> warmPasses(List<AnalyzerSession.Timed> passes) {
        return passes.size() == 1 ? passes : passes.subList(1, passes.size());
    }

    private static double warm(List<AnalyzerSession.Timed> passes) {
        return median(warmPasses(passes));
    }

    private static double medianCpu(List<AnalyzerSession.Timed> passes) {
        return median(passes.stream().map(AnalyzerSession.Timed::cpuMillis).toList());
    }

    private static double median(List<?> values) {
        var sorted = values.stream().mapToDouble(v -> v instanceof AnalyzerSession.Timed t ? t.millis() : (Double) v).sorted().toArray();
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    // --- options ---------------------------------------------------------------------------------------

    static final class Options {
        Path project = Path.of(".");
        Path jar;
        int resources = 5000;
        int runs = 5;
        int launches = 5;
        List<String> policies = DEFAULT_POLICIES;
        List<String> javaOpts = List.of();
        boolean noNode;
        String node = "node";
        String npm = "npm";
        long seed = 1;
        long gapMillis;

        static Options parse(String[] args) {
            var o = new Options();
            for (int i = 0; i < args.length; i++) {
                var arg = args[i];
                switch (arg) {
                    case "--project" -> o.project = Path.of(value(args, ++i, arg));
                    case "--jar" -> o.jar = Path.of(value(args, ++i, arg));
                    case "--resources" -> o.resources = positive(value(args, ++i, arg), arg);
                    case "--runs" -> o.runs = positive(value(args, ++i, arg), arg);
                    case "--launches" -> o.launches = Integer.parseInt(value(args, ++i, arg));
                    case "--policies" -> o.policies = List.copyOf(new LinkedHashSet<>(Arrays.asList(value(args, ++i, arg).split("\\s*,\\s*"))));
                    case "--java-opts" -> o.javaOpts = value(args, ++i, arg).isBlank() ? List.of() : List.of(value(args, i, arg).strip().split("\\s+"));
                    case "--no-node" -> o.noNode = true;
                    case "--node" -> o.node = value(args, ++i, arg);
                    case "--npm" -> o.npm = value(args, ++i, arg);
                    case "--seed" -> o.seed = Long.parseLong(value(args, ++i, arg));
                    case "--gap" -> o.gapMillis = Long.parseLong(value(args, ++i, arg));
                    case "-h", "--help" -> throw new IllegalArgumentException("usage: AnalyzerBenchmark [--resources N] [--runs N] [--launches N] "
                            + "[--policies id,...] [--java-opts \"...\"] [--no-node] [--node PATH] [--npm PATH] [--seed N] [--project DIR] [--jar PATH] [--gap MS]");
                    default -> throw new IllegalArgumentException("unknown option " + arg + "; see --help");
                }
            }
            return o;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int positive(String value, String option) {
            int n = Integer.parseInt(value);
            if (n < 1) {
                throw new IllegalArgumentException(option + " must be at least 1");
            }
            return n;
        }
    }
}
