package dev.citadel.verify;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/**
 * One reading of {@code pg_stat_archiver}: whether WAL reaches the backup store. Seed 000: archiving failed on four
 * clusters for days with nothing but "exit status 1" in a sidecar log; this view showed it all along. Any role may read
 * it (its function is executable by PUBLIC), so the app role's own login is enough, and verify never needs the
 * superuser's Secret, which CNPG does not even create by default.
 */
public record ArchiverHealth(long archivedCount, String lastArchivedWal, Instant lastArchivedTime,
                             long failedCount, String lastFailedWal, Instant lastFailedTime) {

    public static ArchiverHealth read(Connection c) throws SQLException {
        try (var s = c.createStatement(); var rs = s.executeQuery("SELECT archived_count, last_archived_wal, last_archived_time, "
                + "failed_count, last_failed_wal, last_failed_time FROM pg_catalog.pg_stat_archiver")) {
            if (!rs.next()) {
                throw new SQLException("pg_stat_archiver returned no row");
            }
            return new ArchiverHealth(rs.getLong(1), rs.getString(2), instant(rs.getObject(3, OffsetDateTime.class)),
                    rs.getLong(4), rs.getString(5), instant(rs.getObject(6, OffsetDateTime.class)));
        }
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    /** No failure since the last success: never failed, or the last failure is older than the last archived segment. */
    public boolean failingNow() {
        return lastFailedTime != null && (lastArchivedTime == null || !lastFailedTime.isBefore(lastArchivedTime));
    }

    /**
     * The verdict: FAIL when the last attempt failed (with the WAL and time, and what each known cause looks like), when
     * nothing was ever archived, or when the last success is older than {@code maxAge}; else PASS.
     *
     * @param namespace the cluster's namespace and {@code cluster} its name, for the command the fix names
     * @param server    the barman server name it archives under
     */
    public CheckResult verdict(String check, String namespace, String cluster, String server, Instant now, Duration maxAge) {
        if (failingNow()) {
            return CheckResult.fail(check, "WAL " + lastFailedWal + " failed to archive at " + iso(lastFailedTime) + " (" + failedCount
                    + (failedCount == 1 ? " failure" : " failures") + "), and nothing archived since " + lastSuccess()
                    + "; read the barman-cloud sidecar's log (kubectl -n " + namespace + " logs -l cnpg.io/cluster=" + cluster
                    + ",cnpg.io/instanceRole=primary -c plugin-barman-cloud): 'NotImplemented' means the ObjectStore lacks AWS_REQUEST_CHECKSUM_CALCULATION and "
                    + "AWS_RESPONSE_CHECKSUM_VALIDATION=when_required; 'Expected empty archive' means server name " + server
                    + " holds another incarnation's WAL: bump incarnation");
        }
        if (lastArchivedTime == null) {
            return CheckResult.fail(check, "no WAL segment archived yet (pg_stat_archiver shows none, and no failure either); "
                    + "is archive_mode on and the barman-cloud plugin the cluster's WAL archiver?");
        }
        var age = Duration.between(lastArchivedTime, now);
        if (age.compareTo(maxAge) > 0) {
            return CheckResult.fail(check, "the last WAL archived was " + lastArchivedWal + " at " + iso(lastArchivedTime) + ", "
                    + minutes(age) + " ago, over the " + minutes(maxAge) + " allowed; CNPG switches WAL every 5 min when anything "
                    + "was written, so archiving has stalled (or the cluster is idle: raise --max-archive-age)");
        }
        return CheckResult.pass(check, "WAL " + lastArchivedWal + " archived at " + iso(lastArchivedTime) + " under server name "
                + server + " (" + archivedCount + " archived; " + (lastFailedTime == null ? "no failure"
                : "last failure " + iso(lastFailedTime) + ", before that success") + ")");
    }

    private String lastSuccess() {
        return lastArchivedTime == null ? "(no segment was ever archived)"
                : "(last success: " + lastArchivedWal + " at " + iso(lastArchivedTime) + ")";
    }

    /** ISO-8601 in UTC to the second: what the line shows (the comparison keeps the server's microseconds). */
    private static String iso(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String minutes(Duration d) {
        return d.toMinutes() + " min";
    }
}
