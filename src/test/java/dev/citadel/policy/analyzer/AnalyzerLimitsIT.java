package dev.citadel.policy.analyzer;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Empty;
import com.google.protobuf.WireFormat;
import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import pulumirpc.AnalyzerGrpc;
import java.util.concurrent.TimeUnit;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pulumirpc.AnalyzerOuterClass.AnalyzeRequest;
import pulumirpc.AnalyzerOuterClass.AnalyzeStackRequest;
import pulumirpc.AnalyzerOuterClass.AnalyzerResource;
import pulumirpc.AnalyzerOuterClass.AnalyzerStackConfigureRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Values nested 10,000 levels deep, in a resource and in a stack's policy config: each is refused with one
 * INVALID_ARGUMENT naming the limit (it was UNKNOWN with an empty message, a stack overflow in the
 * decoder), and the pack keeps answering.
 */
class AnalyzerLimitsIT {
    static final String TYPE = "kubernetes:core/v1:ConfigMap";
    static final String URN = "urn:pulumi:homelab::citadel::" + TYPE + "::deep";
    static LaunchedPack pack;

    @BeforeAll
    static void launch() throws Exception {
        pack = LaunchedPack.launch();
    }

    @AfterAll
    static void stop() throws Exception {
        pack.close();
    }

    static Struct deep(int levels) {
        var value = Value.newBuilder().setStringValue("bottom").build();
        for (int i = 0; i < levels; i++) {
            value = Value.newBuilder().setStructValue(Struct.newBuilder().putFields("d", value)).build();
        }
        return Struct.newBuilder().putFields("apiVersion", Value.newBuilder().setStringValue("v1").build())
                .putFields("kind", Value.newBuilder().setStringValue("ConfigMap").build()).putFields("data", value).build();
    }

    /**
     * Properties {@code {data: {d: {d: ... "bottom"}}}}, {@code levels} deep, as wire bytes: protobuf-java
     * cannot serialize a message that deep (it recurses), the engine's Go marshaller can.
     */
    static ByteString deepProperties(int levels) {
        var value = field(3, ByteString.copyFromUtf8("bottom"));
        for (int i = 0; i < levels; i++) {
            value = field(5, field(1, field(1, ByteString.copyFromUtf8("d")).concat(field(2, value))));
        }
        return field(1, field(1, ByteString.copyFromUtf8("data")).concat(field(2, value)));
    }

    /** A length-delimited field: tag, length, bytes (ByteString.concat does not copy). */
    static ByteString field(int number, ByteString bytes) {
        var head = ByteString.newOutput();
        try {
            var out = CodedOutputStream.newInstance(head);
            out.writeTag(number, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(bytes.size());
            out.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return head.toByteString().concat(bytes);
    }

    static byte[] call(MethodDescriptor<?, ?> method, ByteString request) {
        var raw = MethodDescriptor.<byte[], byte[]>newBuilder(BYTES, BYTES).setType(method.getType())
                .setFullMethodName(method.getFullMethodName()).build();
        return ClientCalls.blockingUnaryCall(pack.channel, raw, CallOptions.DEFAULT.withDeadlineAfter(60, TimeUnit.SECONDS),
                request.toByteArray());
    }

    static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public java.io.InputStream stream(byte[] value) {
            return new java.io.ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(java.io.InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    };

    @Test
    void aResourceNested10000LevelsDeepIsOneCleanInvalidArgumentNamingTheLimit() {
        var properties = deepProperties(10_000);
        var analyze = AnalyzeRequest.newBuilder().setUrn(URN).setType(TYPE).setName("deep").build().toByteString()
                .concat(field(AnalyzeRequest.PROPERTIES_FIELD_NUMBER, properties));
        assertRefusedNamingTheLimit(() -> call(AnalyzerGrpc.getAnalyzeMethod(), analyze));
        var resource = AnalyzerResource.newBuilder().setUrn(URN).setType(TYPE).setName("deep").build().toByteString()
                .concat(field(AnalyzerResource.PROPERTIES_FIELD_NUMBER, properties));
        assertRefusedNamingTheLimit(() -> call(AnalyzerGrpc.getAnalyzeStackMethod(),
                field(AnalyzeStackRequest.RESOURCES_FIELD_NUMBER, resource)));
        assertThat(pack.stub().analyze(AnalyzeRequest.newBuilder().setUrn(URN).setType(TYPE).setName("deep")
                .setProperties(deep(100)).build()).getDiagnosticsList()).as("100 levels are still judged").isEmpty();
        assertThat(pack.stub().getPluginInfo(Empty.getDefaultInstance()).getVersion()).as("the pack still answers").isNotBlank();
    }

    @Test
    void aStackConfigNested10000LevelsDeepIsOneCleanInvalidArgumentNamingTheLimit() {
        var json = "{\"no-image-downgrade\": {\"floors\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}}";
        assertThatThrownBy(() -> pack.stub().configureStack(AnalyzerStackConfigureRequest.newBuilder().setStack("homelab")
                .setProject("citadel").putConfig("citadel:policies", json).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("citadel:policies", "deeper than 256 levels");
                });
        assertThat(pack.stub().getPluginInfo(Empty.getDefaultInstance()).getVersion()).as("the pack still answers").isNotBlank();
    }

    private static void assertRefusedNamingTheLimit(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).contains("deeper than 256 levels");
        });
    }
}
