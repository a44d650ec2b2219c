package dev.citadel.runtime;

import com.google.gson.Gson;
import com.google.protobuf.Empty;
import com.google.protobuf.Struct;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.util.internal.logging.InternalLoggerFactory;
import io.grpc.netty.shaded.io.netty.util.internal.logging.JdkLoggerFactory;
import io.grpc.stub.StreamObserver;
import pulumirpc.EngineGrpc;
import pulumirpc.EngineOuterClass.GetRootResourceRequest;
import pulumirpc.EngineOuterClass.GetRootResourceResponse;
import pulumirpc.EngineOuterClass.LogRequest;
import pulumirpc.EngineOuterClass.LogSeverity;
import pulumirpc.EngineOuterClass.SetRootResourceRequest;
import pulumirpc.EngineOuterClass.SetRootResourceResponse;
import pulumirpc.Resource.ReadResourceRequest;
import pulumirpc.Resource.ReadResourceResponse;
import pulumirpc.Resource.RegisterResourceOutputsRequest;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;
import pulumirpc.Resource.ResourceInvokeRequest;
import pulumirpc.Resource.SupportsFeatureRequest;
import pulumirpc.Resource.SupportsFeatureResponse;
import pulumirpc.ResourceMonitorGrpc;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs any Pulumi Java program's {@code main} as the Java language host runs it under {@code pulumi preview}: its own
 * JVM on its own classpath, the engine's environment ({@code PULUMI_MONITOR}, {@code PULUMI_CONFIG}, ...), with a
 * loopback resource monitor in this process that hands every registration to a {@link Recorder}.
 * <p>
 * A separate JVM rather than a class loader here: {@code Pulumi.run} ends in {@code System.exit}, the program keeps the
 * Pulumi SDK and Citadel versions its own pom resolved (no two copies of {@code Output} to reconcile), and a program that
 * hangs can be killed at the deadline, which a thread cannot.
 */
public final class HostedProgram {
    /** Error lines kept from the program; a program logging in a loop must not fill this JVM's heap. */
    private static final int MAX_ERRORS = 8;
    private static final int MAX_LINE = 64 * 1024;

    /**
     * @param classpath the program's classpath, as {@code java -cp} takes it
     * @param directory the Pulumi project directory (the program's working directory, as under the CLI)
     */
    public record Launch(String mainClass, String classpath, Path directory, Duration deadline) {
    }

    /**
     * How the program ended.
     *
     * @param errors what it logged at error level (an unhandled exception is logged here by the SDK), first lines first
     * @param output the last of what it printed (a JVM that could not start the program says why there)
     */
    public record Result(boolean timedOut, int exitCode, List<String> errors, String output) {
    }

    private HostedProgram() {
    }

    public static Result run(Launch launch, String project, String stack, Map<String, String> config, Set<String> secretKeys,
                             Recorder recorder) {
        var errors = new ConcurrentLinkedQueue<String>();
        // Netty logs through SLF4J when it finds it, which prints its "no providers" warning into the plan's stderr.
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        Server server;
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(new Monitor(recorder, project, stack))
                    .addService(new Engine(errors))
                    .build().start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1 for the program: " + e.getMessage(), e);
        }
        try {
            return launch(launch, "127.0.0.1:" + server.getPort(), project, stack, config, secretKeys, errors);
        } finally {
            server.shutdownNow();
        }
    }

    private static Result launch(Launch launch, String address, String project, String stack, Map<String, String> config,
                                 Set<String> secretKeys, ConcurrentLinkedQueue<String> errors) {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // A preview is short: C1 and the serial collector start fastest (see cli/Launcher for the figures).
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"));
        if (Runtime.getRuntime().availableProcessors() <= 2) {
            // pulumi-java#2270: one common-pool worker and the SDK can livelock (cli/Main says more).
            command.add("-Djava.util.concurrent.ForkJoinPool.common.parallelism=2");
        }
        command.addAll(List.of("-cp", launch.classpath(), launch.mainClass()));
        var pb = new ProcessBuilder(command).directory(launch.directory().toFile()).redirectErrorStream(true);
        var env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("PULUMI_"));
        env.put("PULUMI_MONITOR", address);
        env.put("PULUMI_ENGINE", address);
        env.put("PULUMI_PROJECT", project);
        env.put("PULUMI_STACK", stack);
        env.put("PULUMI_ORGANIZATION", "organization");
        env.put("PULUMI_DRY_RUN", "true");
        env.put("PULUMI_PARALLEL", "48");
        env.put("PULUMI_ROOT_DIRECTORY", launch.directory().toAbsolutePath().toString());
        env.put("PULUMI_CONFIG", new Gson().toJson(config));
        env.put("PULUMI_CONFIG_SECRET_KEYS", new Gson().toJson(new java.util.TreeSet<>(secretKeys)));
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start java for " + launch.mainClass() + ": " + e.getMessage(), e);
        }
        var output = new AtomicReference<>("");
        var drain = new Thread(() -> output.set(tail(process.getInputStream())), "citadel-program-output");
        drain.setDaemon(true);
        drain.start();
        try {
            if (!process.waitFor(launch.deadline().toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return new Result(true, -1, List.copyOf(errors), "");
            }
            drain.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(true, -1, List.copyOf(errors), "");
        }
        return new Result(false, process.exitValue(), List.copyOf(errors), output.get());
    }

    /** The last few kilobytes of what the program printed, read to the end so it never blocks on a full pipe. */
    private static String tail(InputStream in) {
        var keep = new byte[MAX_LINE];
        int filled = 0;
        var buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (n >= keep.length) {
                    System.arraycopy(buffer, n - keep.length, keep, 0, keep.length);
                    filled = keep.length;
                } else {
                    int shift = Math.max(0, filled + n - keep.length);
                    System.arraycopy(keep, shift, keep, 0, filled - shift);
                    filled -= shift;
                    System.arraycopy(buffer, 0, keep, filled, n);
                    filled += n;
                }
            }
        } catch (IOException e) {
            // The program died mid-write: what was read is what there is.
        }
        return new String(keep, 0, filled, StandardCharsets.UTF_8);
    }

    /** The resource monitor: registrations and reads go to the recorder, as in an offline preview in this JVM. */
    private static final class Monitor extends ResourceMonitorGrpc.ResourceMonitorImplBase {
        private final Recorder recorder;
        private final String project;
        private final String stack;

        Monitor(Recorder recorder, String project, String stack) {
            this.recorder = recorder;
            this.project = project;
            this.stack = stack;
        }

        @Override
        public void supportsFeature(SupportsFeatureRequest request, StreamObserver<SupportsFeatureResponse> response) {
            answer(response, () -> SupportsFeatureResponse.newBuilder().setHasSupport(recorder.supportsFeature(request.getId())).build());
        }

        @Override
        public void registerResource(RegisterResourceRequest request, StreamObserver<RegisterResourceResponse> response) {
            answer(response, () -> recorder.registerResource(urn(request.getParent(), request.getType(), request.getName()), request));
        }

        @Override
        public void readResource(ReadResourceRequest request, StreamObserver<ReadResourceResponse> response) {
            answer(response, () -> recorder.readResource(urn(request.getParent(), request.getType(), request.getName()), request));
        }

        @Override
        public void registerResourceOutputs(RegisterResourceOutputsRequest request, StreamObserver<Empty> response) {
            answer(response, () -> {
                recorder.registerResourceOutputs(request);
                return Empty.getDefaultInstance();
            });
        }

        /** Functions (a provider's {@code get...}) answer nothing, as the offline preview in this JVM does. */
        @Override
        public void invoke(ResourceInvokeRequest request, StreamObserver<pulumirpc.Resource.ResourceInvokeResponse> response) {
            answer(response, () -> pulumirpc.Resource.ResourceInvokeResponse.newBuilder().setReturn(Struct.getDefaultInstance()).build());
        }

        private String urn(String parent, String type, String name) {
            return Urns.of(stack, project, Optional.of(parent), type, name);
        }
    }

    private static final class Engine extends EngineGrpc.EngineImplBase {
        private final ConcurrentLinkedQueue<String> errors;
        private final AtomicReference<String> root = new AtomicReference<>("");

        Engine(ConcurrentLinkedQueue<String> errors) {
            this.errors = errors;
        }

        @Override
        public void log(LogRequest request, StreamObserver<Empty> response) {
            if (request.getSeverity() == LogSeverity.ERROR && errors.size() < MAX_ERRORS) {
                var message = request.getMessage();
                errors.add(message.length() > MAX_LINE ? message.substring(0, MAX_LINE) : message);
            }
            answer(response, Empty::getDefaultInstance);
        }

        @Override
        public void setRootResource(SetRootResourceRequest request, StreamObserver<SetRootResourceResponse> response) {
            root.set(request.getUrn());
            answer(response, SetRootResourceResponse::getDefaultInstance);
        }

        @Override
        public void getRootResource(GetRootResourceRequest request, StreamObserver<GetRootResourceResponse> response) {
            answer(response, () -> GetRootResourceResponse.newBuilder().setUrn(root.get()).build());
        }
    }

    /** A refusal goes back to the program as the engine sends one: a gRPC error with the reason, which the SDK reports. */
    private static <T> void answer(StreamObserver<T> response, Supplier<T> call) {
        T value;
        try {
            value = call.get();
        } catch (RuntimeException e) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        response.onNext(value);
        response.onCompleted();
    }
}
