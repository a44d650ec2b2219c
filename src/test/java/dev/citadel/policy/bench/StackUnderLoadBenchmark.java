package dev.citadel.policy.bench;

import com.google.protobuf.Empty;
import io.grpc.StatusRuntimeException;
import pulumirpc.AnalyzerGrpc;
import pulumirpc.AnalyzerOuterClass.AnalyzeRequest;
import pulumirpc.AnalyzerOuterClass.AnalyzeResponse;
import pulumirpc.AnalyzerOuterClass.AnalyzeStackRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark (not a test): one analyzer process, launched as the CLI launches it and configured with every
 * policy at its default level, under what a large preview does to it. Prints: a 20,000-resource
 * AnalyzeStack's time alone; the same AnalyzeStack while 32 threads send Analyze calls (their p50/p99/max
 * latency, and how many missed the engine's 30 s deadline); how long Cancel takes to answer, sent one
 * second into an AnalyzeStack, and how long until that AnalyzeStack ends (and with what); the CPU the
 * process spends in the two seconds after the client of a running AnalyzeStack disconnects; the process's
 * peak RSS.
 *
 * <pre>
 * mvn -B -q -DskipTests package
 * java -cp target/citadel.jar:target/test-classes dev.citadel.policy.bench.StackUnderLoadBenchmark [--resources N] [--threads N] [--jar PATH]
 * </pre>
 * {@code --jar} runs another build of the analyzer (e.g. the one before a change) for a before/after comparison.
 */
public final class StackUnderLoadBenchmark {
    private StackUnderLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        io.grpc.netty.shaded.io.netty.util.internal.logging.InternalLoggerFactory.setDefaultFactory(
                io.grpc.netty.shaded.io.netty.util.internal.logging.JdkLoggerFactory.INSTANCE);
        int resources = 20_000;
        int threads = 32;
        var jar = Path.of("target/citadel.jar");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--resources" -> resources = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--jar" -> jar = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: StackUnderLoadBenchmark [--resources N] [--threads N] [--jar PATH]");
                    System.exit(2);
                }
            }
        }
        if (!Files.isRegularFile(jar)) {
            System.err.println("StackUnderLoadBenchmark: " + jar + " not found: run `mvn -B -q -DskipTests package` first");
            System.exit(2);
        }
        var stack = BenchResources.generate(resources, 20_000);
        var stackRequest = AnalyzeStackRequest.newBuilder().addAllResources(stack.resources()).build();
        var analyzeRequests = new ArrayList<AnalyzeRequest>();
        stack.resources().forEach(r -> analyzeRequests.add(BenchResources.analyzeRequest(r)));
        var packDir = Path.of("policies").toAbsolutePath();
        var command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
                "-cp", jar.toAbsolutePath().toString(), "dev.citadel.policy.analyzer.AnalyzerServer");
        try (var engine = new EngineStub();
             var plugin = AnalyzerPlugin.launch("java-analyzer", with(command, engine.address()), packDir, 60);
             var session = new AnalyzerSession(plugin)) {
            session.start(engine.address(), packDir);
            session.configure(session.policies());
            var out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "analyzer %s, %d resources (%d bytes), %d Analyze threads, load %s%n", jar,
                    resources, stackRequest.getSerializedSize(), threads, loadAverage()));

            // A smaller stack first, so the timed ones do not pay for the JIT.
            stub(session, 600).analyzeStack(AnalyzeStackRequest.newBuilder().addAllResources(stack.resources().subList(0, Math.min(2000, resources))).build());

            long start = System.nanoTime();
            var alone = stub(session, 600).analyzeStack(stackRequest);
            out.append(String.format(Locale.ROOT, "AnalyzeStack alone:            %9.0f ms (%d diagnostics)%n", (System.nanoTime() - start) / 1e6,
                    alone.getDiagnosticsCount()));

            underLoad(session, stackRequest, analyzeRequests, threads, out);
            cancel(session, stackRequest, out);
            disconnect(plugin, stackRequest, out);
            out.append(String.format(Locale.ROOT, "peak RSS of the analyzer:      %9.0f MiB%n", plugin.peakRssMiB()));
            System.out.print(out);
        }
    }

    private static List<String> with(List<String> command, String arg) {
        var out = new ArrayList<>(command);
        out.add(arg);
        return out;
    }

    private static AnalyzerGrpc.AnalyzerBlockingStub stub(AnalyzerSession session, int seconds) {
        return AnalyzerGrpc.newBlockingStub(session.channel()).withDeadlineAfter(seconds, TimeUnit.SECONDS);
    }

    /** The AnalyzeStack while {@code threads} threads send Analyze calls (the engine's 30 s deadline each) until it ends. */
    private static void underLoad(AnalyzerSession session, AnalyzeStackRequest stackRequest, List<AnalyzeRequest> requests, int threads,
                                  StringBuilder out) throws Exception {
        var done = new AtomicBoolean();
        var next = new AtomicInteger();
        var missed = new AtomicInteger();
        var latencies = new ArrayList<long[]>();
        var pool = Executors.newFixedThreadPool(threads);
        var workers = new ArrayList<java.util.concurrent.Future<?>>();
        for (int t = 0; t < threads; t++) {
            var mine = new long[1 << 16];
            latencies.add(mine);
            workers.add(pool.submit(() -> {
                int n = 0;
                while (!done.get() && n < mine.length - 1) {
                    var request = requests.get(Math.floorMod(next.getAndIncrement(), requests.size()));
                    long t0 = System.nanoTime();
                    try {
                        AnalyzerGrpc.newBlockingStub(session.channel()).withDeadlineAfter(30, TimeUnit.SECONDS).analyze(request);
                    } catch (StatusRuntimeException e) {
                        missed.incrementAndGet();
                    }
                    mine[++n] = System.nanoTime() - t0;
                }
                mine[0] = n;
                return null;
            }));
        }
        long start = System.nanoTime();
        var response = stub(session, 600).analyzeStack(stackRequest);
        long stackNanos = System.nanoTime() - start;
        done.set(true);
        for (var w : workers) {
            w.get();
        }
        pool.shutdownNow();
        var all = new ArrayList<Long>();
        for (var l : latencies) {
            for (int i = 1; i <= l[0]; i++) {
                all.add(l[i]);
            }
        }
        var sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        out.append(String.format(Locale.ROOT, "AnalyzeStack under Analyze load:%8.0f ms (%d diagnostics)%n", stackNanos / 1e6,
                response.getDiagnosticsCount()));
        out.append(String.format(Locale.ROOT, "Analyze calls during it:       %9d (p50 %.1f ms, p99 %.1f ms, max %.1f ms; %d failed or missed the 30 s deadline)%n",
                sorted.length, pct(sorted, 50), pct(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, missed.get()));
    }

    /** Cancel sent one second into an AnalyzeStack: how long Cancel takes to answer, and how long until the stack ends. */
    private static void cancel(AnalyzerSession session, AnalyzeStackRequest stackRequest, StringBuilder out) throws Exception {
        var running = AnalyzerGrpc.newFutureStub(session.channel()).withDeadlineAfter(600, TimeUnit.SECONDS).analyzeStack(stackRequest);
        Thread.sleep(1000);
        long sent = System.nanoTime();
        stub(session, 600).cancel(Empty.getDefaultInstance());
        long answered = System.nanoTime();
        String outcome;
        try {
            AnalyzeResponse r = running.get();
            outcome = "completed with " + r.getDiagnosticsCount() + " diagnostics";
        } catch (ExecutionException e) {
            outcome = e.getCause() instanceof StatusRuntimeException
                    ? ((StatusRuntimeException) e.getCause()).getStatus().getCode().toString() : e.getCause().toString();
        }
        long ended = System.nanoTime();
        out.append(String.format(Locale.ROOT, "Cancel, 1 s into AnalyzeStack: answered in %.1f ms; the stack ended %.0f ms after it was sent (%s)%n",
                (answered - sent) / 1e6, (ended - sent) / 1e6, outcome));
    }

    /** The client of a running AnalyzeStack goes away one second in: the CPU the analyzer spends in the next two seconds. */
    private static void disconnect(AnalyzerPlugin plugin, AnalyzeStackRequest stackRequest, StringBuilder out) throws Exception {
        var channel = io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder.forAddress("127.0.0.1", plugin.port()).usePlaintext().build();
        AnalyzerGrpc.newFutureStub(channel).analyzeStack(stackRequest);
        Thread.sleep(1000);
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        Thread.sleep(200);
        long cpu = plugin.cpuNanos();
        Thread.sleep(2000);
        out.append(String.format(Locale.ROOT, "CPU in the 2 s after a client of a running AnalyzeStack went away: %.0f ms%n",
                (plugin.cpuNanos() - cpu) / 1e6));
    }

    private static double pct(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    private static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split("\\s+"), 3));
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
