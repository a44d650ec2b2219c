package dev.citadel.authentik;

import dev.citadel.database.peers.Promtool;
import dev.citadel.plan.PlanRunner;
import dev.citadel.value.Redacted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.citadel.database.peers.Promtool.fires;
import static dev.citadel.database.peers.Promtool.series;
import static dev.citadel.database.peers.Promtool.silent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 001's outpost alerts, as the release emits them, through the real promtool. The input series carry the names
 * and labels the exporters publish: Traefik's {@code traefik_service_requests_total} with the {@code service} label its
 * kubernetes providers build ({@code <namespace>-<service>-<port>@kubernetes}) for the Service authentik creates
 * ({@code ak-outpost-<slug>}), Traefik's {@code traefik_entrypoint_requests_total}, and the outpost's
 * {@code authentik_outpost_connection} with the labels a ServiceMonitor scrape of {@code http-metrics} adds. Each alert
 * fires on broken series, stays silent on healthy ones, and the seed's selector ({@code authentik-authentik-outpost-})
 * never fires.
 */
class OutpostAlertsPromtoolTest {
    static final String PROMETHEUS_RULE = "kubernetes:monitoring.coreos.com/v1:PrometheusRule";
    private static final String TRAEFIK_SERVICE = "authentik-ak-outpost-authentik-embedded-outpost-9000@kubernetes";
    private static final String SCRAPE = "job=\"ak-outpost-authentik-embedded-outpost\",service=\"ak-outpost-authentik-embedded-outpost\","
            + "endpoint=\"http-metrics\",namespace=\"authentik\",outpost_name=\"authentik Embedded Outpost\",outpost_type=\"proxy\"";
    private static final String POD1 = "ak-outpost-authentik-embedded-outpost-6f7c9d8b4-k2x9p";
    private static final String POD2 = "ak-outpost-authentik-embedded-outpost-6f7c9d8b4-q7m4t";

    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    static Map<String, Object> renderedGroup(OutpostAlerts alerts) {
        var plan = new PlanRunner("citadel", "test", Map.of(), Set.of()).run(ctx ->
                new AuthentikRelease("authentik", AuthentikReleaseTest.homelab().outpostAlerts(alerts).build()));
        var rules = plan.ofType(PROMETHEUS_RULE);
        assertThat(rules).hasSize(1);
        assertThat(rules.get(0).name()).isEqualTo("authentik-outpost-alerts");
        var spec = (Map<String, Object>) Redacted.plain(rules.get(0).inputs().get("spec"));
        var groups = (List<Map<String, Object>>) spec.get("groups");
        assertThat(groups).hasSize(1);
        return groups.get(0);
    }

    private static String connection(String pod, String uuid) {
        return "authentik_outpost_connection{" + SCRAPE + ",pod=\"" + pod + "\",uuid=\"" + uuid + "\"}";
    }

    private static List<Object> broken(boolean withOutpostSeries) {
        var s = new ArrayList<Object>();
        // 2/s of 400s from the outpost (120 a minute), next to 200s that must not count.
        s.add(series("traefik_service_requests_total{code=\"400\",method=\"GET\",protocol=\"http\",service=\"" + TRAEFIK_SERVICE + "\"}", "0+120x90"));
        s.add(series("traefik_service_requests_total{code=\"200\",method=\"GET\",protocol=\"http\",service=\"" + TRAEFIK_SERVICE + "\"}", "0+6000x90"));
        // 10/s of 401s at the edge: the fallback answers.
        s.add(series("traefik_entrypoint_requests_total{code=\"401\",entrypoint=\"websecure\",method=\"GET\",protocol=\"http\"}", "0+600x90"));
        if (withOutpostSeries) {
            s.add(series(connection(POD1, "0b6d1c2e-9f7a-4c1e-8a55-3f1e2d4c5b6a"), "0+0x90"));
            s.add(series(connection(POD2, "7c1f0e9d-2a3b-4c5d-9e8f-1a2b3c4d5e6f"), "1+0x90"));
        }
        return s;
    }

    private static List<Object> healthy() {
        return List.of(
                series("traefik_service_requests_total{code=\"400\",method=\"GET\",protocol=\"http\",service=\"" + TRAEFIK_SERVICE + "\"}", "0+6x90"),
                series("traefik_service_requests_total{code=\"200\",method=\"GET\",protocol=\"http\",service=\"" + TRAEFIK_SERVICE + "\"}", "0+6000x90"),
                series("traefik_entrypoint_requests_total{code=\"401\",entrypoint=\"websecure\",method=\"GET\",protocol=\"http\"}", "0+60x90"),
                series("traefik_entrypoint_requests_total{code=\"200\",entrypoint=\"websecure\",method=\"GET\",protocol=\"http\"}", "0+6000x90"),
                series(connection(POD1, "0b6d1c2e-9f7a-4c1e-8a55-3f1e2d4c5b6a"), "1+0x90"),
                series(connection(POD2, "7c1f0e9d-2a3b-4c5d-9e8f-1a2b3c4d5e6f"), "1+0x90"));
    }

    /** The alert as promtool must report it: the rule's labels plus the expression's, templates expanded. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> expected(Map<String, Object> group, String alert, Map<String, String> exprLabels) {
        var rule = ((List<Map<String, Object>>) group.get("rules")).stream().filter(r -> alert.equals(r.get("alert"))).findFirst().orElseThrow();
        var labels = new LinkedHashMap<String, Object>(exprLabels);
        labels.putAll((Map<String, Object>) rule.get("labels"));
        var annotations = new LinkedHashMap<String, Object>();
        ((Map<String, Object>) rule.get("annotations")).forEach((k, v) -> annotations.put(k, ((String) v)
                .replace("{{ $labels.pod }}", exprLabels.getOrDefault("pod", ""))
                .replace("{{ $labels.service }}", exprLabels.getOrDefault("service", ""))));
        return Map.of("exp_labels", labels, "exp_annotations", annotations);
    }

    private Path writeTests(Map<String, Object> group) throws Exception {
        var firing = List.of(
                fires(OutpostAlertRules.FORWARD_AUTH_400, "20m", expected(group, OutpostAlertRules.FORWARD_AUTH_400,
                        Map.of("service", TRAEFIK_SERVICE))),
                fires(OutpostAlertRules.FALLBACK_ACTIVE, "20m", expected(group, OutpostAlertRules.FALLBACK_ACTIVE, Map.of())),
                fires(OutpostAlertRules.DISCONNECTED, "20m", expected(group, OutpostAlertRules.DISCONNECTED,
                        Map.of("namespace", "authentik", "pod", POD1))),
                silent(OutpostAlertRules.METRICS_MISSING, "80m"));
        var missing = List.of(fires(OutpostAlertRules.METRICS_MISSING, "80m", expected(group, OutpostAlertRules.METRICS_MISSING,
                Map.of("namespace", "authentik", "outpost_name", "authentik Embedded Outpost"))));
        var quiet = new ArrayList<Object>();
        for (var alert : OutpostAlertRules.alertNames()) {
            quiet.add(silent(alert, "20m"));
            quiet.add(silent(alert, "80m"));
        }
        return Promtool.writeTests(dir, group, List.of(
                Map.of("interval", "1m", "input_series", broken(true), "alert_rule_test", firing),
                Map.of("interval", "1m", "input_series", broken(false), "alert_rule_test", missing),
                Map.of("interval", "1m", "input_series", healthy(), "alert_rule_test", quiet)));
    }

    /** The group with the 400 alert's selector as seed 001 first wrote it: the chart's release prefix instead of ak-outpost. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withSeedSelector(Map<String, Object> group) {
        var rules = new ArrayList<Map<String, Object>>();
        for (var rule : (List<Map<String, Object>>) group.get("rules")) {
            var copy = new LinkedHashMap<>(rule);
            if (OutpostAlertRules.FORWARD_AUTH_400.equals(rule.get("alert"))) {
                var expr = (String) rule.get("expr");
                assertThat(expr).contains("service=~\"authentik-ak-outpost-authentik-embedded-outpost-.+\"");
                copy.put("expr", expr.replace("authentik-ak-outpost-", "authentik-authentik-outpost-"));
            }
            rules.add(copy);
        }
        var broken = new LinkedHashMap<>(group);
        broken.put("rules", rules);
        return broken;
    }

    @Test
    void theRulesLoad() throws Exception {
        var r = Promtool.check(dir, renderedGroup(OutpostAlerts.forOutpost(AuthentikDefaults.EMBEDDED_OUTPOST)));
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS: 4 rules found");
    }

    @Test
    void everyAlertFiresOnBrokenSeriesAndStaysSilentOnHealthyOnes() throws Exception {
        var r = Promtool.run("test", "rules", writeTests(renderedGroup(OutpostAlerts.forOutpost(AuthentikDefaults.EMBEDDED_OUTPOST))).toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS");
    }

    /** The negative twin: seed 001's selector, against the same expectations, misses the 400s and only that alert fails. */
    @Test
    void theSeedSelectorMissesTheOutpostsSeries() throws Exception {
        var group = withSeedSelector(renderedGroup(OutpostAlerts.forOutpost(AuthentikDefaults.EMBEDDED_OUTPOST)));
        var r = Promtool.run("test", "rules", writeTests(group).toString());
        assertThat(r.exitCode()).as(r.output()).isNotZero();
        assertThat(r.output()).contains("alertname: " + OutpostAlertRules.FORWARD_AUTH_400)
                .doesNotContain("alertname: " + OutpostAlertRules.FALLBACK_ACTIVE)
                .doesNotContain("alertname: " + OutpostAlertRules.DISCONNECTED);
    }

    /** ... and "never could have fired": silent on a 2/s storm of 400s from the outpost. */
    @Test
    void theSeedSelectorNeverFires() throws Exception {
        var group = withSeedSelector(renderedGroup(OutpostAlerts.forOutpost(AuthentikDefaults.EMBEDDED_OUTPOST)));
        var file = Promtool.writeTests(dir, group, List.of(Map.of("interval", "1m", "input_series", broken(true),
                "alert_rule_test", List.of(silent(OutpostAlertRules.FORWARD_AUTH_400, "20m"),
                        silent(OutpostAlertRules.FORWARD_AUTH_400, "80m")))));
        var r = Promtool.run("test", "rules", file.toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
    }

    /** Tuned thresholds reach the expressions: at 3/s the 2/s of 400s no longer alerts, at 20/s neither do 10/s of 401s. */
    @Test
    void thresholdsAreTunable() throws Exception {
        var group = renderedGroup(OutpostAlerts.forOutpost(AuthentikDefaults.EMBEDDED_OUTPOST)
                .withForwardAuth400PerSecond(3).withFallback401PerSecond(20).withFor("10m"));
        var file = Promtool.writeTests(dir, group, List.of(Map.of("interval", "1m", "input_series", broken(true),
                "alert_rule_test", List.of(silent(OutpostAlertRules.FORWARD_AUTH_400, "30m"),
                        silent(OutpostAlertRules.FALLBACK_ACTIVE, "30m"),
                        fires(OutpostAlertRules.DISCONNECTED, "30m", expected(group, OutpostAlertRules.DISCONNECTED,
                                Map.of("namespace", "authentik", "pod", POD1))),
                        silent(OutpostAlertRules.DISCONNECTED, "9m")))));
        var r = Promtool.run("test", "rules", file.toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
    }
}
