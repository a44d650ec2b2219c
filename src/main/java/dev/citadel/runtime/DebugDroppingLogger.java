package dev.citadel.runtime;

import com.pulumi.deployment.internal.EngineLogger;
import com.pulumi.resources.Resource;

import javax.annotation.Nullable;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;

/**
 * The SDK's engine logger for an offline preview, without its debug messages. The SDK logs several debug lines per
 * resource (one carries the whole registration request) and sends each to the engine as a task chained
 * after the previous one; offline there is no engine to read them ({@code MockEngine} keeps only errors),
 * so they are dropped here. Info, warnings and errors go to the SDK's logger unchanged.
 */
final class DebugDroppingLogger implements EngineLogger {
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final EngineLogger delegate;

    DebugDroppingLogger(EngineLogger delegate) {
        this.delegate = delegate;
    }

    @Override
    public CompletableFuture<Void> logAsync(Level level, String message, @Nullable Resource resource,
                                            @Nullable Integer streamId, @Nullable Boolean ephemeral) {
        if (level.intValue() < Level.INFO.intValue()) {
            return DONE;
        }
        return delegate.logAsync(level, message, resource, streamId, ephemeral);
    }

    @Override
    public CompletableFuture<Void> debugAsync(String message, @Nullable Resource resource,
                                              @Nullable Integer streamId, @Nullable Boolean ephemeral) {
        return DONE;
    }

    @Override
    public CompletableFuture<Void> infoAsync(String message, @Nullable Resource resource,
                                             @Nullable Integer streamId, @Nullable Boolean ephemeral) {
        return delegate.infoAsync(message, resource, streamId, ephemeral);
    }

    @Override
    public CompletableFuture<Void> warnAsync(String message, @Nullable Resource resource,
                                             @Nullable Integer streamId, @Nullable Boolean ephemeral) {
        return delegate.warnAsync(message, resource, streamId, ephemeral);
    }

    @Override
    public CompletableFuture<Void> errorAsync(String message, @Nullable Resource resource,
                                              @Nullable Integer streamId, @Nullable Boolean ephemeral) {
        return delegate.errorAsync(message, resource, streamId, ephemeral);
    }

    @Override
    public int getErrorCount() {
        return delegate.getErrorCount();
    }

    @Override
    public boolean hasLoggedErrors() {
        return delegate.hasLoggedErrors();
    }
}
