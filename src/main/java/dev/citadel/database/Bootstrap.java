package dev.citadel.database;

/**
 * How a new cluster gets its data: {@link #initdb} (an empty database owned by the app role) or
 * {@link #recovery} from the archive of the previous incarnation in the same ObjectStore.
 */
public sealed interface Bootstrap {

    /** A fresh cluster: {@code database} owned by {@code owner}. */
    static Bootstrap initdb(String database, String owner) {
        return new Initdb(database, owner);
    }

    /**
     * Recover from the incarnation before this one (its server name in the same ObjectStore) while this one
     * archives under its own: seed 000's "Expected empty archive" came from the two sharing one.
     */
    static Bootstrap recovery() {
        return new Recovery(null);
    }

    /**
     * Recover from the archive another cluster left under {@code serverName} in the same ObjectStore, e.g. a
     * hand-written cluster being replaced, whose server name defaulted to its cluster name.
     */
    static Bootstrap recoveryFrom(String serverName) {
        return new Recovery(serverName);
    }

    record Initdb(String database, String owner) implements Bootstrap {
    }

    /** @param sourceServerName the server name to restore; null for the previous incarnation of this cluster */
    record Recovery(String sourceServerName) implements Bootstrap {
    }
}
