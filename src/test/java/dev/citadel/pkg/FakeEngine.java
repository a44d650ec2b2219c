package dev.citadel.pkg;

import com.google.protobuf.Empty;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import pulumirpc.EngineGrpc;
import pulumirpc.EngineOuterClass;
import pulumirpc.Resource.RegisterResourceOutputsRequest;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;
import pulumirpc.Resource.SupportsFeatureRequest;
import pulumirpc.Resource.SupportsFeatureResponse;
import pulumirpc.ResourceMonitorGrpc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Pulumi engine's side of a Construct, on loopback: the {@code pulumirpc.Engine} service the plugin is started
 * with, and the {@code ResourceMonitor} Construct registers the component's children with. Each resource is answered
 * as the engine answers an update: its inputs as its state, a RandomPassword's {@code result} as {@link #password}.
 */
final class FakeEngine implements AutoCloseable {
    static final String STACK = "dev";
    static final String PROJECT = "apps";
    /** The program's stack resource: Construct's parent. */
    static final String ROOT = "urn:pulumi:" + STACK + "::" + PROJECT + "::pulumi:pulumi:Stack::" + PROJECT + "-" + STACK;

    final ConcurrentLinkedQueue<RegisterResourceRequest> registered = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<RegisterResourceOutputsRequest> outputs = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<EngineOuterClass.LogRequest> logs = new ConcurrentLinkedQueue<>();
    private final Server server;

    FakeEngine() throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new ResourceMonitorGrpc.ResourceMonitorImplBase() {
                    @Override
                    public void supportsFeature(SupportsFeatureRequest request, StreamObserver<SupportsFeatureResponse> response) {
                        var id = request.getId();
                        response.onNext(SupportsFeatureResponse.newBuilder()
                                .setHasSupport(id.equals("secrets") || id.equals("resourceReferences")).build());
                        response.onCompleted();
                    }

                    @Override
                    public void registerResource(RegisterResourceRequest request, StreamObserver<RegisterResourceResponse> response) {
                        registered.add(request);
                        var state = request.getObject().toBuilder();
                        if (request.getType().equals("random:index/randomPassword:RandomPassword")) {
                            state.putFields("result", Value.newBuilder().setStringValue(password(request.getName())).build());
                        }
                        response.onNext(RegisterResourceResponse.newBuilder().setUrn(urn(request))
                                .setId(request.getCustom() ? request.getName() + "-id" : "")
                                .setObject(request.getCustom() ? state.build() : Struct.getDefaultInstance()).build());
                        response.onCompleted();
                    }

                    @Override
                    public void registerResourceOutputs(RegisterResourceOutputsRequest request, StreamObserver<Empty> response) {
                        outputs.add(request);
                        response.onNext(Empty.getDefaultInstance());
                        response.onCompleted();
                    }
                })
                .addService(new EngineGrpc.EngineImplBase() {
                    @Override
                    public void log(EngineOuterClass.LogRequest request, StreamObserver<Empty> response) {
                        logs.add(request);
                        response.onNext(Empty.getDefaultInstance());
                        response.onCompleted();
                    }

                    @Override
                    public void getRootResource(EngineOuterClass.GetRootResourceRequest request,
                                                StreamObserver<EngineOuterClass.GetRootResourceResponse> response) {
                        response.onNext(EngineOuterClass.GetRootResourceResponse.newBuilder().setUrn(ROOT).build());
                        response.onCompleted();
                    }

                    @Override
                    public void setRootResource(EngineOuterClass.SetRootResourceRequest request,
                                                StreamObserver<EngineOuterClass.SetRootResourceResponse> response) {
                        response.onNext(EngineOuterClass.SetRootResourceResponse.getDefaultInstance());
                        response.onCompleted();
                    }
                })
                .build().start();
    }

    /** The value the engine's random provider "generated" for a password (the mocks run answers the same). */
    static String password(String name) {
        return "generated-" + name;
    }

    private static String urn(RegisterResourceRequest request) {
        var parent = request.getParent();
        var parentType = parent.isEmpty() || parent.equals(ROOT) ? "" : parent.split("::")[2] + "$";
        return "urn:pulumi:" + STACK + "::" + PROJECT + "::" + parentType + request.getType() + "::" + request.getName();
    }

    String address() {
        return "127.0.0.1:" + server.getPort();
    }

    List<RegisterResourceRequest> registrations() {
        return List.copyOf(registered);
    }

    void clear() {
        registered.clear();
        outputs.clear();
        logs.clear();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
