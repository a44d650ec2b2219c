package dev.citadel.policy.rules;

import dev.citadel.contract.CnpgObjects;
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
    private static final Pattern DECLARED = Pattern.compile("([A-Z][A-Za-z0-9]*)\\s+(?:([*a-z0-9][-a-z0-9]*)/)?(\\S+)");
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
                throw new dev.citadel.policy.PolicyConfigException("preinstalled entry '" + entry + "' should be "
                        + "'Kind namespace/name' (e.g. 'Secret storage/rustfs-backup'), 'Kind */name' for every namespace, or "
                        + "'Kind name' for a cluster-scoped object (e.g. 'ClusterSecretStore vault-kv')");
            }
            var kind = m.group(1);
            var scoped = References.CLUSTER_SCOPED.contains(kind);
            if (scoped == (m.group(2) != null)) {
                throw new dev.citadel.policy.PolicyConfigException("preinstalled entry '" + entry + "': " + kind
                        + (scoped ? " is cluster-scoped; write '" + kind + " " + m.group(3) + "'"
                        : " lives in a namespace; write '" + kind + " <namespace>/" + m.group(3) + "' or '" + kind + " */"
                        + m.group(3) + "' for every namespace"));
            }
            a.add(kind, m.group(2) == null ? "" : m.group(2), m.group(3));
            if (kind.equals("Keycloak")) {
                a.keycloakServices(m.group(2), m.group(3));
            }
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
                // The goauthentik chart's fullname (the common.names.fullname helper): fullnameOverride, else the release
                // name when it contains the chart's name (or nameOverride), else <release>-<name>.
                var values = r.get("values");
                var name = PropReads.text(values.get("nameOverride")).orElse("authentik");
                var fullname = PropReads.text(values.get("fullnameOverride"))
                        .orElse(release.contains(name) ? release : release + "-" + name);
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
        if (!ns.isEmpty() && !r.metadata().get("namespace").isNull()) {
            // An object without a namespace goes to the provider's default; it does not make "default" one the stack manages.
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
            var managedServices = spec.get("managed").get("services");
            var disabled = PropReads.items(managedServices.get("disabledDefaultServices")).stream()
                    .map(p -> PropReads.text(p).orElse("")).toList();
            for (var suffix : CnpgObjects.SERVICES) {
                if (!disabled.contains(suffix)) {
                    add("Service", ns, CnpgObjects.named(n, suffix));
                }
            }
            for (var extra : PropReads.items(managedServices.get("additional"))) {
                PropReads.text(extra.get("serviceTemplate").get("metadata").get("name")).ifPresent(s -> add("Service", ns, s));
            }
            for (var suffix : CnpgObjects.SECRETS) {
                add("Secret", ns, CnpgObjects.named(n, suffix));
            }
            var bootstrap = spec.get("bootstrap");
            if (bootstrap.get("initdb").get("secret").isNull() && bootstrap.get("recovery").get("secret").isNull()) {
                add("Secret", ns, CnpgObjects.named(n, CnpgObjects.APP_SECRET));
            }
            if (PropReads.text(spec.get("enableSuperuserAccess")).orElse("false").equals("true")) {
                add("Secret", ns, n + "-superuser");
            }
        } else if (group.equals("postgresql.cnpg.io") && kind.equals("Pooler")) {
            add("Service", ns, n);
        } else if (group.equals("external-secrets.io") && kind.equals("ExternalSecret")) {
            // Owner (the default) and Orphan create the target; Merge and None create nothing.
            var policy = PropReads.text(spec.get("target").get("creationPolicy")).orElse("Owner");
            if (policy.equals("Owner") || policy.equals("Orphan")) {
                var target = spec.get("target").get("name");
                add("Secret", ns, target instanceof Prop.Str t ? t.value() : n);
            }
        } else if (group.equals("external-secrets.io") && kind.equals("ClusterExternalSecret")) {
            // One ExternalSecret per selected namespace, which the plan cannot list: its target answers in every one.
            var es = spec.get("externalSecretSpec");
            var target = PropReads.text(es.get("target").get("name")).or(() -> PropReads.text(spec.get("externalSecretName"))).orElse(n);
            add("Secret", ANY, target);
        } else if (group.equals("k8s.keycloak.org") && kind.equals("Keycloak")) {
            keycloakServices(ns, n);
        } else if (group.equals("cert-manager.io") && kind.equals("Certificate")) {
            PropReads.text(spec.get("secretName")).ifPresent(s -> add("Secret", ns, s));
        }
    }

    /** The Keycloak operator's Services for a Keycloak CR: {@code <name>-service} and {@code <name>-discovery}. */
    private void keycloakServices(String namespace, String name) {
        add("Service", namespace, dev.citadel.contract.KeycloakService.operator(namespace, name).name());
        add("Service", namespace, name + "-discovery");
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
