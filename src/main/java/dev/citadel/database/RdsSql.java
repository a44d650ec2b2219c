package dev.citadel.database;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The idempotent SQL the in-cluster Job runs, as a pure function of the declaration: seed 004's psql session
 * ({@code CREATE USER}, {@code CREATE DATABASE ... OWNER}, {@code ALTER USER ... CREATEDB}) made safe to run again
 * and on an RDS master that is not a superuser. It converges: a second run changes nothing, a changed declaration
 * (CREATEDB dropped, a new connection limit, a rotated password) is applied to the existing role.
 */
public final class RdsSql {
    /** The Job's environment variable holding the app password (from its Secret); the Job pipes it to psql's stdin. */
    public static final String PASSWORD_ENV = "CITADEL_APP_PASSWORD";

    private RdsSql() {
    }

    public static SqlScript render(RdsAppUserArgs a) {
        var user = ident(a.user());
        var database = ident(a.database());
        var master = ident(a.masterUser());
        var cluster = new ArrayList<SqlScript.Step>(session());
        cluster.add(new SqlScript.Gexec("SELECT " + literal("CREATE ROLE " + user)
                + " WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) " + literal(a.user()) + ")"));
        // Every attribute is stated, so a role that drifted (or was made by hand, as in seed 004) is put back. SUPERUSER,
        // REPLICATION and BYPASSRLS are left out: only a superuser may even name them, and the RDS master is none; a role
        // created here never has them, and one that has them makes this ALTER fail instead of passing silently. It
        // carries no password, so its failure's CONTEXT carries none either (issue 23).
        cluster.add(new SqlScript.Run("ALTER ROLE " + user + " WITH LOGIN NOCREATEROLE INHERIT "
                + (a.createDatabase() ? "CREATEDB" : "NOCREATEDB") + " CONNECTION LIMIT " + a.connectionLimit()));
        // psql turns the password into a SCRAM-SHA-256 verifier on the client (a fresh salt) and sends only that:
        // neither log_statement=all nor an error's CONTEXT ever shows the password (issue 23).
        cluster.add(new SqlScript.PasswordFromStdin(a.user()));
        // The RDS master is not a superuser: to create a database owned by another role it must be a member of that
        // role ("must be member of role"). Granting an existing membership again is a notice, not an error.
        cluster.add(new SqlScript.Run("GRANT " + user + " TO " + master));
        cluster.add(new SqlScript.Gexec("SELECT " + literal("CREATE DATABASE " + database + " OWNER " + user)
                + " WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_database WHERE datname OPERATOR(pg_catalog.=) " + literal(a.database()) + ")"));
        cluster.add(new SqlScript.Run("ALTER DATABASE " + database + " OWNER TO " + user));
        // PUBLIC keeps CONNECT and TEMPORARY on a new database: every other app's role could connect to this one.
        cluster.add(new SqlScript.Run("REVOKE CONNECT, TEMPORARY ON DATABASE " + database + " FROM PUBLIC"));
        cluster.add(new SqlScript.Run("GRANT CONNECT, TEMPORARY ON DATABASE " + database + " TO " + user));
        var segments = new ArrayList<SqlScript.Segment>();
        segments.add(new SqlScript.Segment("", cluster));
        if (a.grantsPublicSchema()) {
            var grants = new ArrayList<SqlScript.Step>(session());
            grants.add(new SqlScript.Run("GRANT USAGE, CREATE ON SCHEMA public TO " + user));
            segments.add(new SqlScript.Segment(a.database(), grants));
        }
        return new SqlScript(segments);
    }

    /**
     * First in every session: only pg_catalog and the session's own temp schema resolve names. Issue 23: where
     * {@code public} is writable by all (PostgreSQL 14 and earlier, or upgraded from it), an app role planted
     * {@code public.format(...)} and the next run executed it as the master. The verifier psql makes is SCRAM, never md5.
     */
    private static List<SqlScript.Step> session() {
        return List.of(new SqlScript.Run("SET search_path = pg_catalog, pg_temp"),
                new SqlScript.Run("SET password_encryption = 'scram-sha-256'"));
    }

    /** A quoted identifier: {@code "name"}, inner quotes doubled. */
    public static String ident(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** A string literal: {@code 'text'}, inner quotes doubled (standard_conforming_strings is on since 9.1). */
    public static String literal(String text) {
        return '\'' + text.replace("'", "''") + '\'';
    }

    /** First 16 hex digits of the SHA-256 of {@code parts}, each length-prefixed so no two lists collide. */
    static String hash(List<String> parts) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            for (var p : parts) {
                var bytes = p.getBytes(StandardCharsets.UTF_8);
                digest.update((bytes.length + ":").getBytes(StandardCharsets.UTF_8));
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
