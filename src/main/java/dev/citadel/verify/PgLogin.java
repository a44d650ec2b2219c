package dev.citadel.verify;

import dev.citadel.value.Shown;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * How one application role logs in: host, port, database, role, the sslmode the stack declares, the password (never
 * printed: {@link #toString()} leaves it out, and {@link #reason} redacts it from what a server sends back) and how
 * the connection is trusted ({@link PgConnect}: verify-full unless the user switched it off).
 */
public record PgLogin(String host, int port, String database, String user, String sslmode, String password, PgConnect how) {

    @Override
    public String toString() {
        return "PgLogin[" + user + "@" + host + ":" + port + "/" + database + ", sslmode " + sslmode + "]";
    }

    /** An encrypted, verified connection with the password, which pgjdbc sends only after the certificate passed. */
    public Connection connect(Duration left) throws SQLException {
        var props = how.properties(host, port, left);
        how.encrypted(props);
        props.setProperty("user", user);
        props.setProperty("password", password);
        return DriverManager.getConnection(url(), props);
    }

    /**
     * A plain (unencrypted) connection attempt carrying no password at all: whether the server refuses it, or asks for
     * a password it would have received in clear. Issue 23: the old check logged in here with the real password.
     */
    public Connection connectPlainWithoutPassword(Duration left) throws SQLException {
        var props = how.properties(host, port, left);
        props.setProperty("sslmode", "disable");
        props.setProperty("user", user);
        return DriverManager.getConnection(url(), props);
    }

    private String url() {
        // The database name goes in the URL path: percent-encode it so no character of it is read as URL syntax.
        return how.url(host, port, URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** The server's (or driver's) message on one readable line, the password redacted. */
    public String reason(SQLException e) {
        return Shown.fromServer(e.getMessage() == null ? "no message from the driver" : e.getMessage(), List.of(password));
    }
}
