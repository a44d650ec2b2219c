package dev.citadel.contract;

/**
 * What CnpgCluster's Pooler and the pgbouncer-idle-transaction-timeout policy agree on. Seed 001: ghost
 * idle-in-transaction sessions behind pgbouncer held authentik's migration lock for a 50-minute outage.
 */
public final class Pgbouncer {
    /** The pgbouncer setting (seconds) that reaps such sessions; pgbouncer's own default, 0, never does. */
    public static final String IDLE_TRANSACTION_TIMEOUT = "idle_transaction_timeout";
    /** Seed 001's fix. */
    public static final int DEFAULT_IDLE_TRANSACTION_TIMEOUT = 300;

    private Pgbouncer() {
    }
}
