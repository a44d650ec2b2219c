package dev.citadel.database;

import java.util.regex.Pattern;

/**
 * The PodMonitor and PrometheusRule a {@link CnpgCluster} emits: the alerts the CNPG {@code cluster} chart does
 * not ship (seed 000's WAL archiving failed on four clusters unseen).
 *
 * @param enabled              emit them at all
 * @param archivingFailingFor  how long archiving must fail before WAL archiving alerts
 * @param backupMaxAgeHours    a last available backup older than this alerts
 * @param replicationLagSeconds replica lag above this alerts
 */
public record Monitoring(boolean enabled, String archivingFailingFor, int backupMaxAgeHours, int replicationLagSeconds) {
    private static final Pattern PROM_DURATION = Pattern.compile("([0-9]+(ms|s|m|h|d|w|y))+");

    public static Monitoring defaults() {
        return new Monitoring(true, "5m", 26, 300);
    }

    public static Monitoring off() {
        return new Monitoring(false, "5m", 26, 300);
    }

    public Monitoring withArchivingFailingFor(String duration) {
        return new Monitoring(enabled, duration, backupMaxAgeHours, replicationLagSeconds);
    }

    public Monitoring withBackupMaxAgeHours(int hours) {
        return new Monitoring(enabled, archivingFailingFor, hours, replicationLagSeconds);
    }

    public Monitoring withReplicationLagSeconds(int seconds) {
        return new Monitoring(enabled, archivingFailingFor, backupMaxAgeHours, seconds);
    }

    void validate() {
        if (!enabled) {
            return;
        }
        if (archivingFailingFor == null || !PROM_DURATION.matcher(archivingFailingFor).matches()) {
            throw new IllegalArgumentException("monitoring.archivingFailingFor: '" + archivingFailingFor
                    + "' is not a Prometheus duration; write e.g. 5m");
        }
        if (backupMaxAgeHours < 1) {
            throw new IllegalArgumentException("monitoring.backupMaxAgeHours: " + backupMaxAgeHours + " is below 1; a daily backup wants e.g. 26");
        }
        if (replicationLagSeconds < 1) {
            throw new IllegalArgumentException("monitoring.replicationLagSeconds: " + replicationLagSeconds + " is below 1; use e.g. 300");
        }
    }
}
