package dev.citadel.verify;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What every PostgreSQL target's check set shares (RDS app users, CNPG clusters): one login as the app role, then
 * checks on that session; a failed login is one FAIL line with the target's own fix, and the checks that needed it
 * are SKIPs, not more FAILs. Names in queries are bound parameters, never spliced, since they come from a stack's
 * outputs.
 */
public final class PostgresChecks {

    /** Checks that run on the logged-in session. */
    @FunctionalInterface
    public interface OnSession {
        List<CheckResult> run(Connection session) throws SQLException;
    }

    /**
     * What a target says about itself in the shared lines.
     *
     * @param prefix    prefixes every check name ({@code keycloak-db.})
     * @param loginFix  the fix a failed login names (how this kind of target makes the role)
     * @param ownerFix  the fix a wrong database owner names
     */
    public record Wording(String prefix, String loginFix, String ownerFix) {
    }

    private PostgresChecks() {
    }

    /**
     * Logs in, runs {@code checks} on the session (a query failing there is that target's FAIL line), or on a failed
     * login prints one FAIL and a SKIP for each of {@code needLogin}.
     */
    public static List<CheckResult> afterLogin(PgLogin login, Wording w, List<String> needLogin, OnSession checks) {
        var results = new ArrayList<CheckResult>();
        var deadline = login.how().deadline();
        var started = System.nanoTime();
        try (var c = login.connect(deadline); var watchdog = Watchdog.watch(c, Watchdog.left(deadline, started))) {
            results.add(CheckResult.pass(w.prefix() + "login", login.user() + " logs in to " + login.database()
                    + " with " + login.how().describe()));
            try {
                results.addAll(checks.run(c));
            } catch (SQLException e) {
                results.add(CheckResult.fail(w.prefix() + "session", watchdog.fired()
                        ? "the checks as " + login.user() + " did not finish within " + seconds(deadline) + " (the server at "
                        + login.host() + ":" + login.port() + " answers too slowly or not at all); they were stopped"
                        : "a check's query failed as " + login.user() + " (" + login.reason(e) + ")"));
            }
        } catch (SQLException e) {
            results.add(CheckResult.fail(w.prefix() + "login", login.user() + " cannot log in to " + login.database() + " at "
                    + login.host() + ":" + login.port() + " (" + login.reason(e) + "); " + loginFix(login, e, w)));
            for (var check : needLogin) {
                results.add(CheckResult.skip(w.prefix() + check, "needs the login that failed"));
            }
        }
        return results;
    }

    /** A certificate problem names the CA to give, not the role's fix: nothing was sent, so the role is not in question. */
    private static String loginFix(PgLogin login, SQLException e, Wording w) {
        var m = String.valueOf(e.getMessage());
        if (m.contains("PKIX") || m.contains("certificate") || m.contains("hostname") && m.contains("verif")) {
            return "the server did not prove it is " + login.how().certificateName().orElse(login.host())
                    + ", so no password was sent; give the CA its certificate chains to with --ca-file (RDS: AWS's global-bundle.pem; "
                    + "CNPG: the ca.crt of the Secret <cluster>-ca)";
        }
        if (m.contains("timed out")) {
            return "no complete answer within " + seconds(login.how().deadline());
        }
        return w.loginFix();
    }

    static String seconds(java.time.Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** The database is owned by the app role (seed 004: made by hand, it was owned by the master user). */
    public static CheckResult owner(Connection c, Wording w, String database, String user) throws SQLException {
        try (var s = c.prepareStatement("SELECT pg_catalog.pg_get_userbyid(datdba) FROM pg_catalog.pg_database WHERE datname = ?")) {
            s.setString(1, database);
            try (var rs = s.executeQuery()) {
                var owner = rs.next() ? rs.getString(1) : null;
                return user.equals(owner)
                        ? CheckResult.pass(w.prefix() + "owner", user + " owns " + database)
                        : CheckResult.fail(w.prefix() + "owner", database + " is owned by " + owner + ", not " + user
                        + "; " + w.ownerFix());
            }
        }
    }

    /**
     * The app role holds no admin power (app-roles-not-superuser, after the fact), neither as its own attributes nor
     * through a membership: issue 23's app role passed as "neither superuser nor createrole" while a member of postgres,
     * to which PostgreSQL 15 lets it SET ROLE. pg_has_role(..., 'MEMBER') follows memberships at any depth.
     */
    public static CheckResult roleAttributes(Connection c, Wording w, String user) throws SQLException {
        try (var s = c.prepareStatement("SELECT r.rolname, r.rolsuper, r.rolcreaterole, r.rolname OPERATOR(pg_catalog.=) ? "
                + "FROM pg_catalog.pg_roles r WHERE pg_catalog.pg_has_role(?, r.oid, 'MEMBER') ORDER BY r.rolname")) {
            s.setString(1, user);
            s.setString(2, user);
            try (var rs = s.executeQuery()) {
                var powers = new ArrayList<String>();
                var through = new java.util.TreeSet<String>();
                var found = false;
                while (rs.next()) {
                    var name = rs.getString(1);
                    var self = rs.getBoolean(4);
                    found |= self;
                    if (self) {
                        if (rs.getBoolean(2)) {
                            powers.add("SUPERUSER");
                        }
                        if (rs.getBoolean(3)) {
                            powers.add("CREATEROLE");
                        }
                    } else if (rs.getBoolean(2) || rs.getBoolean(3)
                            || dev.citadel.contract.Postgres.SUPERUSER_EQUIVALENT_ROLES.contains(name)) {
                        through.add(name + (rs.getBoolean(2) ? " (SUPERUSER)" : rs.getBoolean(3) ? " (CREATEROLE)" : ""));
                    }
                }
                if (!found) {
                    return CheckResult.fail(w.prefix() + "role-attributes", "no role " + user + " in pg_roles");
                }
                if (!through.isEmpty()) {
                    powers.add("membership in " + String.join(", ", through));
                }
                return powers.isEmpty()
                        ? CheckResult.pass(w.prefix() + "role-attributes", user + " is neither superuser nor createrole, nor a "
                        + "member of a role that is")
                        : CheckResult.fail(w.prefix() + "role-attributes", user + " has " + String.join(" and ", powers)
                        + "; an application role needs none: ALTER ROLE ... NOSUPERUSER NOCREATEROLE, REVOKE the membership");
            }
        }
    }
}
