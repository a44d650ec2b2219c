package dev.citadel.database;

import dev.citadel.secrets.SecretRef;
import dev.citadel.secrets.SecretStoreRef;
import dev.citadel.secrets.VaultBackedSecretArgs;

import java.util.List;
import java.util.Set;

/**
 * A CNPG managed role ({@code spec.managed.roles[]}). Its password comes from a {@code kubernetes.io/basic-auth}
 * Secret whose {@code username} is the role name; labelled {@code cnpg.io/reload}, the operator re-applies the
 * password whenever the Secret changes, so a rotation needs no manual ALTER ROLE (seed 003).
 *
 * @param name            the PostgreSQL role
 * @param password        the {@code password} key of the role's basic-auth Secret, in the cluster's namespace
 * @param login           LOGIN
 * @param createdb        CREATEDB (Backstage-style apps create their own databases)
 * @param inRoles         roles it is a member of
 * @param connectionLimit -1 for no limit
 */
public record Role(String name, SecretRef password, boolean login, boolean createdb, List<String> inRoles, int connectionLimit) {
    /** The label CNPG watches on a role's password Secret. */
    public static final String RELOAD_LABEL = "cnpg.io/reload";

    private static final Set<String> RESERVED = Set.of("postgres", "streaming_replica");

    public Role {
        inRoles = List.copyOf(inRoles);
    }

    /** An application's login role, no CREATEDB, no limit. */
    public static Role app(String name, SecretRef password) {
        return new Role(name, password, true, false, List.of(), -1);
    }

    public Role withCreatedb() {
        return new Role(name, password, login, true, inRoles, connectionLimit);
    }

    public Role withInRoles(String... roles) {
        return new Role(name, password, login, createdb, List.of(roles), connectionLimit);
    }

    public Role withConnectionLimit(int limit) {
        return new Role(name, password, login, createdb, inRoles, limit);
    }

    /**
     * The VaultBackedSecret a role's password is kept in: basic-auth, {@code username} = the role, a generated
     * {@code password}, the reload label; synced into the cluster's namespace. Bump its rotation to rotate.
     */
    public static VaultBackedSecretArgs.Builder passwordSecret(String role, SecretStoreRef store, String vaultPath, String namespace) {
        return VaultBackedSecretArgs.builder()
                .store(store).path(vaultPath)
                .secretType("kubernetes.io/basic-auth")
                .value("username", role)
                .generate("password")
                .secretLabel(RELOAD_LABEL, "true")
                .syncTo(namespace);
    }

    void validate(String namespace) {
        Identifiers.role("role", name);
        if (RESERVED.contains(name)) {
            throw new IllegalArgumentException("role: '" + name + "' is the operator's own role; give the application a role of its own");
        }
        if (password == null) {
            throw new IllegalArgumentException("role " + name + ": the password Secret is not set; pass vaultSecret.ref(\""
                    + namespace + "\", \"password\")");
        }
        if (!password.namespace().equals(namespace)) {
            throw new IllegalArgumentException("role " + name + ": the password " + password + " is not in the cluster's namespace '"
                    + namespace + "'; CNPG reads it there: syncTo(\"" + namespace + "\") and pass ref(\"" + namespace + "\", \"password\")");
        }
        if (!password.key().equals("password")) {
            throw new IllegalArgumentException("role " + name + ": CNPG reads the keys username and password of a basic-auth Secret, "
                    + "not '" + password.key() + "'; pass ref(\"" + namespace + "\", \"password\")");
        }
        if (connectionLimit < -1) {
            throw new IllegalArgumentException("role " + name + ": connectionLimit " + connectionLimit + " is below -1; use -1 for no limit");
        }
        for (var r : inRoles) {
            Identifiers.check("role " + name + " inRoles", r);
            // Issue 23: a membership is a privilege. On PostgreSQL 15 a member of postgres may SET ROLE to it; a member of
            // pg_execute_server_program runs COPY ... TO PROGRAM as the server's OS user.
            if (dev.citadel.contract.Postgres.SUPERUSER_EQUIVALENT_ROLES.contains(r) || r.equals(name)) {
                throw new IllegalArgumentException("role " + name + " inRoles: '" + r + "' " + (r.equals(name) ? "is the role itself"
                        : "gives a superuser's power (or every table) to " + name) + "; an application role needs its own objects "
                        + "only: drop it from inRoles, or grant a role of your own that holds just the privileges the app needs");
            }
        }
    }
}
