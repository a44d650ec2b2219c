package dev.citadel.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Map;

/**
 * Runs a {@link SqlScript} over JDBC the way psql runs its {@link SqlScript#psql()} text in the Job: one session per
 * segment, {@code \gexec} as "run every cell the query returns", settings from the given environment. Test-only: the
 * Job is psql; this lets the build run the same steps without a psql binary.
 */
final class SqlScriptRunner {
    interface Connect {
        Connection to(String database) throws SQLException;
    }

    private SqlScriptRunner() {
    }

    static void run(SqlScript script, Connect connect, String firstDatabase, Map<String, String> env) throws SQLException {
        for (var segment : script.segments()) {
            try (var c = connect.to(segment.database().isEmpty() ? firstDatabase : segment.database())) {
                c.setAutoCommit(true);
                for (var step : segment.steps()) {
                    if (step instanceof SqlScript.Run r) {
                        try (var s = c.createStatement()) {
                            s.execute(r.sql());
                        }
                    } else if (step instanceof SqlScript.Gexec g) {
                        var statements = new ArrayList<String>();
                        try (var s = c.createStatement(); var rs = s.executeQuery(g.query())) {
                            var columns = rs.getMetaData().getColumnCount();
                            while (rs.next()) {
                                for (int i = 1; i <= columns; i++) {
                                    statements.add(rs.getString(i));
                                }
                            }
                        }
                        for (var sql : statements) {
                            try (var s = c.createStatement()) {
                                s.execute(sql);
                            }
                        }
                    } else if (step instanceof SqlScript.SettingFromEnv e) {
                        var value = env.get(e.env());
                        if (value == null) {
                            // psql's \getenv leaves the variable unset, and :'var' then is a syntax error: the script stops.
                            throw new SQLException("environment variable " + e.env() + " is not set");
                        }
                        try (var s = c.prepareStatement("SELECT set_config(?, ?, false)")) {
                            s.setString(1, e.setting());
                            s.setString(2, value);
                            s.execute();
                        }
                    }
                }
            }
        }
    }
}
