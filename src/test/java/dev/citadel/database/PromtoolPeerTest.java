package dev.citadel.database;

import dev.citadel.database.peers.Promtool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.citadel.database.DatabasePlans.at;
import static dev.citadel.database.DatabasePlans.only;
import static dev.citadel.database.DatabasePlans.spec;
import static dev.citadel.database.peers.Promtool.fires;
import static dev.citadel.database.peers.Promtool.series;
import static dev.citadel.database.peers.Promtool.silent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emitted PrometheusRule through the real promtool (Debian prometheus): it loads, every alert fires on synthetic
 * series carrying the exact metric and label names the CNPG exporter and the barman-cloud plugin publish (as the
 * PodMonitor scrape labels them: namespace, pod), and stays silent on healthy ones. Seed 001's alert "never could have
 * fired" because its selector matched nothing; a broken selector here makes promtool's test fail.
 */
class PromtoolPeerTest {
    private static final String POD1 = "{namespace=\"authentik\",pod=\"authentik-db-1\"}";
    private static final String POD2 = "{namespace=\"authentik\",pod=\"authentik-db-2\"}";

    @TempDir
    Path dir;

    private static Map<String, Object> renderedGroup() {
        var plan = DatabasePlans.authentikPlan(1, b -> b);
        List<Map<String, Object>> groups = at(spec(only(plan, DatabasePlans.PROMETHEUS_RULE)), "groups");
        assertThat(groups).hasSize(1);
        return groups.get(0);
    }

    private static List<Object> unhealthy(boolean withBackupMetric) {
        var s = new ArrayList<Object>();
        // The last failure keeps being newer than the last success: archiving is broken.
        s.add(series("cnpg_pg_stat_archiver_last_failed_time" + POD1, "1000+60x90"));
        s.add(series("cnpg_pg_stat_archiver_last_archived_time" + POD1, "500+0x90"));
        if (withBackupMetric) {
            s.add(series("barman_cloud_cloudnative_pg_io_last_available_backup_timestamp" + POD1, "-200000+0x90"));
        }
        s.add(series("cnpg_pg_replication_lag" + POD2, "400+0x90"));
        s.add(series("cnpg_collector_up" + POD1, "0+0x90"));
        s.add(series("cnpg_collector_up" + POD2, "0+0x90"));
        return s;
    }

    private static List<Object> healthy() {
        return List.of(
                series("cnpg_pg_stat_archiver_last_failed_time" + POD1, "500+0x90"),
                series("cnpg_pg_stat_archiver_last_archived_time" + POD1, "1000+60x90"),
                series("barman_cloud_cloudnative_pg_io_last_available_backup_timestamp" + POD1, "0+60x90"),
                series("cnpg_pg_replication_lag" + POD2, "1+0x90"),
                series("cnpg_collector_up" + POD1, "1+0x90"),
                series("cnpg_collector_up" + POD2, "1+0x90"));
    }

    /** The alert as promtool must see it: the rule's labels plus the expression's, annotations with $labels.pod expanded. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> expected(Map<String, Object> group, String alert, Map<String, String> exprLabels, String pod) {
        var rule = ((List<Map<String, Object>>) group.get("rules")).stream().filter(r -> alert.equals(r.get("alert"))).findFirst().orElseThrow();
        var labels = new LinkedHashMap<String, Object>((Map<String, Object>) rule.get("labels"));
        labels.putAll(exprLabels);
        var annotations = new LinkedHashMap<String, Object>();
        ((Map<String, Object>) rule.get("annotations")).forEach((k, v) -> annotations.put(k, ((String) v).replace("{{ $labels.pod }}", pod)));
        return Map.of("exp_labels", labels, "exp_annotations", annotations);
    }

    private Path writeTests(Map<String, Object> group) throws Exception {
        var ns = Map.of("namespace", "authentik");
        var firing = List.of(
                fires("CnpgWalArchivingFailing", "20m", expected(group, "CnpgWalArchivingFailing",
                        Map.of("namespace", "authentik", "pod", "authentik-db-1"), "authentik-db-1")),
                fires("CnpgLastBackupTooOld", "20m", expected(group, "CnpgLastBackupTooOld", Map.of(), "")),
                fires("CnpgReplicationLagHigh", "20m", expected(group, "CnpgReplicationLagHigh",
                        Map.of("namespace", "authentik", "pod", "authentik-db-2"), "authentik-db-2")),
                fires("CnpgClusterOffline", "20m", expected(group, "CnpgClusterOffline", Map.of(), "")),
                silent("CnpgBackupMetricMissing", "80m"));
        var missing = List.of(fires("CnpgBackupMetricMissing", "80m", expected(group, "CnpgBackupMetricMissing", ns, "")));
        var quiet = new ArrayList<Object>();
        for (var alert : List.of("CnpgWalArchivingFailing", "CnpgLastBackupTooOld", "CnpgBackupMetricMissing",
                "CnpgReplicationLagHigh", "CnpgClusterOffline")) {
            quiet.add(silent(alert, "20m"));
            quiet.add(silent(alert, "80m"));
        }
        var tests = List.of(
                Map.of("interval", "1m", "input_series", unhealthy(true), "alert_rule_test", firing),
                Map.of("interval", "1m", "input_series", unhealthy(false), "alert_rule_test", missing),
                Map.of("interval", "1m", "input_series", healthy(), "alert_rule_test", quiet));
        return Promtool.writeTests(dir, group, tests);
    }

    @Test
    void theRulesLoad() throws Exception {
        var r = Promtool.check(dir, renderedGroup());
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS: 5 rules found");
    }

    @Test
    void everyAlertFiresOnBrokenSeriesAndStaysSilentOnHealthyOnes() throws Exception {
        var r = Promtool.run("test", "rules", writeTests(renderedGroup()).toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS");
    }

    /** The negative twin: the same expectations against a rule whose selector matches no series (seed 001's alert). */
    @Test
    @SuppressWarnings("unchecked")
    void anAlertWhoseSelectorMatchesNothingFailsTheTest() throws Exception {
        var group = renderedGroup();
        var rules = new ArrayList<Map<String, Object>>();
        for (var rule : (List<Map<String, Object>>) group.get("rules")) {
            var copy = new LinkedHashMap<>(rule);
            if ("CnpgWalArchivingFailing".equals(rule.get("alert"))) {
                copy.put("expr", ((String) rule.get("expr")).replace("pod=~\"authentik-db-[0-9]+\"", "pod=~\"authentik-[0-9]+\""));
            }
            rules.add(copy);
        }
        var broken = new LinkedHashMap<>(group);
        broken.put("rules", rules);
        var r = Promtool.run("test", "rules", writeTests(broken).toString());
        assertThat(r.exitCode()).as(r.output()).isNotZero();
        assertThat(r.output()).contains("CnpgWalArchivingFailing").doesNotContain("alertname: CnpgClusterOffline");
    }
}
