package dev.citadel.policy.rules;

import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.Findings;
import dev.citadel.policy.Policy;
import dev.citadel.policy.PolicyArgs;
import dev.citadel.policy.PolicyInfo;
import dev.citadel.policy.PolicyResource;
import dev.citadel.value.Prop;

import java.util.ArrayList;
import java.util.stream.Collectors;

import static dev.citadel.policy.rules.PropReads.opaque;

/**
 * Seed 001: gunicorn workers, cache timeouts and conn_max_age were set under {@code authentik.*} in the
 * chart values, but {@code authentik.existingSecret.secretName} was set too, so the chart skipped
 * rendering its AUTHENTIK_* Secret and the pods ran the defaults. Those values are inert; they belong
 * in {@code server.env}/{@code worker.env}.
 */
public final class InertHelmValues implements Policy.ResourcePolicy {
    static final PolicyInfo INFO = new PolicyInfo(
            "inert-helm-values",
            "authentik chart values under authentik.* do nothing while authentik.existingSecret.secretName is set",
            EnforcementLevel.MANDATORY,
            "Move each setting to server.env and worker.env as its AUTHENTIK_* variable (authentik.web.workers becomes "
                    + "AUTHENTIK_WEB__WORKERS), or put it in the existing Secret; then delete it from authentik.*",
            "001");

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public void check(PolicyResource r, PolicyArgs args, Findings findings) {
        // A chart not known before deployment may be authentik: its authentik.* values still decide.
        var release = HelmValues.of(r).filter(rel -> rel.isChart(AuthentikChart.CHART) || opaque(rel.chart()));
        if (release.isEmpty()) {
            return;
        }
        var chartUnknown = opaque(release.get().chart());
        var values = release.get().values();
        var authentik = values.get("authentik");
        if (chartUnknown && (opaque(values) || !(authentik instanceof Prop.Obj))) {
            return;
        }
        if (opaque(values) || opaque(authentik)) {
            findings.undecidable(r, "the authentik.* values of " + ResourceLabels.of(r));
            return;
        }
        var inert = new ArrayList<String>();
        HelmValues.leaves(authentik, "authentik").forEach((path, value) -> {
            var read = AuthentikChart.READ_WITH_EXISTING_SECRET.contains(path) || path.startsWith(AuthentikChart.EXISTING_SECRET + ".");
            var empty = value.isNull() || value.string().map(String::isEmpty).orElse(false);
            if (!read && !empty) {
                inert.add(path);
            }
        });
        if (inert.isEmpty()) {
            return;
        }
        var secretName = HelmValues.at(values, AuthentikChart.EXISTING_SECRET + ".secretName");
        if (opaque(secretName)) {
            findings.undecidable(r, AuthentikChart.EXISTING_SECRET + ".secretName of " + ResourceLabels.of(r)
                    + " (if it is set, " + String.join(", ", inert) + " do nothing)");
            return;
        }
        if (secretName.string().map(String::isBlank).orElse(true)) {
            return;
        }
        if (chartUnknown) {
            findings.undecidable(r, "the chart of " + ResourceLabels.of(r) + " (if it is authentik, " + String.join(", ", inert)
                    + " do nothing while " + AuthentikChart.EXISTING_SECRET + ".secretName is set)");
            return;
        }
        findings.violation(r, ResourceLabels.of(r) + " sets " + String.join(", ", inert) + " while "
                + AuthentikChart.EXISTING_SECRET + ".secretName is " + secretName.string().get()
                + ", so the chart renders none of them and the pods run the defaults; set them in server.env and worker.env as "
                + inert.stream().map(AuthentikChart::envName).collect(Collectors.joining(", ")));
    }
}
