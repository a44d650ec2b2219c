package dev.citadel.authentik;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alert group of {@link OutpostAlerts}. The series and labels are the exporters' own: Traefik's
 * {@code traefik_service_requests_total} and {@code traefik_entrypoint_requests_total} ({@code code}, {@code service},
 * {@code entrypoint}), and the outpost's {@code authentik_outpost_connection} gauge ({@code outpost_name} is the
 * outpost's name, 1 while its websocket to authentik is up), with the {@code namespace} and {@code pod} a scrape adds.
 * The outpost's own series also prove that the others can fire at all: their absence alerts too.
 */
final class OutpostAlertRules {
    static final String FORWARD_AUTH_400 = "AuthentikOutpostForwardAuth400Spike";
    static final String FALLBACK_ACTIVE = "AuthentikForwardAuthFallbackActive";
    static final String DISCONNECTED = "AuthentikOutpostDisconnected";
    static final String METRICS_MISSING = "AuthentikOutpostMetricsMissing";

    private OutpostAlertRules() {
    }

    static Map<String, Object> group(String namespace, OutpostAlerts a) {
        var service = OutpostNames.serviceName(a.outpostName());
        var traefikService = OutpostNames.traefikServiceRegex(namespace, a.outpostName());
        var outpost = "{namespace=\"" + namespace + "\",outpost_name=\"" + a.outpostName() + "\"}";
        var rules = new ArrayList<Map<String, Object>>();
        rules.add(rule(FORWARD_AUTH_400,
                "sum by (service) (rate(traefik_service_requests_total{service=~\"" + traefikService + "\",code=\"400\"}[5m])) > "
                        + OutpostAlerts.number(a.forwardAuth400PerSecond()),
                a.forDuration(), "warning", namespace,
                "The authentik outpost " + namespace + "/" + service + " answers 400 to more than "
                        + OutpostAlerts.number(a.forwardAuth400PerSecond()) + " requests/s",
                "Traefik service {{ $labels.service }} gets 400s from the outpost: forward-auth requests it cannot map to a "
                        + "provider (a host missing from the proxy providers, or a broken X-Forwarded-* header chain).",
                "kubectl -n " + namespace + " logs deploy/" + service + " | grep -i 'no provider\\|400'; compare the requested "
                        + "hosts with the outpost's proxy providers (authentik admin, Applications > Outposts)."));
        rules.add(rule(FALLBACK_ACTIVE,
                "sum(rate(traefik_entrypoint_requests_total{entrypoint=\"" + a.entrypoint() + "\",code=\"401\"}[5m])) > "
                        + OutpostAlerts.number(a.fallback401PerSecond()),
                a.forDuration(), "critical", namespace,
                "More than " + OutpostAlerts.number(a.fallback401PerSecond()) + " 401/s on entry point " + a.entrypoint()
                        + ": the auth-proxy emergency fallback is answering",
                "Sustained 401s at the edge are the symptom of the auth-proxy fallback, which takes over when the outpost "
                        + "Service " + namespace + "/" + service + " has no ready endpoint (seed 001). Measured at the edge "
                        + "because kube-state-metrics endpoint series can be silently dropped.",
                "kubectl -n " + namespace + " get endpoints " + service + "; kubectl -n " + namespace + " get pods -l "
                        + "goauthentik.io/outpost-name=" + OutpostNames.slugify(a.outpostName()) + "; if the Service selects no "
                        + "pod, compare its selector with the outpost pods' labels."));
        rules.add(rule(DISCONNECTED,
                "max by (namespace, pod) (authentik_outpost_connection" + outpost + ") == 0",
                a.forDuration(), "critical", namespace,
                "Outpost pod {{ $labels.pod }} has lost its connection to authentik",
                "The outpost keeps answering from its last configuration but no longer receives provider changes or "
                        + "session invalidations.",
                "kubectl -n " + namespace + " logs {{ $labels.pod }} | grep -i websocket; check that the authentik server "
                        + "Service answers and that the outpost token Secret " + service + " is current."));
        rules.add(rule(METRICS_MISSING,
                "absent(authentik_outpost_connection" + outpost + ")",
                "15m", "warning", namespace,
                "No metrics from authentik outpost " + a.outpostName() + " in " + namespace,
                "Without the outpost's series the outpost alerts cannot fire: seed 001's alert matched no series and "
                        + "never could have fired.",
                "Check that Prometheus scrapes the outpost's http-metrics port (9300) in " + namespace + " and that the "
                        + "outpost is named '" + a.outpostName() + "' in authentik."));
        var group = new LinkedHashMap<String, Object>();
        group.put("name", namespace + "-" + service + ".authentik");
        group.put("rules", rules);
        return group;
    }

    private static Map<String, Object> rule(String alert, String expr, String forDuration, String severity, String namespace,
                                            String summary, String description, String runbook) {
        var rule = new LinkedHashMap<String, Object>();
        rule.put("alert", alert);
        rule.put("expr", expr);
        rule.put("for", forDuration);
        var labels = new LinkedHashMap<String, Object>();
        labels.put("severity", severity);
        labels.put("namespace", namespace);
        rule.put("labels", labels);
        var annotations = new LinkedHashMap<String, Object>();
        annotations.put("summary", summary);
        annotations.put("description", description);
        annotations.put("runbook", runbook);
        rule.put("annotations", annotations);
        return rule;
    }

    static List<String> alertNames() {
        return List.of(FORWARD_AUTH_400, FALLBACK_ACTIVE, DISCONNECTED, METRICS_MISSING);
    }
}
