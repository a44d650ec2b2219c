package dev.citadel.policy.analyzer;

import dev.citadel.policy.rules.PolicyPack;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.util.internal.logging.InternalLoggerFactory;
import io.grpc.netty.shaded.io.netty.util.internal.logging.JdkLoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The policy pack as an analyzer plugin process: serves {@code pulumirpc.Analyzer} on a free loopback
 * port and prints that port as the first line of stdout — the contract by which the Pulumi CLI finds
 * every plugin it launches. Runs until the CLI kills it (or closes the process).
 */
public final class AnalyzerServer {
    private final Server server;

    private AnalyzerServer(Server server) {
        this.server = server;
    }

    public static AnalyzerServer start() throws IOException {
        // Netty would pick up the SLF4J API (on the classpath for the Pulumi SDK, with no binding) and
        // print binding warnings into the CLI's output; plain JDK logging is quiet.
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        var threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads, task -> {
            var thread = new Thread(task, "citadel-analyzer");
            thread.setDaemon(true);
            return thread;
        });
        var analyzer = new CitadelAnalyzer(PolicyPack.policies());
        var server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(io.grpc.ServerInterceptors.intercept(BoundedRequests.of(analyzer), analyzer.inFlight()))
                // Calls run on a pool, not on the transport thread that read them: with directExecutor every
                // call of a connection ran on its one event-loop thread, so Analyze calls queued behind a long
                // AnalyzeStack (31 of 1,623 hit the engine's 30 s deadline) and Cancel could not be read.
                .executor(pool)
                // The engine sends whole stacks in AnalyzeStack; the default 4 MiB is too small for large ones.
                .maxInboundMessageSize(256 * 1024 * 1024)
                .build()
                .start();
        return new AnalyzerServer(server);
    }

    public int port() {
        return server.getPort();
    }

    public void stop() throws InterruptedException {
        server.shutdown().awaitTermination(5, TimeUnit.SECONDS);
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /** Entry point of the plugin process: the arguments the CLI passes (engine address, pack path) are not needed. */
    public static void main(String[] args) throws Exception {
        var analyzer = start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                analyzer.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        System.out.println(analyzer.port());
        System.out.flush();
        analyzer.awaitTermination();
    }
}
