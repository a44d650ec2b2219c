package dev.citadel.policy.rules;

import dev.citadel.policy.PolicyResource;
import dev.citadel.value.Prop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What answers a name in this plan: the objects the stack renders, what those objects create once applied (CNPG's
 * Services and Secrets, a Pooler's Service, an ExternalSecret's target, a Certificate's Secret, the authentik chart's
 * Service), what Kubernetes itself provides, and what the stack declares pre-installed.
 */
final class Answers {
    /** Where cert-manager reads a ClusterIssuer's Secrets unless told otherwise (its --cluster-resource-namespace). */
    static final String CERT_MANAGER_NAMESPACE = "cert-manager";
    /** The roles every cluster has (kubectl get clusterroles on a new cluster; system:* included). */
    private static final Set<String> BUILT_IN_CLUSTER_ROLES = Set.of("cluster-admin", "admin", "edit", "view");
    private static final Pattern DECLARED = Pattern.compile("([A-Za-z][A-Za-z0-9]*(?:\\.[a-z0-9.-]+)?)\\s+(?:([*a-z0-9][-a-z0-9]*)/)?(\\S+)");
    private static final String ANY = "*";

    /** kind → namespace ("" when cluster-scoped, "*" for every namespace) → names. */
    private final Map<String, Map<String, Set<String>>> names = new HashMap<>();
    /** Namespaces with a Helm release of a chart Citadel does not model: anything may be created there. */
    private final Map<String, List<String>> opaqueCharts = new TreeMap<>();
    /** Namespaces with a Helm release whose chart is not known before deployment: what it creates cannot be listed. */
    private final Map<String, List<String>> unknownCharts = new TreeMap<>();
    private final Set<String> managed = new TreeSet<>();

    private Answers() {
    }

    /**
     * @param preinstalled entries {@code "Kind namespace/name"}, {@code "Kind }{@literal *}{@code /name"} (every namespace) or
     *                     {@code "Kind name"} (cluster-scoped), e.g. {@code "Secret storage/rustfs-backup"}
     */
    static Answers of(List<PolicyResource> resources, List<String> preinstalled) {
        var a = new Answers();
        for (var entry : preinstalled) {
            var m = DECLARED.matcher(entry.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("policy references-resolve: preinstalled entry '" + entry + "' should be "
                        + "'Kind namespace/name' (e.g. 'Secret storage/rustfs-backup'), 'Kind */name' for every namespace, or "
                        + "'Kind name' for a cluster-scoped object (e.g. 'ClusterSecretStore vault-kv')");
            }
            a.add(m.group(1), m.group(2) == null ? "" : m.group(2), m.group(3));
        }
        a.add("Service", "default", "kubernetes");
        a.add("ConfigMap", ANY, "kube-root-ca.crt");
        BUILT_IN_CLUSTER_ROLES.forEach(r -> a.add("ClusterRole", "", r));
        for (var r : resources) {
            a.answer(r);
        }
        return a;
    }

    private void answer(PolicyResource r) {
        if (r.type().equals(References.RELEASE)) {
            var ns = PropReads.text(References.namespaceOf(r)).orElse(null);
            if (ns == null) {
                return;
            }
            managed.add(ns);
            var release = PropReads.text(r.get("name")).orElse(r.name());
            if (PropReads.opaque(r.get("chart"))) {
                unknownCharts.computeIfAbsent(ns, k -> new ArrayList<>()).add(release);
                return;
            }
            var chart = PropReads.text(r.get("chart")).orElse("");
            if (chart.endsWith("authentik")) {
                // The goauthentik chart's fullname: the release name when it contains the chart's, else <release>-authentik.
                var fullname = release.contains("authentik") ? release : release + "-authentik";
                add("Service", ns, fullname + "-server");
            } else {
                opaqueCharts.computeIfAbsent(ns, k -> new ArrayList<>()).add(chart.isEmpty() ? release : chart + " (" + release + ")");
            }
            return;
        }
        if (!r.isKubernetes()) {
            return;
        }
        var kind = r.kind();
        var group = r.group();
        var nsProp = References.CLUSTER_SCOPED.contains(kind) ? new Prop.Str("") : References.namespaceOf(r);
        var name = r.metadata().get("name");
        if (!(nsProp instanceof Prop.Str nsStr) || !(name instanceof Prop.Str nameStr)) {
            return;
        }
        var ns = nsStr.value();
        var n = nameStr.value();
        if (!ns.isEmpty()) {
            managed.add(ns);
        }
        if (kind.equals("Namespace") && group.isEmpty()) {
            managed.add(n);
        }
        add(kind, ns, n);
        add(group + "/" + kind, ns, n);
        var spec = r.get("spec");
        if (group.equals("postgresql.cnpg.io") && kind.equals("Cluster")) {
            // What the CNPG operator creates for a Cluster (cloudnative-pg docs: "Service management", "Certificates").
            for (var suffix : List.of("-rw", "-ro", "-r")) {
                add("Service", ns, n + suffix);
            }
            for (var suffix : List.of("-ca", "-server", "-replication")) {
                add("Secret", ns, n + suffix);
            }
            var bootstrap = spec.get("bootstrap");
            if (bootstrap.get("initdb").get("secret").isNull() && bootstrap.get("recovery").get("secret").isNull()) {
                add("Secret", ns, n + "-app");
            }
            if (PropReads.text(spec.get("enableSuperuserAccess")).orElse("false").equals("true")) {
                add("Secret", ns, n + "-superuser");
            }
        } else if (group.equals("postgresql.cnpg.io") && kind.equals("Pooler")) {
            add("Service", ns, n);
        } else if (group.equals("external-secrets.io") && kind.equals("ExternalSecret")) {
            var target = spec.get("target").get("name");
            add("Secret", ns, target instanceof Prop.Str t ? t.value() : n);
        } else if (group.equals("cert-manager.io") && kind.equals("Certificate")) {
            PropReads.text(spec.get("secretName")).ifPresent(s -> add("Secret", ns, s));
        }
    }

    private void add(String kind, String namespace, String name) {
        names.computeIfAbsent(kind, k -> new HashMap<>()).computeIfAbsent(namespace, k -> new HashSet<>()).add(name);
    }

    /** Whether {@code kind} ({@code Secret}, or {@code group/Kind} where the bare kind is ambiguous) answers there. */
    boolean answers(String kind, String namespace, String name) {
        var bare = kind.substring(kind.indexOf('/') + 1);
        for (var k : bare.equals(kind) ? List.of(kind) : List.of(kind, bare)) {
            var byNs = names.getOrDefault(k, Map.of());
            if (byNs.getOrDefault(namespace, Set.of()).contains(name)
                    || !namespace.isEmpty() && byNs.getOrDefault(ANY, Set.of()).contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the stack writes to the namespace; references elsewhere are assumptions, not known misses. */
    boolean manages(String namespace) {
        return managed.contains(namespace);
    }

    /** The releases in a namespace whose chart is not known before deployment. */
    Optional<List<String>> unknownCharts(String namespace) {
        return Optional.ofNullable(unknownCharts.get(namespace));
    }

    /** The charts in a namespace whose objects Citadel cannot list. */
    Optional<List<String>> opaqueCharts(String namespace) {
        return Optional.ofNullable(opaqueCharts.get(namespace));
    }

    /** What the stack does have of that kind there: the names a user meant, most likely. */
    List<String> candidates(String kind, String namespace) {
        var out = new TreeSet<>(names.getOrDefault(kind, Map.of()).getOrDefault(namespace, Set.of()));
        if (!namespace.isEmpty()) {
            out.addAll(names.getOrDefault(kind, Map.of()).getOrDefault(ANY, Set.of()));
        }
        return List.copyOf(out);
    }
}
