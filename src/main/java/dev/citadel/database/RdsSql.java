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
    /** The session setting the app password travels in (see {@link SqlScript.SettingFromEnv}). */
    public static final String PASSWORD_SETTING = "citadel.app_password";
    /** The Job's environment variable holding the app password (from its Secret). */
    public static final String PASSWORD_ENV = "CITADEL_APP_PASSWORD";

    private RdsSql() {
    }

    public static SqlScript render(RdsAppUserArgs a) {
        var user = ident(a.user());
        var database = ident(a.database());
        var master = ident(a.masterUser());
        var cluster = new ArrayList<SqlScript.Step>();
        cluster.add(new SqlScript.SettingFromEnv(PASSWORD_SETTING, PASSWORD_ENV));
        cluster.add(new SqlScript.Gexec("SELECT " + literal("CREATE ROLE " + user)
                + " WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = " + literal(a.user()) + ")"));
        // Every attribute is stated, so a role that drifted (or was made by hand, as in seed 004) is put back. SUPERUSER,
        // REPLICATION and BYPASSRLS are left out: only a superuser may even name them, and the RDS master is none; a role
        // created here never has them, and one that has them makes this ALTER fail instead of passing silently.
        // The password is read from the session inside the block: it is in no statement text the server logs.
        cluster.add(new SqlScript.Run("DO $citadel$ BEGIN EXECUTE format("
                + literal("ALTER ROLE %I WITH LOGIN NOCREATEROLE INHERIT " + (a.createDatabase() ? "CREATEDB" : "NOCREATEDB")
                + " CONNECTION LIMIT %s PASSWORD %L")
                + ", " + literal(a.user()) + ", " + a.connectionLimit() + ", current_setting(" + literal(PASSWORD_SETTING)
                + ")); END $citadel$"));
        // The RDS master is not a superuser: to create a database owned by another role it must be a member of that
        // role ("must be member of role"). Granting an existing membership again is a notice, not an error.
        cluster.add(new SqlScript.Run("GRANT " + user + " TO " + master));
        cluster.add(new SqlScript.Gexec("SELECT " + literal("CREATE DATABASE " + database + " OWNER " + user)
                + " WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_database WHERE datname = " + literal(a.database()) + ")"));
        cluster.add(new SqlScript.Run("ALTER DATABASE " + database + " OWNER TO " + user));
        cluster.add(new SqlScript.Run("GRANT CONNECT, TEMPORARY ON DATABASE " + database + " TO " + user));
        var segments = new ArrayList<SqlScript.Segment>();
        segments.add(new SqlScript.Segment("", cluster));
        if (a.grantsPublicSchema()) {
            segments.add(new SqlScript.Segment(a.database(), List.of(
                    new SqlScript.Run("GRANT USAGE, CREATE ON SCHEMA public TO " + user))));
        }
        return new SqlScript(segments);
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
