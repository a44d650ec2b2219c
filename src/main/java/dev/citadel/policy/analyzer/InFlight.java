package dev.citadel.policy.analyzer;

import io.grpc.Context;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Which running analyses should stop: those started before the engine's last Cancel, and those whose
 * client went away (gRPC cancels the call's context on disconnect and on an expired deadline). Work for a
 * disconnected client used to keep a core busy until a whole stack was done.
 */
final class InFlight {
    private final AtomicLong cancels = new AtomicLong();

    /** For a call starting now, on the thread that runs it (where its gRPC context is current). */
    BooleanSupplier token() {
        long at = cancels.get();
        var context = Context.current();
        return () -> cancels.get() != at || context.isCancelled();
    }

    void cancelAll() {
        cancels.incrementAndGet();
    }
}
