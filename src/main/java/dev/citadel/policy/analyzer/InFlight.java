package dev.citadel.policy.analyzer;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Which running analyses should stop: those whose call began before the engine's last Cancel, and those
 * whose client went away (gRPC cancels the call's context on disconnect and on an expired deadline). Work
 * for a disconnected client used to keep a core busy until a whole stack was done. A call begins when its
 * headers arrive: a Cancel sent while a 35 MB AnalyzeStack is still being received ends it too.
 */
final class InFlight implements ServerInterceptor {
    private static final Context.Key<Long> CANCELS_AT_START = Context.key("citadel-cancels-at-start");
    private final AtomicLong cancels = new AtomicLong();

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        return Contexts.interceptCall(Context.current().withValue(CANCELS_AT_START, cancels.get()), call, headers, next);
    }

    /** For a call being handled now, on the thread that runs it (where its gRPC context is current). */
    BooleanSupplier token() {
        var atStart = CANCELS_AT_START.get();
        long at = atStart != null ? atStart : cancels.get();
        var context = Context.current();
        return () -> cancels.get() != at || context.isCancelled();
    }

    void cancelAll() {
        cancels.incrementAndGet();
    }
}
