package dev.citadel.policy.analyzer;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import dev.citadel.value.PropDecoder;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import pulumirpc.AnalyzerGrpc;
import pulumirpc.AnalyzerOuterClass;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The analyzer service with the requests that carry property values (Analyze, AnalyzeStack, Configure,
 * ConfigureStack) parsed here rather than by gRPC, so that one nested past the limit is refused with a
 * clean INVALID_ARGUMENT naming it. Parsed by gRPC, a resource nested 10,000 levels deep failed as UNKNOWN
 * with an empty message.
 */
final class BoundedRequests {
    /** Value, Struct and map entry: three protobuf messages per level of a property value, plus the request's own. */
    static final int RECURSION_LIMIT = 3 * PropDecoder.MAX_DEPTH + 16;

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
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

    private BoundedRequests() {
    }

    static ServerServiceDefinition of(CitadelAnalyzer analyzer) {
        var builder = ServerServiceDefinition.builder(AnalyzerGrpc.SERVICE_NAME);
        builder.addMethod(bounded(AnalyzerGrpc.getAnalyzeMethod(), AnalyzerOuterClass.AnalyzeRequest.parser(), analyzer.inFlight(), analyzer::analyze));
        builder.addMethod(bounded(AnalyzerGrpc.getAnalyzeStackMethod(), AnalyzerOuterClass.AnalyzeStackRequest.parser(), analyzer.inFlight(), analyzer::analyzeStack));
        builder.addMethod(bounded(AnalyzerGrpc.getConfigureMethod(), AnalyzerOuterClass.ConfigureAnalyzerRequest.parser(), analyzer.inFlight(), analyzer::configure));
        builder.addMethod(bounded(AnalyzerGrpc.getConfigureStackMethod(), AnalyzerOuterClass.AnalyzerStackConfigureRequest.parser(),
                analyzer.inFlight(), analyzer::configureStack));
        var replaced = Set.of(AnalyzerGrpc.getAnalyzeMethod().getFullMethodName(), AnalyzerGrpc.getAnalyzeStackMethod().getFullMethodName(),
                AnalyzerGrpc.getConfigureMethod().getFullMethodName(), AnalyzerGrpc.getConfigureStackMethod().getFullMethodName());
        for (var method : analyzer.bindService().getMethods()) {
            if (!replaced.contains(method.getMethodDescriptor().getFullMethodName())) {
                builder.addMethod(method);
            }
        }
        return builder.build();
    }

    private static <Q, R> io.grpc.ServerMethodDefinition<byte[], R> bounded(MethodDescriptor<Q, R> method, Parser<Q> parser,
                                                                           InFlight inFlight, BiConsumer<Q, StreamObserver<R>> call) {
        var raw = method.toBuilder(BYTES, method.getResponseMarshaller()).build();
        return io.grpc.ServerMethodDefinition.create(raw, ServerCalls.asyncUnaryCall((bytes, response) -> {
            if (inFlight.token().getAsBoolean()) {
                // Cancelled while it was still arriving: not even parsed (35 MB take seconds on a busy machine).
                response.onError(Status.CANCELLED.withDescription("the engine cancelled this call before it was read").asRuntimeException());
                return;
            }
            Q request;
            try {
                var in = CodedInputStream.newInstance(bytes);
                in.setRecursionLimit(RECURSION_LIMIT);
                request = parser.parseFrom(in);
            } catch (InvalidProtocolBufferException e) {
                var tooDeep = e.getMessage() != null && e.getMessage().contains("too many levels of nesting");
                response.onError(Status.INVALID_ARGUMENT.withDescription(tooDeep
                        ? "the request's values nest deeper than " + PropDecoder.MAX_DEPTH + " levels, the policy pack's limit for a value"
                        : "the request is not a valid " + method.getBareMethodName() + " request").asRuntimeException());
                return;
            }
            call.accept(request, response);
        }));
    }
}
