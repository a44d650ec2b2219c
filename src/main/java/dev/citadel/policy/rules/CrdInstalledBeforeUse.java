package dev.citadel.policy.rules;

import dev.citadel.policy.ConfigParam;
import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.Findings;
import dev.citadel.policy.Policy;
import dev.citadel.policy.PolicyArgs;
import dev.citadel.policy.PolicyInfo;
import dev.citadel.policy.PolicyResource;
import dev.citadel.policy.rules.PropReads.Match;
import dev.citadel.value.Prop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static dev.citadel.policy.rules.PropReads.compare;
import static dev.citadel.policy.rules.PropReads.opaque;
import static dev.citadel.policy.rules.PropReads.show;

/**
 * Seed 004: kube-prometheus-stack was installed with its CRDs left out (crds.enabled: false was the likely
 * cause) and the prometheuses.monitoring.coreos.com CRD was missing: no Prometheus server, empty
 * dashboards, an operator logging "could not find the requested resource". Every custom resource needs its
 * CRD from somewhere known: the stack itself (a CRD, or a chart that installs it) or a list of what the
 * cluster already has.
 */
public final class CrdInstalledBeforeUse implements Policy.StackPolicy {
    static final PolicyInfo INFO = new PolicyInfo(
            "crd-installed-before-use",
            "Custom resources need their CRD in the stack (directly or from a chart) or listed as pre-installed",
            EnforcementLevel.MANDATORY,
            "Add the CustomResourceDefinition to the stack, or the Helm chart that installs it with its CRDs "
                    + "enabled (and list the chart in crdCharts), or list the CRD in preinstalledCrds if the "
                    + "cluster provides it",
            "004",
            List.of(new ConfigParam("crdCharts", "object",
                            "chart name to the CRDs it installs: comma-separated \"group\" or \"group/Kind\" entries, "
                                    + "e.g. {\"cloudnative-pg\": \"postgresql.cnpg.io\"}"),
                    new ConfigParam("preinstalledCrds", "array",
                            "CRDs the cluster has before this stack runs: \"group/Kind\" or a whole \"group\"")));

    /** API groups served by Kubernetes itself (no CRD). */
    static final Set<String> BUILT_IN = Set.of("", "apps", "batch", "rbac.authorization.k8s.io", "networking.k8s.io",
            "policy", "storage.k8s.io", "autoscaling", "admissionregistration.k8s.io", "apiextensions.k8s.io",
            "coordination.k8s.io", "discovery.k8s.io", "scheduling.k8s.io", "node.k8s.io", "certificates.k8s.io",
            "events.k8s.io", "flowcontrol.apiserver.k8s.io", "resource.k8s.io", "apiregistration.k8s.io",
            "authentication.k8s.io", "authorization.k8s.io",
            // the legacy group of old Ingress/NetworkPolicy versions, still in the provider's types
            "extensions");
    /** Pulumi's own types in the kubernetes package (releases, config groups), not Kubernetes objects. */
    static final Set<String> PULUMI_GROUPS = Set.of("helm.sh", "yaml", "kustomize");

    /**
     * A Helm release or chart of the stack.
     *
     * @param entries what crdCharts says the chart installs (none when the chart is not listed; all the
     *                listed ones when the chart is not known before deployment)
     * @param crdsOff why its CRDs are turned off, empty when they are on, null when that is not known
     */
    private record Release(PolicyResource resource, Prop chart, List<String> entries, String crdsOff) {
    }

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public void check(List<PolicyResource> resources, PolicyArgs args, Findings findings) {
        var preinstalled = args.strings("preinstalledCrds");
        var charts = args.stringMap("crdCharts");
        var crds = new ArrayList<PolicyResource>();
        var releases = new ArrayList<Release>();
        for (var r : resources) {
            if (r.isKind("apiextensions.k8s.io", "CustomResourceDefinition")) {
                crds.add(r);
            } else if (r.isKubernetes() && r.group().equals("helm.sh") && Set.of("Release", "Chart").contains(r.kind())) {
                releases.add(release(r, charts));
            }
        }
        for (var r : resources) {
            if (!r.isKubernetes() || BUILT_IN.contains(r.group()) || PULUMI_GROUPS.contains(r.group())
                    || covers(preinstalled, r.group(), r.kind())) {
                continue;
            }
            var group = new Prop.Str(r.group());
            var kind = new Prop.Str(r.kind());
            var notes = new ArrayList<String>();
            var verdict = Match.DIFFERENT;
            for (var crd : crds) {
                var spec = crd.get("spec");
                verdict = better(verdict, Match.all(compare(spec.get("group"), group), compare(spec.get("names").get("kind"), kind)));
            }
            for (var release : releases) {
                verdict = better(verdict, provides(release, r.group(), r.kind(), notes));
            }
            var id = r.group() + "/" + r.kind();
            if (verdict == Match.MAYBE) {
                findings.undecidable(r, "Whether the stack installs the CRD for " + id);
            } else if (verdict == Match.DIFFERENT) {
                findings.violation(r, r.kind() + " " + r.objectName() + " (" + id + ") needs a CRD that is neither in this "
                        + "stack nor listed in preinstalledCrds" + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")")
                        + ": the apply fails with 'no matches for kind " + r.kind() + "', or its operator runs without it. "
                        + "Add the CRD or its chart to the stack, or list " + id + " in preinstalledCrds");
            }
        }
    }

    private static Match better(Match a, Match b) {
        return a == Match.SAME || b == Match.SAME ? Match.SAME : a == Match.MAYBE || b == Match.MAYBE ? Match.MAYBE : Match.DIFFERENT;
    }

    private static Match provides(Release release, String group, String kind, List<String> notes) {
        if (!covers(release.entries(), group, kind)) {
            return Match.DIFFERENT;
        }
        if (opaque(release.chart()) || release.crdsOff() == null) {
            return Match.MAYBE;
        }
        if (!release.crdsOff().isEmpty()) {
            notes.add("chart " + show(release.chart()) + " (" + release.resource().name() + ") would install it, but "
                    + release.crdsOff());
            return Match.DIFFERENT;
        }
        return Match.SAME;
    }

    private static Release release(PolicyResource r, Map<String, String> charts) {
        var chart = r.get("chart");
        // A chart not known before deployment could be any of the listed ones.
        var entries = opaque(chart) ? charts.values().stream().flatMap(v -> Stream.of(v.split(","))).toList() : List.<String>of();
        if (chart.string().isPresent()) {
            // "oci://ghcr.io/cloudnative-pg/charts/cloudnative-pg", "cnpg/cloudnative-pg" and "cloudnative-pg" are one chart
            var full = chart.string().get().strip();
            var listed = charts.getOrDefault(full, charts.get(full.substring(full.lastIndexOf('/') + 1)));
            entries = listed == null ? List.of() : List.of(listed.split(","));
        }
        return new Release(r, chart, entries, crdsOff(r));
    }

    /** The chart's own switches that leave its CRDs out (seed 004: crds.enabled: false). */
    private static String crdsOff(PolicyResource r) {
        var switches = new LinkedHashMap<String, Prop>();
        switches.put("skipCrds", r.get("skipCrds"));
        var values = r.get("values");
        switches.put("values.crds.enabled", values.get("crds").get("enabled"));
        switches.put("values.crds.create", values.get("crds").get("create"));
        switches.put("values.crds.install", values.get("crds").get("install"));
        switches.put("values.installCRDs", values.get("installCRDs"));
        var unknown = false;
        for (var e : switches.entrySet()) {
            if (opaque(e.getValue())) {
                unknown = true;
                continue;
            }
            var text = PropReads.text(e.getValue()).orElse("").strip();
            // skipCrds: true leaves them out; the chart values leave them out when false
            if (text.equalsIgnoreCase(e.getKey().equals("skipCrds") ? "true" : "false")) {
                return "it sets " + e.getKey() + ": " + text;
            }
        }
        return unknown ? null : "";
    }

    /** An entry "group" covers the whole group, "group/Kind" one kind. */
    private static boolean covers(List<String> entries, String group, String kind) {
        return entries.stream().map(String::strip).anyMatch(e -> e.equals(group) || e.equals(group + "/" + kind));
    }
}
