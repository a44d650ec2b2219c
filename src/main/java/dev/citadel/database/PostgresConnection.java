package dev.citadel.database;

import dev.citadel.names.KubernetesNames;
import dev.citadel.secrets.SecretRef;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How an application reaches one PostgreSQL database: what {@link CnpgCluster#connection} and
 * {@link RdsAppUser#connection()} hand to consumers, so no consumer types a host. Seed 001's stack joined authentik to
 * its pooler by a hand-typed {@code authentik-pooler-rw.authentik.svc} while the Pooler was
 * {@code authentik-db-pooler-rw}: a host that nothing answers. A database the stack does not own is
 * {@link #external}, and the plan's {@code references-resolve} policy checks its host like any other reference.
 *
 * @param host     the Service (or RDS endpoint) clients connect to: the Pooler's when one is in front
 * @param port     its port
 * @param database the database name
 * @param user     the role the application logs in as
 * @param password the Secret key holding that role's password, in the consumer's namespace
 * @param sslmode  how the client checks the server
 * @param pooling  whether a pgbouncer sits in between, and in which mode (session pools pin connections: seed 001)
 */
public record PostgresConnection(String host, int port, String database, String user, SecretRef password, SslMode sslmode,
                                 Pooling pooling) {

    /** What sits between the application and PostgreSQL. */
    public enum Pooling {
        NONE, SESSION, TRANSACTION;

        static Pooling of(Pooler.Mode mode) {
            return mode == Pooler.Mode.SESSION ? SESSION : TRANSACTION;
        }

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Pattern HOST = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    public PostgresConnection {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(sslmode, "sslmode");
        Objects.requireNonNull(pooling, "pooling");
        if (host == null || !HOST.matcher(host).matches() || host.length() > 253) {
            throw new IllegalArgumentException("connection host '" + (host == null ? "" : host.length() > 80 ? host.substring(0, 80) + "… (" + host.length() + " characters)" : host) + "' is not a DNS name; pass the "
                    + "cluster's connection(...) instead of a host, or the DNS name of a database this stack does not own");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("connection port " + port + " is not a TCP port; PostgreSQL listens on 5432");
        }
        Identifiers.check("connection database", database);
        Identifiers.check("connection user", user);
    }

    /**
     * A database this stack does not own (another stack's, a managed service): typed by hand, so the plan checks that
     * something answers {@code host} (references-resolve) before anything deploys.
     */
    public static PostgresConnection external(String host, int port, String database, String user, SecretRef password,
                                              SslMode sslmode) {
        return new PostgresConnection(host, port, database, user, password, sslmode, Pooling.NONE);
    }

    /** The same connection read through a pgbouncer of {@code mode} (a pooler this stack does not render). */
    public PostgresConnection pooled(Pooling mode) {
        return new PostgresConnection(host, port, database, user, password, sslmode, mode);
    }

    /** The same database as seen from another namespace, whose copy of the password Secret the consumer reads. */
    public PostgresConnection withPassword(SecretRef other) {
        return new PostgresConnection(host, port, database, user, other, sslmode, pooling);
    }

    /** {@code jdbc:postgresql://host:port/database?sslmode=…}: what Keycloak's {@code KC_DB_URL} and Spring take. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?sslmode=" + sslmode.value();
    }

    /** The Service name and namespace when {@code host} is an in-cluster Service ({@code <svc>.<ns>.svc[.cluster.local]}). */
    public Optional<String[]> service() {
        var parts = host.split("\\.");
        if (parts.length >= 3 && parts[2].equals("svc")
                && (parts.length == 3 || (parts.length == 5 && parts[3].equals("cluster") && parts[4].equals("local")))) {
            KubernetesNames.label("service", parts[0]);
            return Optional.of(new String[]{parts[0], parts[1]});
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port + "/" + database + " (sslmode " + sslmode.value()
                + (pooling == Pooling.NONE ? "" : ", " + pooling.value() + " pool") + ", password " + password + ")";
    }
}
