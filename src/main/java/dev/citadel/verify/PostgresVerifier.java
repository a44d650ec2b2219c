package dev.citadel.verify;

import dev.citadel.contract.Postgres;
import dev.citadel.database.RdsSql;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The RDS check set over {@link PostgresChecks}. Seed 004 after the fact: connects as each application user the way the app will and checks what broke there — the
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

    public static List<CheckResult> verify(Target t, PgConnect how) {
        var prefix = t.name() + ".";
        var w = new PostgresChecks.Wording(prefix, "create the user: run the stack's RdsAppUser (or its Job) again",
                "ALTER DATABASE ... OWNER TO the app user (RdsAppUser does)");
        var login = login(t, how);
        var results = new ArrayList<>(PostgresChecks.afterLogin(login, w, List.of("owner", "role-attributes", "createdb"),
                c -> List.of(PostgresChecks.owner(c, w, t.database(), t.user()), PostgresChecks.roleAttributes(c, w, t.user()),
                        createDatabase(prefix, c, t, login))));
        results.add(plainRefused(prefix, t, login));
        return results;
    }

    private static PgLogin login(Target t, PgConnect how) {
        return new PgLogin(t.host(), t.port(), t.database(), t.user(), t.sslmode(), t.password(), how);
    }

    private static CheckResult createDatabase(String prefix, Connection c, Target t, PgLogin login) {
        var scratch = "citadel_verify_" + HexFormat.of().formatHex(RANDOM.generateSeed(6));
        boolean created;
        String refusal = "";
        try (var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + RdsSql.ident(scratch));
            created = true;
        } catch (SQLException e) {
            created = false;
            refusal = login.reason(e);
        }
        if (created) {
            try (var s = c.createStatement()) {
                s.execute("DROP DATABASE " + RdsSql.ident(scratch));
            } catch (SQLException e) {
                return CheckResult.fail(prefix + "createdb", "created " + scratch + " but could not drop it (" + login.reason(e)
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

    /**
     * Whether the server refuses a plain connection, shown without credentials: the attempt carries no password, so a
     * server that asks for one on a plain connection (and would have got it in clear) is the FAIL, and nothing secret
     * is ever sent there. Issue 23: this check used to log in with the real password at sslmode=disable.
     */
    private static CheckResult plainRefused(String prefix, Target t, PgLogin login) {
        if (!Postgres.SECURE_SSL_MODES.contains(t.sslmode())) {
            return CheckResult.skip(prefix + "ssl-required", "sslmode " + t.sslmode() + " does not require SSL");
        }
        var fix = "set rds.force_ssl=1 in the instance's parameter group (RdsParameterGroup)";
        try (var ignored = login.connectPlainWithoutPassword(login.how().deadline())) {
            return CheckResult.fail(prefix + "ssl-required", t.host() + " accepts " + t.user() + " without encryption and without "
                    + "a password; " + fix);
        } catch (SQLException e) {
            var m = String.valueOf(e.getMessage());
            if (m.contains("no encryption") || m.contains("SSL off") || m.contains("requires SSL")) {
                return CheckResult.pass(prefix + "ssl-required", "a connection without SSL is refused before any password is asked");
            }
            if (m.contains("no password was provided")) {
                return CheckResult.fail(prefix + "ssl-required", t.host() + " accepts " + t.user() + " without encryption (it asked "
                        + "for the password on a plain connection; none was sent); " + fix);
            }
            return CheckResult.fail(prefix + "ssl-required", "a connection without SSL failed for another reason (" + login.reason(e)
                    + "), so whether SSL is required is not shown");
        }
    }
}
