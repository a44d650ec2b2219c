package dev.citadel.database;

import java.util.List;
import java.util.Objects;

/**
 * A provisioning script as data: what runs in which database, in order. {@link #psql()} is the text the Job's
 * psql runs; a JDBC client can run the same steps (PostgreSQL has no {@code CREATE DATABASE IF NOT EXISTS}, so the
 * conditional steps are psql's {@code \gexec}: a query whose every result cell is then executed).
 *
 * @param segments one per database, in order; the first runs in the database the connection opened
 */
public record SqlScript(List<Segment> segments) {

    public SqlScript {
        segments = List.copyOf(segments);
    }

    /** @param database where it runs; empty for the connection's own database */
    public record Segment(String database, List<Step> steps) {
        public Segment {
            Objects.requireNonNull(database, "database");
            steps = List.copyOf(steps);
        }
    }

    public sealed interface Step {
    }

    /** One statement, run as is. */
    public record Run(String sql) implements Step {
    }

    /** A query whose result cells are statements, each then run (psql's {@code \gexec}); no rows, nothing runs. */
    public record Gexec(String query) implements Step {
    }

    /**
     * The role's password, read by psql from its stdin ({@code \password}, which without a terminal reads stdin) and
     * sent as a SCRAM-SHA-256 verifier psql computes: the password is in no statement text, no log and no error.
     */
    public record PasswordFromStdin(String role) implements Step {
    }

    /** The script as psql runs it ({@code psql -v ON_ERROR_STOP=1 -f}, the password on stdin twice). */
    public String psql() {
        var out = new StringBuilder();
        out.append("\\set ON_ERROR_STOP on\n");
        var first = true;
        for (var segment : segments) {
            if (!first || !segment.database().isEmpty()) {
                // A literal in single quotes: psql takes the whole argument as the database name.
                out.append("\\connect ").append(RdsSql.literal(segment.database())).append('\n');
            }
            first = false;
            for (var step : segment.steps()) {
                if (step instanceof Run run) {
                    out.append(run.sql()).append(";\n");
                } else if (step instanceof Gexec g) {
                    out.append(g.query()).append(" \\gexec\n");
                } else if (step instanceof PasswordFromStdin p) {
                    out.append("\\password ").append(RdsSql.ident(p.role())).append('\n');
                }
            }
        }
        return out.toString();
    }
}
