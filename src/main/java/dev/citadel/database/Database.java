package dev.citadel.database;

import java.util.List;

/**
 * A CNPG {@code Database} CR: a database in the cluster, owned by a managed role, with extensions.
 *
 * @param name       the database
 * @param owner      its owner role
 * @param extensions extensions CNPG creates in it
 * @param retain     on deletion of the CR, keep the database ({@code databaseReclaimPolicy: retain}) or drop it
 */
public record Database(String name, String owner, List<String> extensions, boolean retain) {

    public Database {
        extensions = List.copyOf(extensions);
    }

    /** Kept when the CR is deleted: removing a line of config must not drop data. */
    public static Database of(String name, String owner) {
        return new Database(name, owner, List.of(), true);
    }

    public Database withExtensions(String... names) {
        return new Database(name, owner, List.of(names), retain);
    }

    public Database droppedOnDelete() {
        return new Database(name, owner, extensions, false);
    }

    void validate() {
        Identifiers.check("database", name);
        Identifiers.role("database " + name + " owner", owner);
        extensions.forEach(e -> Identifiers.check("database " + name + " extension", e));
    }
}
