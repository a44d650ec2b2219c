package dev.citadel.policy.bench;

import com.google.protobuf.Empty;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import pulumirpc.AnalyzerGrpc;
import pulumirpc.AnalyzerOuterClass.AnalyzeDiagnostic;
import pulumirpc.AnalyzerOuterClass.AnalyzeResponse;
import pulumirpc.AnalyzerOuterClass.AnalyzerHandshakeRequest;
import pulumirpc.AnalyzerOuterClass.AnalyzerInfo;
import pulumirpc.AnalyzerOuterClass.AnalyzerStackConfigureRequest;
import pulumirpc.AnalyzerOuterClass.ConfigureAnalyzerRequest;
import pulumirpc.AnalyzerOuterClass.EnforcementLevel;
import pulumirpc.AnalyzerOuterClass.PolicyConfig;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The engine's side of a conversation with one analyzer plugin, in the order the CLI has it: Handshake,
 * ConfigureStack, GetAnalyzerInfo, Configure; then Analyze per resource and AnalyzeStack once. Requests
 * are serialized before the clock starts (the engine's marshalling is not the analyzer's cost), so a
 * timed call is the wire plus the analyzer's work plus reading its answer.
 */
final class AnalyzerSession implements AutoCloseable {
    /** A request already serialized; the response parsed as usual. */
    private static final MethodDescriptor.Marshaller<byte[]> RAW = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    private static final MethodDescriptor.Marshaller<AnalyzeResponse> RESPONSE = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(AnalyzeResponse value) {
            return value.toByteString().newInput();
        }

        @Override
        public AnalyzeResponse parse(InputStream stream) {
            try {
                return AnalyzeResponse.parseFrom(stream);
            } catch (InvalidProtocolBufferException e) {
                throw Status.INTERNAL.withDescription("bad AnalyzeResponse").withCause(e).asRuntimeException();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    private static final MethodDescriptor<byte[], AnalyzeResponse> ANALYZE =
            AnalyzerGrpc.getAnalyzeMethod().toBuilder(RAW, RESPONSE).build();
    private static final MethodDescriptor<byte[], AnalyzeResponse> ANALYZE_STACK =
            AnalyzerGrpc.getAnalyzeStackMethod().toBuilder(RAW, RESPONSE).build();

    private final AnalyzerPlugin plugin;
    private final ManagedChannel channel;
    private final AnalyzerGrpc.AnalyzerBlockingStub stub;
    private AnalyzerInfo info;
    private boolean handshakeImplemented;

    AnalyzerSession(AnalyzerPlugin plugin) {
        this.plugin = plugin;
        channel = NettyChannelBuilder.forAddress("127.0.0.1", plugin.port())
                .usePlaintext()
                .maxInboundMessageSize(400 * 1024 * 1024)
                .build();
        stub = AnalyzerGrpc.newBlockingStub(channel);
    }

    /** Handshake (optional for analyzers: the CLI falls back when it is unimplemented), ConfigureStack, GetAnalyzerInfo. */
    AnalyzerInfo start(String engineAddress, Path packDir) {
        try {
            stub.handshake(AnalyzerHandshakeRequest.newBuilder()
                    .setEngineAddress(engineAddress)
                    .setRootDirectory(packDir.toString())
                    .setProgramDirectory(packDir.toString())
                    .build());
            handshakeImplemented = true;
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
                throw e;
            }
        }
        stub.configureStack(AnalyzerStackConfigureRequest.newBuilder()
                .setStack(BenchResources.STACK)
                .setProject(BenchResources.PROJECT)
                .setOrganization("citadel")
                .setDryRun(true)
                .putTags("pulumi:project", BenchResources.PROJECT)
                .build());
        stub.getPluginInfo(Empty.getDefaultInstance());
        info = stub.getAnalyzerInfo(Empty.getDefaultInstance());
        return info;
    }

    ManagedChannel channel() {
        return channel;
    }

    boolean handshakeImplemented() {
        return handshakeImplemented;
    }

    /** The pack's policy ids. */
    List<String> policies() {
        var ids = new ArrayList<String>();
        info.getPoliciesList().forEach(p -> ids.add(p.getName()));
        return ids;
    }

    /**
     * Policy config as the CLI sends it, one entry per policy of the pack: the wanted ones at their default
     * level (advisory if that default is disabled), every other one disabled.
     *
     * @return the wanted ids this pack has, i.e. the policies that run
     */
    List<String> configure(Collection<String> wanted) {
        var request = ConfigureAnalyzerRequest.newBuilder();
        var running = new TreeSet<String>();
        for (var p : info.getPoliciesList()) {
            var level = EnforcementLevel.DISABLED;
            if (wanted.contains(p.getName())) {
                level = p.getEnforcementLevel() == EnforcementLevel.DISABLED ? EnforcementLevel.ADVISORY : p.getEnforcementLevel();
                running.add(p.getName());
            }
            request.putPolicyConfig(p.getName(), PolicyConfig.newBuilder()
                    .setEnforcementLevel(level)
                    .setProperties(Struct.getDefaultInstance())
                    .build());
        }
        stub.configure(request.build());
        return List.copyOf(running);
    }

    /** One timed AnalyzeStack call. */
    Timed analyzeStack(byte[] request) {
        long cpu = plugin.cpuNanos();
        long start = System.nanoTime();
        var response = ClientCalls.blockingUnaryCall(channel, ANALYZE_STACK, CallOptions.DEFAULT, request);
        long elapsed = System.nanoTime() - start;
        return new Timed(elapsed, plugin.cpuNanos() - cpu, new long[]{elapsed}, response.getDiagnosticsList());
    }

    /** One Analyze call per resource, one after another; the total and each call's latency. */
    Timed analyzeEach(List<byte[]> requests) {
        var latencies = new long[requests.size()];
        var diagnostics = new ArrayList<AnalyzeDiagnostic>();
        long cpu = plugin.cpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < requests.size(); i++) {
            long t = System.nanoTime();
            var response = ClientCalls.blockingUnaryCall(channel, ANALYZE, CallOptions.DEFAULT, requests.get(i));
            latencies[i] = System.nanoTime() - t;
            diagnostics.addAll(response.getDiagnosticsList());
        }
        long elapsed = System.nanoTime() - start;
        return new Timed(elapsed, plugin.cpuNanos() - cpu, latencies, diagnostics);
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /**
     * A timed call (or series of calls): wall time, the CPU time the analyzer process spent meanwhile (all its
     * threads: request handling, GC, JIT), each call's latency, and the diagnostics returned.
     */
    record Timed(long nanos, long cpuNanos, long[] latencies, List<AnalyzeDiagnostic> diagnostics) {
        double millis() {
            return nanos / 1e6;
        }

        double cpuMillis() {
            return cpuNanos / 1e6;
        }

        /**
         * Per policy: {violations, undecidable}. A finding is "undecidable" when the policy could not decide
         * because a deciding value is unknown until deployment: the Java pack says "not known until
         * deployment", @pulumi/policy says "can't run policy ... during preview".
         */
        Map<String, int[]> tally() {
            var out = new TreeMap<String, int[]>();
            for (var d : diagnostics) {
                var counts = out.computeIfAbsent(d.getPolicyName(), k -> new int[2]);
                var message = d.getMessage();
                boolean undecidable = message.contains("not known until deployment") || message.contains("during preview");
                counts[undecidable ? 1 : 0]++;
            }
            return out;
        }
    }
}
