package dev.citadel.verify;

import dev.citadel.contract.Postgres;
import dev.citadel.database.RdsSql;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Seed 004 after the fact: connects as each application user the way the app will and checks what broke there — the
 * user did not exist, Backstage lacked CREATEDB, SSL was left to each client — and that the role holds no admin
 * power. One {@link CheckResult} per check; it leaves nothing behind (the scratch database is dropped) and quotes
 * every identifier, since names come from a stack's outputs.
 */
public final class PostgresVerifier {

    /**
     * One application user as the stack declares it (its {@code databases} output).
     *
     * @param name           the component name, which prefixes every check
     * @param createDatabase whether CREATEDB is declared: then creating a database must work, else it must be refused
     */
    public record Target(String name, String host, int port, String database, String user, String sslmode,
                         boolean createDatabase, String password) {
        @Override
        public String toString() {
            return "Target[" + name + ", " + user + "@" + host + ":" + port + "/" + database + "]";
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private PostgresVerifier() {
    }

    public static List<CheckResult> verify(Target t) {
        var results = new ArrayList<CheckResult>();
        var prefix = t.name() + ".";
        try (var c = connect(t, t.sslmode())) {
            results.add(CheckResult.pass(prefix + "login", t.user() + " logs in to " + t.database() + " with sslmode " + t.sslmode()));
            results.add(owner(prefix, c, t));
            results.add(attributes(prefix, c, t));
            results.add(createDatabase(prefix, c, t));
        } catch (SQLException e) {
            results.add(CheckResult.fail(prefix + "login", t.user() + " cannot log in to " + t.database() + " at " + t.host() + ":"
                    + t.port() + " (" + reason(e) + "); create the user: run the stack's RdsAppUser (or its Job) again"));
            for (var check : List.of("owner", "role-attributes", "createdb")) {
                results.add(CheckResult.skip(prefix + check, "needs the login that failed"));
            }
        }
        results.add(plainRefused(prefix, t));
        return results;
    }

    private static CheckResult owner(String prefix, Connection c, Target t) throws SQLException {
        try (var s = c.prepareStatement("SELECT pg_catalog.pg_get_userbyid(datdba) FROM pg_catalog.pg_database WHERE datname = ?")) {
            s.setString(1, t.database());
            try (var rs = s.executeQuery()) {
                var owner = rs.next() ? rs.getString(1) : null;
                return t.user().equals(owner)
                        ? CheckResult.pass(prefix + "owner", t.user() + " owns " + t.database())
                        : CheckResult.fail(prefix + "owner", t.database() + " is owned by " + owner + ", not " + t.user()
                        + "; ALTER DATABASE ... OWNER TO the app user (RdsAppUser does)");
            }
        }
    }

    private static CheckResult attributes(String prefix, Connection c, Target t) throws SQLException {
        try (var s = c.prepareStatement("SELECT rolsuper, rolcreaterole FROM pg_catalog.pg_roles WHERE rolname = ?")) {
            s.setString(1, t.user());
            try (var rs = s.executeQuery()) {
                if (!rs.next()) {
                    return CheckResult.fail(prefix + "role-attributes", "no role " + t.user() + " in pg_roles");
                }
                var powers = new ArrayList<String>();
                if (rs.getBoolean(1)) {
                    powers.add("SUPERUSER");
                }
                if (rs.getBoolean(2)) {
                    powers.add("CREATEROLE");
                }
                return powers.isEmpty()
                        ? CheckResult.pass(prefix + "role-attributes", t.user() + " is neither superuser nor createrole")
                        : CheckResult.fail(prefix + "role-attributes", t.user() + " has " + String.join(" and ", powers)
                        + "; an application role needs neither: ALTER ROLE ... NOSUPERUSER NOCREATEROLE");
            }
        }
    }

    private static CheckResult createDatabase(String prefix, Connection c, Target t) {
        var scratch = "citadel_verify_" + HexFormat.of().formatHex(RANDOM.generateSeed(6));
        boolean created;
        String refusal = "";
        try (var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + RdsSql.ident(scratch));
            created = true;
        } catch (SQLException e) {
            created = false;
            refusal = reason(e);
        }
        if (created) {
            try (var s = c.createStatement()) {
                s.execute("DROP DATABASE " + RdsSql.ident(scratch));
            } catch (SQLException e) {
                return CheckResult.fail(prefix + "createdb", "created " + scratch + " but could not drop it (" + reason(e)
                        + "); drop it by hand");
            }
        }
        if (t.createDatabase()) {
            return created
                    ? CheckResult.pass(prefix + "createdb", t.user() + " created and dropped a scratch database, as declared")
                    : CheckResult.fail(prefix + "createdb", t.user() + " cannot create databases (" + refusal
                    + "), but CREATEDB is declared (Backstage needs it per plugin); ALTER ROLE ... CREATEDB");
        }
        return created
                ? CheckResult.fail(prefix + "createdb", t.user() + " can create databases, but CREATEDB is not declared; "
                + "ALTER ROLE ... NOCREATEDB, or declare createDatabase")
                : CheckResult.pass(prefix + "createdb", t.user() + " is refused CREATE DATABASE, as declared");
    }

    private static CheckResult plainRefused(String prefix, Target t) {
        if (!Postgres.SECURE_SSL_MODES.contains(t.sslmode())) {
            return CheckResult.skip(prefix + "ssl-required", "sslmode " + t.sslmode() + " does not require SSL");
        }
        try (var ignored = connect(t, "disable")) {
            return CheckResult.fail(prefix + "ssl-required", t.host() + " accepts " + t.user() + " without encryption; set "
                    + "rds.force_ssl=1 in the instance's parameter group (RdsParameterGroup)");
        } catch (SQLException e) {
            var why = reason(e);
            return why.contains("no encryption") || why.contains("SSL")
                    ? CheckResult.pass(prefix + "ssl-required", "a connection without SSL is refused")
                    : CheckResult.fail(prefix + "ssl-required", "a connection without SSL failed for another reason (" + why
                    + "), so whether SSL is required is not shown");
        }
    }

    private static Connection connect(Target t, String sslmode) throws SQLException {
        var props = new Properties();
        props.setProperty("user", t.user());
        props.setProperty("password", t.password());
        props.setProperty("sslmode", sslmode.toLowerCase(Locale.ROOT));
        props.setProperty("connectTimeout", "15");
        props.setProperty("ApplicationName", "citadel-verify");
        // The database name goes in the URL path: percent-encode it so no character of it is read as URL syntax.
        var url = "jdbc:postgresql://" + t.host() + ":" + t.port() + "/"
                + java.net.URLEncoder.encode(t.database(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        return DriverManager.getConnection(url, props);
    }

    /** The server's message without the password (pgjdbc never puts it there) and on one line. */
    private static String reason(SQLException e) {
        var m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s*\\R\\s*", " ").strip();
    }

}
