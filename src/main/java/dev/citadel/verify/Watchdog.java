package dev.citadel.verify;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ends a check's session at its deadline: pgjdbc's socketTimeout bounds each read, so a server trickling one byte at a
 * time held verify for as long as it liked (issue 23). At the deadline the connection is aborted, which closes its
 * socket and fails the blocked read at once.
 */
final class Watchdog implements AutoCloseable {
    private final ScheduledExecutorService timer;
    private final AtomicBoolean fired = new AtomicBoolean();

    private Watchdog(Connection c, Duration left) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, "citadel-verify-deadline");
            t.setDaemon(true);
            return t;
        });
        timer.schedule(() -> {
            fired.set(true);
            try {
                c.abort(Runnable::run);
            } catch (SQLException | RuntimeException ignored) {
                // the socket is closed or was never open: either way the check ends
            }
        }, Math.max(1, left.toMillis()), TimeUnit.MILLISECONDS);
    }

    static Watchdog watch(Connection c, Duration left) {
        return new Watchdog(c, left);
    }

    boolean fired() {
        return fired.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** What is left of {@code deadline} since {@code startedNanos} (at least a millisecond). */
    static Duration left(Duration deadline, long startedNanos) {
        var left = deadline.minusNanos(System.nanoTime() - startedNanos);
        return left.toMillis() < 1 ? Duration.ofMillis(1) : left;
    }
}
