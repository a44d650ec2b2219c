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
 * @param ca       the CA the server's certificate chains to, where the consumer mounts it from; empty: none known, and a
 *                 consumer that must verify refuses the connection at build() (issue 23: {@code require} checked no
 *                 certificate, so whoever answered at the host got the password)
 */
public record PostgresConnection(String host, int port, String database, String user, SecretRef password, SslMode sslmode,
                                 Pooling pooling, Optional<ServerCa> ca) {

    /**
     * The CA certificates a client checks the server with: a key of a Secret or ConfigMap ({@link CaBundle}) in
     * {@code namespace}, which a consumer's pods mount (CNPG's {@code <cluster>-ca}, AWS's RDS bundle).
     */
    public record ServerCa(String namespace, CaBundle bundle) {
        public ServerCa {
            KubernetesNames.label("ca namespace", namespace);
            Objects.requireNonNull(bundle, "bundle");
        }

        public static ServerCa of(String namespace, CaBundle bundle) {
            return new ServerCa(namespace, bundle);
        }

        @Override
        public String toString() {
            return (bundle instanceof CaBundle.SecretKey ? "secret " : "configmap ") + namespace + "/" + bundle.name() + "[" + bundle.key() + "]";
        }
    }

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

    /** A connection without a known CA: consumers that verify refuse it at build(), naming {@link #withCa}. */
    public PostgresConnection(String host, int port, String database, String user, SecretRef password, SslMode sslmode,
                              Pooling pooling) {
        this(host, port, database, user, password, sslmode, pooling, Optional.empty());
    }

    public PostgresConnection {
        Objects.requireNonNull(ca, "ca");
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
        return new PostgresConnection(host, port, database, user, password, sslmode, mode, ca);
    }

    /** The same database as seen from another namespace, whose copy of the password Secret the consumer reads. */
    public PostgresConnection withPassword(SecretRef other) {
        return new PostgresConnection(host, port, database, user, other, sslmode, pooling, ca);
    }

    /**
     * The same connection checked against {@code serverCa} with {@code mode} (verify-full, or verify-ca where the host is
     * not on the certificate): an external database's CA, or a copy of the cluster's CA in the consumer's namespace.
     */
    public PostgresConnection withCa(ServerCa serverCa, SslMode mode) {
        Objects.requireNonNull(serverCa, "ca");
        if (mode == SslMode.REQUIRE) {
            throw new IllegalArgumentException("sslmode: require checks no certificate, so a CA (" + serverCa + ") would not be "
                    + "used; give verify-full (the server's name on its certificate) or verify-ca");
        }
        return new PostgresConnection(host, port, database, user, password, mode, pooling, Optional.of(serverCa));
    }

    /**
     * Refused unless the client can check the server: issue 23's consumers sent the password under {@code require} to
     * whoever answered. {@code field} and {@code consumer} name the setting and who would connect, for the message.
     */
    public PostgresConnection requireVerified(String field, String consumer) {
        if (sslmode == SslMode.REQUIRE || ca.isEmpty()) {
            var why = field + ": the connection " + this + " gives no CA to check the server with, so " + consumer
                    + " would send the password to whoever answers at " + host + "; ";
            throw new dev.citadel.value.Refused(why + "use a CnpgCluster's connection(...) (it carries the cluster's CA), or "
                    + "withCa(ServerCa.of(namespace, CaBundle.secret(name, \"ca.crt\")), SslMode.VERIFY_FULL)",
                    why + "name the cluster (cluster: <a citadel:databases entry>; it carries the cluster's CA), or give the CA "
                    + "that signed the server's certificate (ca: {secret: <name>, key: ca.crt})");
        }
        return this;
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
                + (pooling == Pooling.NONE ? "" : ", " + pooling.value() + " pool") + ca.map(c -> ", CA " + c).orElse("")
                + ", password " + password + ")";
    }
}
