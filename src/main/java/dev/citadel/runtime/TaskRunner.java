package dev.citadel.runtime;

import com.pulumi.core.internal.ContextAwareCompletableFuture;
import com.pulumi.core.internal.Internal;
import com.pulumi.deployment.internal.EngineLogger;
import com.pulumi.deployment.internal.Runner;
import com.pulumi.exceptions.ResourceException;
import com.pulumi.exceptions.RunException;
import com.pulumi.resources.Resource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * Waits for a program's fire-and-forget tasks the way the SDK's runner does, without its cost. The
 * SDK's runner (1.36.1) polls its task map in a loop that reschedules itself on the common pool and
 * formats the whole map into a debug string on every turn — even with debug logging off — which is
 * quadratic in the number of resources and, on a 2-core machine (common-pool parallelism 1), competes
 * with the program itself: 2,000 resources took ~8 s. Here completion is event-driven: the runner
 * waits on the tasks themselves and stops at the first failure, as the SDK's does.
 */
final class TaskRunner implements Runner {
    private final Supplier<EngineLogger> engineLogger;
    private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Exception> exceptions = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<Void> firstFailure = new CompletableFuture<>();

    TaskRunner(Supplier<EngineLogger> engineLogger) {
        this.engineLogger = engineLogger;
    }

    @Override
    public <T> void registerTask(String description, CompletableFuture<T> task) {
        pending.add(task);
        task.whenComplete((value, error) -> {
            pending.remove(task);
            if (error != null) {
                firstFailure.completeExceptionally(error);
            }
        });
    }

    @Override
    public <T> CompletableFuture<Result<T>> runAsync(Supplier<T> callback) {
        var value = ContextAwareCompletableFuture.supplyAsync(callback);
        registerTask("TaskRunner#runAsync", value);
        return value.thenCompose(v -> drained().thenApply(ignored -> v))
                .handle((v, error) -> {
                    if (error != null) {
                        return report(error).thenApply(code -> result(code, Optional.<T>empty()));
                    }
                    var code = engineLogger.get().hasLoggedErrors() ? ProcessExitedBeforeLoggingUserActionableMessage : ProcessExitedSuccessfully;
                    return CompletableFuture.completedFuture(result(code, Optional.ofNullable(v)));
                })
                .thenCompose(f -> f);
    }

    /** Completes when no task is pending (tasks may register more tasks), or at the first failure. */
    private CompletableFuture<Void> drained() {
        var done = new CompletableFuture<Void>();
        firstFailure.whenComplete((ignored, error) -> done.completeExceptionally(error));
        awaitPending(done);
        return done;
    }

    private void awaitPending(CompletableFuture<Void> done) {
        // Completion callbacks may run later on another thread; done tasks are dropped here, or this
        // loop would spin on them.
        pending.removeIf(CompletableFuture::isDone);
        var snapshot = pending.toArray(CompletableFuture[]::new);
        if (snapshot.length == 0) {
            done.complete(null);
            return;
        }
        CompletableFuture.allOf(snapshot).whenComplete((ignored, error) -> {
            if (error != null) {
                done.completeExceptionally(error);
            } else {
                awaitPending(done);
            }
        });
    }

    private CompletableFuture<Integer> report(Throwable error) {
        var cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        var exception = cause instanceof Exception ? (Exception) cause : new RunException("unexpected throwable", cause);
        exceptions.add(exception);
        CompletableFuture<Void> logged;
        if (exception instanceof RunException) {
            logged = engineLogger.get().errorAsync(exception.getMessage());
        } else if (exception instanceof ResourceException) {
            var r = (ResourceException) exception;
            // The SDK's logger waits for the resource's URN to attach the message to it. A resource that threw
            // in its own constructor (an empty name) never gets one: waiting for it hung the plan forever with
            // every worker idle. Such a message goes out unattached.
            var resource = r.getResource().filter(TaskRunner::hasUrn).orElse(null);
            logged = engineLogger.get().errorAsync(r.isHideStack() ? r.getMessage() : stackTrace(r), resource);
        } else {
            logged = engineLogger.get().errorAsync("Running program failed with an unhandled exception:\n" + stackTrace(exception));
        }
        return logged.handle((ignored, logError) -> ProcessExitedAfterLoggingUserActionableMessage);
    }

    private static boolean hasUrn(Resource resource) {
        return Internal.of(resource.urn()).getDataAsync().isDone();
    }

    private <T> Result<T> result(int code, Optional<T> value) {
        return new Result<>(code, List.copyOf(exceptions), value) {
        };
    }

    private static String stackTrace(Throwable t) {
        var out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
