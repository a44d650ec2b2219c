package dev.citadel.verify;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/**
 * How one application role logs in, the way its app does: host, port, database, role, the sslmode the stack declares,
 * and the password (never printed: {@link #toString()} leaves it out, and pgjdbc never puts it in a message).
 */
public record PgLogin(String host, int port, String database, String user, String sslmode, String password) {

    @Override
    public String toString() {
        return "PgLogin[" + user + "@" + host + ":" + port + "/" + database + ", sslmode " + sslmode + "]";
    }

    /** A connection with the declared sslmode. */
    public Connection connect() throws SQLException {
        return connect(sslmode);
    }

    /** A connection with another sslmode (to show that a plain one is refused). */
    public Connection connect(String mode) throws SQLException {
        var props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("sslmode", mode.toLowerCase(Locale.ROOT));
        props.setProperty("connectTimeout", "15");
        props.setProperty("socketTimeout", "60");
        props.setProperty("ApplicationName", "citadel-verify");
        // The database name goes in the URL path: percent-encode it so no character of it is read as URL syntax.
        var url = "jdbc:postgresql://" + host + ":" + port + "/"
                + URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
        return DriverManager.getConnection(url, props);
    }

    /** The server's message on one line, without the password (pgjdbc never puts it there). */
    public static String reason(SQLException e) {
        var m = e.getMessage() == null ? "no message from the driver" : e.getMessage();
        return m.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
