package dev.citadel.policy.bench;

import com.google.protobuf.Empty;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import pulumirpc.EngineGrpc;
import pulumirpc.EngineOuterClass.GetRootResourceRequest;
import pulumirpc.EngineOuterClass.GetRootResourceResponse;
import pulumirpc.EngineOuterClass.LogRequest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine end of the plugin protocol, as little of it as an analyzer may call: the CLI passes every
 * plugin the address of its {@code pulumirpc.Engine} service, and a plugin may log through it. Neither
 * analyzer under benchmark calls it (the Java one ignores the address; run-policy-pack drops it), but
 * the address handed over is a live one, and any log call is counted and reported.
 */
final class EngineStub implements AutoCloseable {
    private final Server server;
    private final AtomicInteger logs = new AtomicInteger();

    EngineStub() throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new EngineGrpc.EngineImplBase() {
                    @Override
                    public void log(LogRequest request, StreamObserver<Empty> response) {
                        logs.incrementAndGet();
                        response.onNext(Empty.getDefaultInstance());
                        response.onCompleted();
                    }

                    @Override
                    public void getRootResource(GetRootResourceRequest request, StreamObserver<GetRootResourceResponse> response) {
                        response.onNext(GetRootResourceResponse.newBuilder()
                                .setUrn("urn:pulumi:" + BenchResources.STACK + "::" + BenchResources.PROJECT
                                        + "::pulumi:pulumi:Stack::" + BenchResources.PROJECT + "-" + BenchResources.STACK)
                                .build());
                        response.onCompleted();
                    }
                })
                .build()
                .start();
    }

    String address() {
        return "127.0.0.1:" + server.getPort();
    }

    int logCalls() {
        return logs.get();
    }

    /**
     * Runs the harness's own gRPC client path (channel, blocking unary calls, Netty) hot before anything is
     * timed, so that the analyzer measured first does not pay for warming up the harness. Log calls made
     * here are not counted.
     */
    void warmUpClient(int calls) throws InterruptedException {
        var channel = io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
                .usePlaintext().build();
        try {
            var stub = EngineGrpc.newBlockingStub(channel);
            var request = LogRequest.newBuilder().setMessage("x".repeat(2000)).setUrn("urn:pulumi:bench::citadel::warm-up").build();
            for (int i = 0; i < calls; i++) {
                stub.log(request);
            }
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        logs.addAndGet(-calls);
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
