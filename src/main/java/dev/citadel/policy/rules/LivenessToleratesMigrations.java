package dev.citadel.policy.rules;

import dev.citadel.policy.ConfigParam;
import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.Findings;
import dev.citadel.policy.Policy;
import dev.citadel.policy.PolicyArgs;
import dev.citadel.policy.PolicyInfo;
import dev.citadel.policy.PolicyResource;
import dev.citadel.value.Prop;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.citadel.policy.rules.PropReads.opaque;

/**
 * Seed 001: authentik migrates its database at boot, one pod at a time behind an advisory lock. With the
 * chart's liveness probe (3 failures 10 s apart, 3 s timeout) the pods queuing on the lock were killed
 * and restarted in a loop, and kills mid-migration left sessions holding the lock. The fix gave the
 * server 6×10 s. An app that migrates at boot needs a liveness budget (initialDelaySeconds +
 * failureThreshold × periodSeconds) above the configured minimum, or a startupProbe.
 *
 * <p>For authentik chart values only a startupProbe set in the values counts: the chart has always
 * rendered its own (60 × 10 s) and the pods in seed 001 were killed all the same.
 */
public final class LivenessToleratesMigrations implements Policy.ResourcePolicy {
    static final List<String> DEFAULT_APPS = List.of("authentik", "keycloak");
    /** Kubernetes' probe defaults. */
    static final Map<String, Long> KUBERNETES_DEFAULTS = Map.of("initialDelaySeconds", 0L, "failureThreshold", 3L, "periodSeconds", 10L);

    static final PolicyInfo INFO = new PolicyInfo(
            "liveness-tolerates-migrations",
            "Apps that migrate their database at boot need a liveness budget above the minimum, or a startupProbe",
            EnforcementLevel.MANDATORY,
            "Give the liveness probe room for a migration (e.g. failureThreshold: 6, periodSeconds: 10, timeoutSeconds: 5, "
                    + "as seed 001's fix did for authentik's server.livenessProbe and worker.livenessProbe), or add a startupProbe "
                    + "that covers the longest migration",
            "001",
            List.of(new ConfigParam("migratingApps", "array",
                            "more image or chart name fragments of apps that migrate at boot (authentik and keycloak always count)"),
                    new ConfigParam("minLivenessBudgetSeconds", "integer",
                            "the least initialDelaySeconds + failureThreshold × periodSeconds allowed (default 60)")));

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public void check(PolicyResource r, PolicyArgs args, Findings findings) {
        var apps = new ArrayList<>(DEFAULT_APPS);
        args.strings("migratingApps").forEach(a -> apps.add(a.toLowerCase(Locale.ROOT)));
        var min = args.integer("minLivenessBudgetSeconds", 60);
        var pod = PodSpecs.of(r);
        if (pod.isPresent()) {
            for (var c : PodSpecs.containers(pod.get())) {
                if (!c.init() && opaque(c.spec())) {
                    findings.undecidable(r, "a container of " + ResourceLabels.of(r) + " (it may be a migrating app's)");
                    continue;
                }
                var repo = PropReads.text(c.image().repository()).orElse("") + " " + c.name();
                // No liveness probe at all: nothing kills the pod while it migrates.
                if (!c.init() && matches(repo, apps) && !c.spec().get("livenessProbe").isNull()) {
                    checkProbes(r, c.describe(), c.spec().get("livenessProbe"), c.spec().get("startupProbe"),
                            KUBERNETES_DEFAULTS, "Kubernetes' defaults", min, findings);
                }
            }
            return;
        }
        var release = HelmValues.of(r);
        // A chart not known before deployment may be authentik, whose defaults then decide.
        var chartUnknown = release.isPresent() && opaque(release.get().chart());
        if (release.isEmpty() || !(chartUnknown || release.get().isChart(AuthentikChart.CHART))) {
            return;
        }
        var values = release.get().values();
        if (chartUnknown && opaque(values)) {
            return;
        }
        if (opaque(values)) {
            findings.undecidable(r, "the values of " + ResourceLabels.of(r));
            return;
        }
        var asAuthentik = chartUnknown ? new Findings() : findings;
        checkChart(r, values, min, asAuthentik);
        if (chartUnknown && !asAuthentik.isEmpty()) {
            findings.undecidable(r, "the chart of " + ResourceLabels.of(r) + " (if it is authentik, its liveness budget "
                    + "is below the minimum)");
        }
    }

    private static void checkChart(PolicyResource r, Prop values, long min, Findings findings) {
        for (var component : AuthentikChart.COMPONENTS) {
            var v = values.get(component);
            if (v.get("enabled") instanceof Prop.Bool && !((Prop.Bool) v.get("enabled")).value()) {
                continue;
            }
            checkProbes(r, component + ".livenessProbe", v.get("livenessProbe"), v.get("startupProbe"),
                    AuthentikChart.LIVENESS_DEFAULTS, "the chart's defaults", min, findings);
        }
    }

    private static boolean matches(String text, List<String> apps) {
        var lower = text.toLowerCase(Locale.ROOT);
        return apps.stream().anyMatch(lower::contains);
    }

    private static void checkProbes(PolicyResource r, String where, Prop liveness, Prop startup, Map<String, Long> defaults,
                                    String defaultsName, long min, Findings findings) {
        var label = ResourceLabels.of(r);
        if (opaque(liveness)) {
            findings.undecidable(r, "the liveness probe of " + where + " in " + label);
            return;
        }
        var parts = new long[3];
        var names = List.of("initialDelaySeconds", "failureThreshold", "periodSeconds");
        var defaulted = false;
        for (int i = 0; i < names.size(); i++) {
            var value = liveness.get(names.get(i));
            if (opaque(value)) {
                findings.undecidable(r, "livenessProbe." + names.get(i) + " of " + where + " in " + label);
                return;
            }
            defaulted |= value.isNull();
            var text = PropReads.text(value).orElse(String.valueOf(defaults.get(names.get(i))));
            if (!text.matches("\\d{1,9}")) {
                findings.violation(r, label + ": livenessProbe." + names.get(i) + " of " + where + " is '" + text + "', not a whole number");
                return;
            }
            parts[i] = Long.parseLong(text);
        }
        var budget = parts[0] + parts[1] * parts[2];
        if (budget >= min) {
            return;
        }
        if (opaque(startup)) {
            findings.undecidable(r, "the startupProbe of " + where + " in " + label);
            return;
        }
        if (!startup.isNull()) {
            return;
        }
        findings.violation(r, label + ": " + where + " kills a booting pod after " + budget + "s (initialDelaySeconds " + parts[0]
                + " + failureThreshold " + parts[1] + " × periodSeconds " + parts[2] + (defaulted ? ", with " + defaultsName : "")
                + "), below the " + min + "s minimum, and there is no startupProbe: pods waiting on the migration lock are killed "
                + "in a loop (seed 001)");
    }
}
