package dev.citadel.policy.analyzer;

import com.google.protobuf.Empty;
import dev.citadel.policy.bench.BenchResources;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pulumirpc.AnalyzerGrpc;
import pulumirpc.AnalyzerOuterClass.AnalyzeRequest;
import pulumirpc.AnalyzerOuterClass.AnalyzeResponse;
import pulumirpc.AnalyzerOuterClass.AnalyzeStackRequest;
import pulumirpc.AnalyzerOuterClass.ConfigureAnalyzerRequest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pack launched as the CLI launches it, driven as a preview drives it: Analyze from many threads while
 * an AnalyzeStack of 20,000 resources runs, and Cancel. Calls used to run on the connection's one network
 * thread, so Analyze waited for the whole stack and Cancel answered only when the stack was done.
 */
class AnalyzerConcurrencyIT {
    static LaunchedPack pack;
    static BenchResources stack;

    @BeforeAll
    static void launch() throws Exception {
        pack = LaunchedPack.launch();
        pack.stub().configure(ConfigureAnalyzerRequest.getDefaultInstance());
        stack = BenchResources.generate(20_000, 25);
    }

    @AfterAll
    static void stop() throws Exception {
        pack.close();
    }

    static AnalyzeStackRequest stackRequest() {
        return AnalyzeStackRequest.newBuilder().addAllResources(stack.resources()).build();
    }

    /**
     * No Analyze call waits for the stack: the slowest one made during it takes less than half the stack's
     * time (on the connection's one network thread, one of them waited for nearly all of it).
     */
    @Test
    void analyzeIsAnsweredWhileAnAnalyzeStackOf20000ResourcesRuns() throws Exception {
        long start = System.nanoTime();
        var running = AnalyzerGrpc.newFutureStub(pack.channel).withDeadlineAfter(120, TimeUnit.SECONDS).analyzeStack(stackRequest());
        var request = BenchResources.analyzeRequest(stack.resources().get(0));
        int answeredMeanwhile = 0;
        long slowest = 0;
        while (!running.isDone()) {
            long t = System.nanoTime();
            pack.stub().analyze(request);
            slowest = Math.max(slowest, System.nanoTime() - t);
            answeredMeanwhile += running.isDone() ? 0 : 1;
        }
        running.get();
        long stackNanos = System.nanoTime() - start;
        assertThat(answeredMeanwhile).as("Analyze calls answered before the AnalyzeStack was").isPositive();
        assertThat(slowest).as("the slowest Analyze call (ns), against the AnalyzeStack's %d ms", stackNanos / 1_000_000)
                .isLessThan(stackNanos / 2);
    }

    /** Cancel is advisory and answers at once; the running stack ends CANCELLED instead of running to its end. */
    @Test
    void cancelEndsARunningAnalyzeStack() throws Exception {
        var running = AnalyzerGrpc.newFutureStub(pack.channel).withDeadlineAfter(120, TimeUnit.SECONDS).analyzeStack(stackRequest());
        // Sent until the stack ends: a Cancel that arrives before the stack starts has nothing to end yet.
        while (!running.isDone()) {
            pack.stub().withDeadlineAfter(5, TimeUnit.SECONDS).cancel(Empty.getDefaultInstance());
            Thread.sleep(100);
        }
        var outcome = catchCall(running);
        assertThat(outcome).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.CANCELLED));
        assertThat(pack.stub().analyze(BenchResources.analyzeRequest(stack.resources().get(1))))
                .as("calls after the Cancel are served").isNotNull();
    }

    @Test
    void twentyThousandAnalyzeCallsFrom32ThreadsAnswerByteIdenticallyToTheSameCallsOneByOne() throws Exception {
        var requests = new ArrayList<AnalyzeRequest>();
        stack.resources().forEach(r -> requests.add(BenchResources.analyzeRequest(r)));
        var sequential = new byte[requests.size()][];
        for (int i = 0; i < requests.size(); i++) {
            sequential[i] = pack.stub().analyze(requests.get(i)).toByteArray();
        }
        var concurrent = new byte[requests.size()][];
        var next = new AtomicInteger();
        var pool = Executors.newFixedThreadPool(32);
        try {
            var workers = new ArrayList<Future<?>>();
            for (int t = 0; t < 32; t++) {
                workers.add(pool.submit(() -> {
                    var stub = AnalyzerGrpc.newBlockingStub(pack.channel).withDeadlineAfter(300, TimeUnit.SECONDS);
                    for (int i = next.getAndIncrement(); i < requests.size(); i = next.getAndIncrement()) {
                        concurrent[i] = stub.analyze(requests.get(i)).toByteArray();
                    }
                }));
            }
            for (var w : workers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
        int flagged = 0;
        for (int i = 0; i < requests.size(); i++) {
            assertThat(Arrays.equals(concurrent[i], sequential[i])).as("answer to %s", requests.get(i).getUrn()).isTrue();
            flagged += AnalyzeResponse.parseFrom(sequential[i]).getDiagnosticsCount() > 0 ? 1 : 0;
        }
        assertThat(flagged).as("resources with diagnostics (the planted ones)").isGreaterThan(1000);
    }

    private static Throwable catchCall(Future<?> call) throws InterruptedException {
        try {
            call.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

}
