package dev.citadel.database;

import dev.citadel.database.peers.Pgbouncer;
import dev.citadel.database.peers.PostgresInstance;
import dev.citadel.plan.Plan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.citadel.database.DatabasePlans.at;
import static dev.citadel.database.DatabasePlans.only;
import static dev.citadel.database.DatabasePlans.spec;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 001 with the real programs: a client behind pgbouncer (session mode, configured from the rendered Pooler)
 * begins a transaction, takes the migration's advisory lock and goes idle, as a pod killed mid-migration leaves
 * it. With the Pooler's idle_transaction_timeout pgbouncer cuts it off and the next client gets the lock; without
 * it the lock stays held.
 */
class PgbouncerPeerTest {
    /** Shortened from the default 300 s so the test waits seconds, not minutes. */
    private static final int TIMEOUT_SECONDS = 2;
    private static PostgresInstance postgres;

    @BeforeAll
    static void start() throws IOException {
        postgres = PostgresInstance.init().start();
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static Map<String, Object> renderedPgbouncer() {
        Plan plan = DatabasePlans.authentikPlan(1, b -> b.pooler(Pooler.rw(Pooler.Mode.SESSION).withIdleTransactionTimeout(TIMEOUT_SECONDS)));
        return at(spec(only(plan, DatabasePlans.POOLER)), "pgbouncer");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> parameters(Map<String, Object> pgbouncer) {
        return new TreeMap<>((Map<String, String>) pgbouncer.get("parameters"));
    }

    /** Takes the lock in a transaction through pgbouncer and leaves the session idle in it; the process stays connected. */
    private static Process ghostSession(int port) throws IOException, InterruptedException {
        var p = new ProcessBuilder(List.of("/usr/bin/psql", "-X", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres",
                "-d", "postgres")).redirectErrorStream(true).start();
        p.getOutputStream().write("BEGIN;\nSELECT pg_advisory_lock(42);\n".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
        var deadline = System.nanoTime() + 30_000_000_000L;
        while (!PostgresInstance.psql(postgres.port(), "select count(*) from pg_locks where locktype = 'advisory' and granted")
                .output().strip().equals("1")) {
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new AssertionError("the first client never got the advisory lock");
            }
            Thread.sleep(100);
        }
        return p;
    }

    private static String nextClientGetsTheLock(int port) {
        var r = PostgresInstance.psql(port, "select pg_try_advisory_lock(42)");
        assertThat(r.exitCode()).as(r.output()).isZero();
        return r.output().strip();
    }

    @Test
    void theRenderedIdleTransactionTimeoutReapsTheGhostSessionAndFreesTheLock() throws Exception {
        var pgbouncer = renderedPgbouncer();
        assertThat(parameters(pgbouncer)).containsEntry("idle_transaction_timeout", Integer.toString(TIMEOUT_SECONDS));
        try (var bouncer = Pgbouncer.start(postgres, (String) pgbouncer.get("poolMode"), parameters(pgbouncer))) {
            var ghost = ghostSession(bouncer.port());
            try {
                Thread.sleep((TIMEOUT_SECONDS + 3) * 1000L);
                assertThat(nextClientGetsTheLock(bouncer.port())).isEqualTo("t");
                assertThat(bouncer.log()).contains("closing because: idle transaction timeout");
            } finally {
                ghost.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void withoutTheParameterTheLockStaysHeld() throws Exception {
        var pgbouncer = renderedPgbouncer();
        var withoutTimeout = parameters(pgbouncer);
        withoutTimeout.remove("idle_transaction_timeout");
        try (var bouncer = Pgbouncer.start(postgres, (String) pgbouncer.get("poolMode"), withoutTimeout)) {
            var ghost = ghostSession(bouncer.port());
            try {
                Thread.sleep((TIMEOUT_SECONDS + 3) * 1000L);
                assertThat(nextClientGetsTheLock(bouncer.port())).isEqualTo("f");
                assertThat(bouncer.log()).doesNotContain("idle transaction timeout");
            } finally {
                ghost.destroyForcibly().waitFor();
            }
        }
        // The ghost gone, the lock is free again: what held it was the idle session, nothing else.
        var held = "1";
        for (int i = 0; i < 100 && !held.equals("0"); i++) {
            Thread.sleep(100);
            held = PostgresInstance.psql(postgres.port(), "select count(*) from pg_locks where locktype = 'advisory'").output().strip();
        }
        assertThat(held).isEqualTo("0");
    }
}
