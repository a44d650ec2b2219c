package dev.citadel.database;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alert group a {@link CnpgCluster} ships: what the CNPG {@code cluster} chart lacks. Every expression selects
 * the cluster's instance pods by the labels the PodMonitor scrape gives them ({@code namespace}, {@code pod}), on
 * the metric names the CNPG exporter and the barman-cloud plugin publish; seed 001's alert "never could have
 * fired" because its selector matched no series, so the backup alert also fires when its series is absent.
 */
final class CnpgAlerts {
    private CnpgAlerts() {
    }

    static Map<String, Object> group(String name, String namespace, CnpgClusterArgs args) {
        var m = args.monitoring();
        var sel = "{namespace=\"" + namespace + "\",pod=~\"" + name + "-[0-9]+\"}";
        var rules = new ArrayList<Map<String, Object>>();
        if (args.backup().isPresent()) {
            rules.add(rule("CnpgWalArchivingFailing",
                    "cnpg_pg_stat_archiver_last_failed_time" + sel + " > cnpg_pg_stat_archiver_last_archived_time" + sel,
                    m.archivingFailingFor(), "critical", name, namespace,
                    "WAL archiving of " + namespace + "/" + name + " is failing",
                    "The last archive_command failure on {{ $labels.pod }} is newer than its last success: WAL piles up on "
                            + "the volume and point-in-time recovery stops at the last archived segment (seed 000).",
                    "kubectl -n " + namespace + " logs " + name + "-1 -c plugin-barman-cloud | grep -i error. "
                            + "'NotImplemented' or a checksum error: the ObjectStore needs AWS_REQUEST_CHECKSUM_CALCULATION and "
                            + "AWS_RESPONSE_CHECKSUM_VALIDATION=when_required (CnpgCluster sets them for non-AWS endpoints). "
                            + "'Expected empty archive': the server name holds another incarnation's WAL; bump incarnation. "
                            + "Credentials: check the Secret the ObjectStore's s3Credentials name."));
            rules.add(rule("CnpgLastBackupTooOld",
                    "time() - max(barman_cloud_cloudnative_pg_io_last_available_backup_timestamp" + sel + ") > "
                            + (m.backupMaxAgeHours() * 3600),
                    "10m", "warning", name, namespace,
                    "The last base backup of " + namespace + "/" + name + " is older than " + m.backupMaxAgeHours() + "h",
                    "The barman-cloud plugin reports no base backup newer than " + m.backupMaxAgeHours() + " hours.",
                    "kubectl -n " + namespace + " get backups -l cnpg.io/cluster=" + name + " and describe the newest failed "
                            + "one; check the ScheduledBackup " + name + "-daily is not suspended."));
            rules.add(rule("CnpgBackupMetricMissing",
                    "absent(barman_cloud_cloudnative_pg_io_last_available_backup_timestamp" + sel + ")",
                    "1h", "warning", name, namespace,
                    "No backup metric for " + namespace + "/" + name,
                    "Without the barman-cloud plugin's backup timestamp the backup-age alert cannot fire.",
                    "Check the PodMonitor " + name + " is scraped (Prometheus targets) and the plugin sidecar runs."));
        }
        if (args.instances() > 1) {
            rules.add(rule("CnpgReplicationLagHigh",
                    "max by (namespace, pod) (cnpg_pg_replication_lag" + sel + ") > " + m.replicationLagSeconds(),
                    "5m", "warning", name, namespace,
                    "Replica {{ $labels.pod }} of " + namespace + "/" + name + " lags",
                    "A replica is more than " + m.replicationLagSeconds() + " s behind the primary; a failover now loses that much.",
                    "kubectl cnpg status " + name + " -n " + namespace + "; look for a long transaction or a slow volume on the replica."));
        }
        rules.add(rule("CnpgClusterOffline",
                "(count(cnpg_collector_up" + sel + " == 1) or on() vector(0)) == 0",
                "5m", "critical", name, namespace,
                namespace + "/" + name + " has no running PostgreSQL instance",
                "No instance of the cluster reports PostgreSQL up.",
                "kubectl -n " + namespace + " get pods -l cnpg.io/cluster=" + name + "; kubectl cnpg status " + name + " -n " + namespace + "."));
        var group = new LinkedHashMap<String, Object>();
        group.put("name", namespace + "-" + name + ".cnpg");
        group.put("rules", rules);
        return group;
    }

    private static Map<String, Object> rule(String alert, String expr, String forDuration, String severity, String cluster,
                                            String namespace, String summary, String description, String runbook) {
        var rule = new LinkedHashMap<String, Object>();
        rule.put("alert", alert);
        rule.put("expr", expr);
        rule.put("for", forDuration);
        rule.put("labels", Map.of("severity", severity, "cnpg_cluster", cluster, "namespace", namespace));
        rule.put("annotations", Map.of("summary", summary, "description", description, "runbook", runbook));
        return rule;
    }

    static List<String> alertNames(Map<String, Object> group) {
        @SuppressWarnings("unchecked")
        var rules = (List<Map<String, Object>>) group.get("rules");
        return rules.stream().map(r -> (String) r.get("alert")).toList();
    }
}
