package dev.citadel.database;

import dev.citadel.contract.Pgbouncer;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A CNPG {@code Pooler} (pgbouncer) in front of the cluster. {@code idle_transaction_timeout} is always set
 * (default 300 s): seed 001's ghost idle-in-transaction sessions held a migration lock for 50 minutes.
 *
 * @param type                   rw (primary) or ro (replicas)
 * @param mode                   session or transaction pooling
 * @param instances              pgbouncer pods
 * @param idleTransactionTimeout seconds; never 0
 * @param parameters             further pgbouncer settings
 */
public record Pooler(Type type, Mode mode, int instances, int idleTransactionTimeout, Map<String, String> parameters) {

    public enum Type { RW, RO;
        String value() { return name().toLowerCase(Locale.ROOT); } }

    public enum Mode { SESSION, TRANSACTION;
        String value() { return name().toLowerCase(Locale.ROOT); } }

    public Pooler {
        parameters = Map.copyOf(parameters);
    }

    public static Pooler rw(Mode mode) {
        return new Pooler(Type.RW, mode, 2, Pgbouncer.DEFAULT_IDLE_TRANSACTION_TIMEOUT, Map.of());
    }

    public static Pooler ro(Mode mode) {
        return new Pooler(Type.RO, mode, 2, Pgbouncer.DEFAULT_IDLE_TRANSACTION_TIMEOUT, Map.of());
    }

    public Pooler withInstances(int n) {
        return new Pooler(type, mode, n, idleTransactionTimeout, parameters);
    }

    public Pooler withIdleTransactionTimeout(int seconds) {
        return new Pooler(type, mode, instances, seconds, parameters);
    }

    public Pooler withParameter(String key, String value) {
        var p = new TreeMap<>(parameters);
        p.put(key, value);
        return new Pooler(type, mode, instances, idleTransactionTimeout, p);
    }

    /** {@code spec.pgbouncer.parameters} as rendered: the given ones plus the timeout. */
    public Map<String, String> renderedParameters() {
        var p = new TreeMap<>(parameters);
        p.put(Pgbouncer.IDLE_TRANSACTION_TIMEOUT, Integer.toString(idleTransactionTimeout));
        return p;
    }

    void validate() {
        if (type == null || mode == null) {
            throw new IllegalArgumentException("pooler: type and mode are needed; use Pooler.rw(Pooler.Mode.SESSION)");
        }
        if (instances < 1) {
            throw new IllegalArgumentException("pooler.instances: " + instances + " is below 1; use 2 for a pooler that survives a node drain");
        }
        if (idleTransactionTimeout < 1) {
            throw new IllegalArgumentException("pooler.idleTransactionTimeout: " + idleTransactionTimeout + " disables the reaping of "
                    + "idle-in-transaction sessions (seed 001's 50-minute lock); use " + Pgbouncer.DEFAULT_IDLE_TRANSACTION_TIMEOUT);
        }
        if (parameters.containsKey(Pgbouncer.IDLE_TRANSACTION_TIMEOUT)) {
            throw new IllegalArgumentException("pooler.parameters: set " + Pgbouncer.IDLE_TRANSACTION_TIMEOUT
                    + " with withIdleTransactionTimeout(seconds), not as a parameter");
        }
        parameters.forEach((k, v) -> ConfigParameters.pgbouncer("pooler.parameters", k, v));
    }
}
