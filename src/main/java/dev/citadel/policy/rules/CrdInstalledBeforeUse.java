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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static dev.citadel.policy.rules.PropReads.compare;
import static dev.citadel.policy.rules.PropReads.opaque;
import static dev.citadel.policy.rules.PropReads.show;

/**
 * Seed 004: kube-prometheus-stack was installed with its CRDs left out (crds.enabled: false was the likely
 * cause) and the prometheuses.monitoring.coreos.com CRD was missing beside the other monitoring CRDs: no
 * Prometheus server, empty dashboards, an operator logging "could not find the requested resource".
 *
 * <p>A plan cannot see the cluster, and most stacks use operators installed elsewhere (Flux, a bootstrap,
 * another stack). Blocking every custom resource whose CRD the stack does not install failed the first
 * preview of every such stack, so this blocks only on what the plan knows is a miss: a chart of the stack
 * whose values turn its CRDs off, a CRD group the stack installs without this kind (seed 004's shape), or
 * a declared inventory ({@code preinstalledCrds}) that leaves the kind out. Anything else is assumed
 * pre-installed and named in one advisory finding, so the assumption is visible in every plan.
 */
public final class CrdInstalledBeforeUse implements Policy.StackPolicy {
    static final PolicyInfo INFO = new PolicyInfo(
            "crd-installed-before-use",
            "Custom resources need their CRD from the stack, a chart with CRDs on, or preinstalledCrds: mandatory when "
                    + "a chart turns its CRDs off, the group's other CRDs are installed, or preinstalledCrds is set; "
                    + "otherwise an advisory naming the CRDs assumed pre-installed",
            EnforcementLevel.MANDATORY,
            "Add the CustomResourceDefinition to the stack, or the Helm chart that installs it with its CRDs "
                    + "enabled (charts other than cert-manager, external-secrets, cloudnative-pg, plugin-barman-cloud, "
                    + "kube-prometheus-stack and prometheus-operator-crds go in crdCharts), or list the CRD in "
                    + "preinstalledCrds if the cluster provides it. Without preinstalledCrds, kinds the stack neither "
                    + "installs nor lists are assumed pre-installed (advisory); once it is set, it is the inventory "
                    + "and any kind outside the stack and the list blocks",
            "004",
            List.of(new ConfigParam("crdCharts", "object",
                            "chart name to the CRDs it installs: comma-separated \"group\" or \"group/Kind\" entries, "
                                    + "e.g. {\"my-operator\": \"example.com\"}; the operator charts named in the remediation are known"),
                    new ConfigParam("preinstalledCrds", "array",
                            "the inventory of CRDs the cluster has before this stack runs: \"group/Kind\" or a whole "
                                    + "\"group\"; when set, a custom resource outside the stack and this list is mandatory")));

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
     * A value that switches a chart's CRDs (or one kind's) on.
     *
     * @param path    under the release's inputs, e.g. {@code values.crds.enabled}
     * @param kind    the one kind it switches, or null for all the chart's CRDs
     * @param onWhen  the value that turns them on
     */
    private record Switch(String path, String kind, boolean onWhen) {
    }

    /**
     * An operator chart and how its CRDs are switched. Keycloak's operator has no Helm chart of its own
     * (its CRDs are applied from the release manifests or by OLM), so k8s.keycloak.org is not here:
     * stacks list it in preinstalledCrds.
     *
     * @param onByDefault whether the chart installs its CRDs when none of its switches is set
     * @param anyOn       true when any one switch set on turns them on (cert-manager's two spellings);
     *                    false when every switch must stay on
     */
    private record KnownChart(List<String> entries, boolean onByDefault, boolean anyOn, List<Switch> switches, List<SelfUse> uses) {
        KnownChart(List<String> entries, boolean onByDefault, boolean anyOn, List<Switch> switches) {
            this(entries, onByDefault, anyOn, switches, List.of());
        }
    }

    /**
     * A custom resource a chart renders itself, so it needs its own CRDs even when the stack uses none: seed 004's
     * kube-prometheus-stack with {@code crds.enabled: false} rendered a Prometheus nothing could serve.
     *
     * @param enabledPath the value that switches that object off when false
     */
    private record SelfUse(String group, String kind, String enabledPath) {
    }

    static final Map<String, KnownChart> KNOWN = Map.of(
            // off by default: crds.enabled (v1.15+) or the older installCRDs must be true
            "cert-manager", new KnownChart(List.of("cert-manager.io", "acme.cert-manager.io"), false, true,
                    List.of(new Switch("values.crds.enabled", null, true), new Switch("values.installCRDs", null, true))),
            "external-secrets", new KnownChart(List.of("external-secrets.io", "generators.external-secrets.io"), true, false,
                    List.of(new Switch("values.installCRDs", null, true),
                            new Switch("values.crds.createClusterExternalSecret", "ClusterExternalSecret", true),
                            new Switch("values.crds.createClusterSecretStore", "ClusterSecretStore", true))),
            "cloudnative-pg", new KnownChart(List.of("postgresql.cnpg.io"), true, false,
                    List.of(new Switch("values.crds.create", null, true))),
            "plugin-barman-cloud", new KnownChart(List.of("barmancloud.cnpg.io"), true, false,
                    List.of(new Switch("values.crds.create", null, true))),
            // seed 004: crds.enabled: false left prometheuses.monitoring.coreos.com out
            "kube-prometheus-stack", new KnownChart(List.of("monitoring.coreos.com"), true, false,
                    List.of(new Switch("values.crds.enabled", null, true)),
                    List.of(new SelfUse("monitoring.coreos.com", "Prometheus", "values.prometheus.enabled"),
                            new SelfUse("monitoring.coreos.com", "Alertmanager", "values.alertmanager.enabled"))),
            "prometheus-operator-crds", new KnownChart(List.of("monitoring.coreos.com"), true, false, List.of()));

    /** What a chart listed only in crdCharts may use to leave its CRDs out (chart conventions). */
    private static final List<Switch> GENERIC = List.of(new Switch("values.crds.enabled", null, true),
            new Switch("values.crds.create", null, true), new Switch("values.crds.install", null, true),
            new Switch("values.installCRDs", null, true));

    /**
     * A Helm release or chart of the stack.
     *
     * @param entries what it installs (none when the chart is neither known nor listed; every known and
     *                listed one when the chart is not known before deployment)
     */
    private record Release(PolicyResource resource, Prop chart, List<String> entries, KnownChart known) {
    }

    /** Whether a release installs one kind's CRD: on, off (and why), or not known before deployment. */
    private record Install(Match match, String off) {
    }

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public void check(List<PolicyResource> resources, PolicyArgs args, Findings findings) {
        var inventory = args.has("preinstalledCrds");
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
        // group/Kind to how many resources of it the stack assumes the cluster already serves
        var assumed = new TreeMap<String, Integer>();
        for (var r : resources) {
            if (!r.isKubernetes() || BUILT_IN.contains(r.group()) || PULUMI_GROUPS.contains(r.group())
                    || covers(preinstalled, r.group(), r.kind())) {
                continue;
            }
            var group = new Prop.Str(r.group());
            var kind = new Prop.Str(r.kind());
            var reasons = new ArrayList<String>();
            var verdict = Match.DIFFERENT;
            var siblings = new TreeSet<String>();
            for (var crd : crds) {
                var spec = crd.get("spec");
                verdict = better(verdict, Match.all(compare(spec.get("group"), group), compare(spec.get("names").get("kind"), kind)));
                if (compare(spec.get("group"), group) == Match.SAME) {
                    spec.get("names").get("kind").string().ifPresent(siblings::add);
                }
            }
            for (var release : releases) {
                var install = provides(release, r.group(), r.kind());
                verdict = better(verdict, install.match());
                if (install.off() != null) {
                    reasons.add("chart " + show(release.chart()) + " (" + release.resource().name() + ") would install it, but "
                            + install.off());
                }
                if (install.match() == Match.DIFFERENT && install.off() == null) {
                    siblings.addAll(kindsOf(release, r.group()));
                }
            }
            var id = r.group() + "/" + r.kind();
            if (verdict == Match.SAME) {
                continue;
            }
            if (verdict == Match.MAYBE) {
                findings.undecidable(r, "Whether the stack installs the CRD for " + id);
                continue;
            }
            siblings.remove(r.kind());
            if (!siblings.isEmpty()) {
                reasons.add("the stack installs the other " + r.group() + " CRDs (" + String.join(", ", siblings)
                        + ") but not this one");
            }
            if (inventory) {
                reasons.add("preinstalledCrds, the stack's inventory of the cluster's CRDs, does not list it");
            }
            if (reasons.isEmpty()) {
                assumed.merge(id, 1, Integer::sum);
                continue;
            }
            findings.violation(r, r.kind() + " " + r.objectName() + " (" + id + ") needs a CRD that this stack does not "
                    + "install: " + String.join("; ", reasons) + ". The apply fails with 'no matches for kind " + r.kind()
                    + "', or its operator runs without it. Add the CRD or its chart (CRDs on) to the stack, or list " + id
                    + " in preinstalledCrds");
        }
        for (var release : releases) {
            chartSelfUses(release, crds, releases, preinstalled, inventory, findings);
        }
        if (!assumed.isEmpty()) {
            var named = new ArrayList<String>();
            assumed.forEach((id, n) -> named.add(id + " (" + n + (n == 1 ? " resource)" : " resources)")));
            findings.stackAdvisory("this stack assumes the cluster already has the CRDs for " + String.join(", ", named)
                    + ": it neither installs them nor lists them in preinstalledCrds (operators installed elsewhere, "
                    + "e.g. by Flux or another stack). Set preinstalledCrds to the CRDs the cluster provides to have "
                    + "every other kind checked as a miss");
        }
    }

    /** The chart's own custom resources: each needs its CRD from the chart, another chart, a CRD of the stack or the inventory. */
    private static void chartSelfUses(Release release, List<PolicyResource> crds, List<Release> releases, List<String> preinstalled,
                                      boolean inventory, Findings findings) {
        if (opaque(release.chart())) {
            // Any chart at all: if its values turn CRDs off, it may be one that then renders objects nothing can serve.
            if (GENERIC.stream().anyMatch(s -> PropReads.text(at(release.resource(), s.path())).orElse("").strip().equals("false"))) {
                findings.undecidable(release.resource(), "The chart (whether it renders custom resources of its own while its "
                        + "values turn its CRDs off)");
            }
            return;
        }
        if (release.known() == null) {
            return;
        }
        for (var use : release.known().uses()) {
            var enabled = at(release.resource(), use.enabledPath());
            if (opaque(enabled)) {
                findings.undecidable(release.resource(), use.enabledPath() + " (whether the chart renders a " + use.kind() + ")");
                continue;
            }
            if (PropReads.text(enabled).orElse("true").strip().equalsIgnoreCase("false") || covers(preinstalled, use.group(), use.kind())) {
                continue;
            }
            var own = provides(release, use.group(), use.kind());
            if (own.match() != Match.DIFFERENT) {
                if (own.match() == Match.MAYBE) {
                    findings.undecidable(release.resource(), "Whether chart " + show(release.chart()) + " installs the CRD for its own "
                            + use.kind());
                }
                continue;
            }
            var verdict = Match.DIFFERENT;
            for (var crd : crds) {
                var spec = crd.get("spec");
                verdict = better(verdict, Match.all(compare(spec.get("group"), new Prop.Str(use.group())),
                        compare(spec.get("names").get("kind"), new Prop.Str(use.kind()))));
            }
            for (var other : releases) {
                verdict = other == release ? verdict : better(verdict, provides(other, use.group(), use.kind()).match());
            }
            var id = use.group() + "/" + use.kind();
            if (verdict == Match.MAYBE) {
                findings.undecidable(release.resource(), "Whether the stack installs the CRD for " + id);
            } else if (verdict == Match.DIFFERENT && (own.off() != null || inventory)) {
                findings.violation(release.resource(), "chart " + show(release.chart()) + " (" + release.resource().name() + ") renders its own "
                        + use.kind() + " (" + use.enabledPath() + " is on), but " + (own.off() != null ? own.off() : "it does not "
                        + "install its CRD") + ", and neither the stack nor preinstalledCrds provides " + id + " (seed 004: no Prometheus "
                        + "server, empty dashboards). Turn the chart's CRDs on, install them another way, or list " + id
                        + " in preinstalledCrds if the cluster has them");
            }
        }
    }

    private static Match better(Match a, Match b) {
        return a == Match.SAME || b == Match.SAME ? Match.SAME : a == Match.MAYBE || b == Match.MAYBE ? Match.MAYBE : Match.DIFFERENT;
    }

    /** The kinds a release installs of one group, when it lists them one by one (its other CRDs of that group). */
    private static List<String> kindsOf(Release release, String group) {
        var off = opaque(release.chart()) ? null : install(release, null);
        if (off == null || !off.isEmpty()) {
            return List.of();
        }
        return release.entries().stream().map(String::strip).filter(e -> e.startsWith(group + "/"))
                .map(e -> e.substring(group.length() + 1)).toList();
    }

    private static Install provides(Release release, String group, String kind) {
        if (!covers(release.entries(), group, kind)) {
            return new Install(Match.DIFFERENT, null);
        }
        if (opaque(release.chart())) {
            return new Install(Match.MAYBE, null);
        }
        var off = install(release, kind);
        if (off == null) {
            return new Install(Match.MAYBE, null);
        }
        return off.isEmpty() ? new Install(Match.SAME, null) : new Install(Match.DIFFERENT, off);
    }

    private static Release release(PolicyResource r, Map<String, String> charts) {
        var chart = r.get("chart");
        if (opaque(chart)) {
            // A chart not known before deployment could be any of the known or listed ones.
            var all = Stream.concat(KNOWN.values().stream().flatMap(k -> k.entries().stream()),
                    charts.values().stream().flatMap(v -> Stream.of(v.split(",")))).toList();
            return new Release(r, chart, all, null);
        }
        var full = chart.string().orElse("").strip();
        // "oci://ghcr.io/cloudnative-pg/charts/cloudnative-pg", "cnpg/cloudnative-pg" and "cloudnative-pg" are one chart
        var name = full.substring(full.lastIndexOf('/') + 1);
        var known = KNOWN.get(name);
        var entries = new ArrayList<String>(known == null ? List.of() : known.entries());
        var listed = charts.getOrDefault(full, charts.get(name));
        if (listed != null) {
            entries.addAll(List.of(listed.split(",")));
        }
        return new Release(r, chart, entries, known);
    }

    /**
     * Why the release leaves {@code kind}'s CRD out (seed 004: crds.enabled: false): empty when it installs
     * it, null when a deciding switch is not known before deployment. A null kind asks about all its CRDs.
     */
    private static String install(Release release, String kind) {
        var r = release.resource();
        var skip = r.get("skipCrds");
        if (opaque(skip)) {
            return null;
        }
        if (PropReads.text(skip).orElse("").strip().equalsIgnoreCase("true")) {
            return "it sets skipCrds: true";
        }
        var known = release.known();
        var switches = known == null ? GENERIC : known.switches();
        var onByDefault = known == null || known.onByDefault();
        var anyOn = known != null && known.anyOn();
        var unknown = false;
        var setOn = false;
        for (var s : switches) {
            if (s.kind() != null && !s.kind().equals(kind)) {
                continue;
            }
            var value = at(r, s.path());
            if (opaque(value)) {
                unknown = true;
                continue;
            }
            if (value.isNull()) {
                continue;
            }
            var text = PropReads.text(value).orElse("").strip();
            var on = text.equalsIgnoreCase(String.valueOf(s.onWhen()));
            if (on) {
                setOn = true;
            } else if (!anyOn) {
                return "it sets " + s.path() + ": " + text;
            }
        }
        if (anyOn) {
            if (setOn) {
                return "";
            }
            if (unknown) {
                return null;
            }
            return onByDefault ? "" : "its CRDs are off unless " + String.join(" or ",
                    switches.stream().map(s -> s.path() + ": true").toList()) + " (the chart's default is off)";
        }
        return unknown ? null : onByDefault ? "" : "its CRDs are off by default";
    }

    private static Prop at(PolicyResource r, String path) {
        var parts = path.split("\\.");
        var value = r.get(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            value = value.get(parts[i]);
        }
        return value;
    }

    /** An entry "group" covers the whole group, "group/Kind" one kind. */
    private static boolean covers(List<String> entries, String group, String kind) {
        return entries.stream().map(String::strip).anyMatch(e -> e.equals(group) || e.equals(group + "/" + kind));
    }
}
