package dev.citadel.policy.rules;

import dev.citadel.contract.EnvoyGateway;
import dev.citadel.policy.PolicyResource;
import dev.citadel.value.Prop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.citadel.policy.rules.PropReads.items;
import static dev.citadel.policy.rules.PropReads.opaque;

/**
 * Every in-cluster name a rendered object uses to reach another object: the Service hosts in env, chart values and
 * configs, the Secrets and ConfigMaps pods read, secret stores, CNPG's cluster/object-store/Secret names, RBAC roles,
 * the Keycloak a realm import targets. Seeds 001, 003 and 004 each lost hours to one of these naming nothing.
 */
final class References {

    /**
     * One use of a name.
     *
     * @param from      the object that holds it
     * @param where     where in it, as a reader finds it ({@code values.server.env[AUTHENTIK_POSTGRESQL__HOST]})
     * @param kind      what it must name: {@code Service}, {@code Secret}, {@code ClusterSecretStore}, …
     * @param namespace the namespace it is looked up in; empty for cluster-scoped kinds
     * @param name      the name used
     * @param written   how the object writes it, when that differs from the name (a host, a URL)
     * @param secret    found inside a value marked secret: judged, but never printed
     */
    record Reference(PolicyResource from, String where, String kind, Prop namespace, Prop name, String written, boolean secret) {
        boolean clusterScoped() {
            return namespace instanceof Prop.Str s && s.value().isEmpty();
        }
    }

    /** Kinds looked up without a namespace. */
    static final Set<String> CLUSTER_SCOPED = Set.of("ClusterSecretStore", "ClusterRole", "ClusterRoleBinding", "ClusterIssuer",
            "ClusterExternalSecret", "Namespace", "CustomResourceDefinition", "StorageClass", "PriorityClass", "IngressClass",
            "PersistentVolume", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "APIService", "GatewayClass");
    static final String RELEASE = "kubernetes:helm.sh/v3:Release";

    /** {@code <service>.<namespace>.svc} with an optional {@code .cluster.local}, inside any string (URLs, DSNs). */
    private static final Pattern SERVICE_HOST = Pattern.compile(
            "(?<![-a-z0-9.])([a-z0-9]([-a-z0-9]*[a-z0-9])?)\\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)\\.svc(\\.cluster\\.local)?(?![-a-z0-9])");
    /**
     * Where a value is a host by name: an env variable or a key saying so. An unknown value there may be an in-cluster
     * Service nothing answers, so it is undecidable; elsewhere an unknown string is just not known to hold a host.
     */
    private static final Pattern HOST_SLOT = Pattern.compile("(?i).*(host|hostname|url|uri|endpoint|server|address|addr|dsn)");
    /** Lists whose entries name other objects: unknown as a whole or per entry, they leave every such name open. */
    private static final Set<String> REFERENCE_LISTS = Set.of("env", "envFrom", "volumes", "containers", "initContainers");
    /** The kind of a reference that is not known to be one kind: entries of a list not known before deployment. */
    static final String ANY_KIND = "Service, Secret or ConfigMap";
    private static final Set<String> POD_OWNERS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job");
    private static final Prop CLUSTER = new Prop.Str("");

    private final List<Reference> found = new ArrayList<>();
    private final String clusterResourceNamespace;

    private References(String clusterResourceNamespace) {
        this.clusterResourceNamespace = clusterResourceNamespace;
    }

    /** The references of every resource, in resource order. */
    static List<Reference> of(List<PolicyResource> resources) {
        var refs = new References(clusterResourceNamespace(resources));
        for (var r : resources) {
            refs.collect(r);
        }
        return refs.found;
    }

    /**
     * Where cert-manager reads a ClusterIssuer's Secrets: its {@code clusterResourceNamespace} value, else the namespace
     * its controller runs in (a cert-manager release of the stack), else {@code cert-manager}, where its chart is usually
     * installed.
     */
    private static String clusterResourceNamespace(List<PolicyResource> resources) {
        for (var r : resources) {
            if (r.type().equals(RELEASE) && PropReads.text(r.get("chart")).orElse("").endsWith("cert-manager")) {
                var configured = PropReads.text(r.get("values").get("clusterResourceNamespace"));
                return configured.orElseGet(() -> PropReads.text(namespaceOf(r)).orElse(Answers.CERT_MANAGER_NAMESPACE));
            }
        }
        return Answers.CERT_MANAGER_NAMESPACE;
    }

    /** The namespace a resource lives in: a release's {@code namespace} input, an object's metadata. */
    static Prop namespaceOf(PolicyResource r) {
        if (!r.type().equals(RELEASE)) {
            return PropReads.namespace(r);
        }
        var ns = r.get("namespace");
        return ns.isNull() ? new Prop.Str("default") : ns;
    }

    private void collect(PolicyResource r) {
        if (r.type().equals(RELEASE)) {
            var values = r.get("values");
            walk(r, values, "values", true);
            chartValues(r, values);
            return;
        }
        if (!r.isKubernetes() || r.kind().equals("Secret")) {
            // A Secret's data is secret by nature: names inside it are not read.
            return;
        }
        var ns = namespaceOf(r);
        var spec = r.get("spec");
        var group = r.group();
        var kind = r.kind();
        walk(r, r.get("spec"), "spec", false);
        walk(r, r.get("data"), "data", false);
        if (group.equals("apps") && POD_OWNERS.contains(kind) || group.equals("batch") && kind.equals("Job")) {
            pod(r, spec.get("template").get("spec"), "spec.template.spec");
        } else if (group.equals("batch") && kind.equals("CronJob")) {
            pod(r, spec.get("jobTemplate").get("spec").get("template").get("spec"), "spec.jobTemplate.spec.template.spec");
        } else if (group.isEmpty() && kind.equals("Pod")) {
            pod(r, spec, "spec");
        } else if (group.equals("external-secrets.io") && kind.equals("ExternalSecret")) {
            storeRef(r, spec.get("secretStoreRef"), "spec.secretStoreRef");
            for (var list : List.of("data", "dataFrom")) {
                var items = items(spec.get(list));
                for (int i = 0; i < items.size(); i++) {
                    var ref = items.get(i).get("sourceRef").get("storeRef");
                    if (!ref.isNull()) {
                        storeRef(r, ref, "spec." + list + "[" + i + "].sourceRef.storeRef");
                    }
                }
            }
            // creationPolicy Merge writes into a Secret that must already exist (ESO creates nothing then).
            if (PropReads.text(spec.get("target").get("creationPolicy")).orElse("").equals("Merge")) {
                var target = spec.get("target").get("name");
                add(r, "spec.target.name", "Secret", target.isNull() ? r.metadata().get("name") : target);
            }
        } else if (group.equals("rbac.authorization.k8s.io") && kind.endsWith("Binding")) {
            var roleKind = PropReads.text(r.get("roleRef").get("kind")).orElse("ClusterRole");
            add(r, "roleRef", roleKind, r.get("roleRef").get("name"));
        } else if (group.equals("postgresql.cnpg.io")) {
            cnpg(r, kind, spec, ns);
        } else if (group.equals("barmancloud.cnpg.io") && kind.equals("ObjectStore")) {
            objectStoreCredentials(r, spec.get("configuration"), "spec.configuration");
        } else if (group.equals("cert-manager.io") && (kind.equals("Issuer") || kind.equals("ClusterIssuer"))) {
            issuerSecrets(r, spec, "spec", kind.equals("ClusterIssuer"));
        } else if (group.equals(EnvoyGateway.ROUTE_GROUP) && kind.equals(EnvoyGateway.BACKEND_TLS_POLICY)) {
            // The CA bundle Envoy verifies the backend with: missing, the policy is not accepted and TLS fails.
            var cas = items(spec.get("validation").get("caCertificateRefs"));
            for (int i = 0; i < cas.size(); i++) {
                var caKind = PropReads.text(cas.get(i).get("kind")).orElse("");
                if (caKind.equals("ConfigMap") || caKind.equals("Secret")) {
                    add(r, "spec.validation.caCertificateRefs[" + i + "]", caKind, cas.get(i).get("name"));
                }
            }
        } else if (group.equals("k8s.keycloak.org") && kind.equals("KeycloakRealmImport")) {
            add(r, "spec.keycloakCRName", "Keycloak", spec.get("keycloakCRName"));
            if (spec.get("placeholders") instanceof Prop.Obj placeholders) {
                placeholders.fields().forEach((name, p) -> secretKey(r, p.get("secret"), "spec.placeholders." + name + ".secret"));
            }
        }
    }

    /** An ESO store reference: {@code kind} defaults to SecretStore; one not known before deployment decides nothing. */
    private void storeRef(PolicyResource r, Prop store, String where) {
        var kind = store.get("kind");
        if (PropReads.opaque(kind)) {
            add(r, where, "SecretStore", Prop.UNKNOWN);
        } else {
            add(r, where, kind.isNull() ? "SecretStore" : PropReads.text(kind).orElse("SecretStore"), store.get("name"));
        }
    }

    private void cnpg(PolicyResource r, String kind, Prop spec, Prop ns) {
        if (kind.equals("Cluster")) {
            var roles = items(spec.get("managed").get("roles"));
            for (var role : roles) {
                secretKey(r, role.get("passwordSecret"), "spec.managed.roles[" + PropReads.show(role.get("name")) + "].passwordSecret");
            }
            for (var mode : List.of("initdb", "recovery", "pg_basebackup")) {
                secretKey(r, spec.get("bootstrap").get(mode).get("secret"), "spec.bootstrap." + mode + ".secret");
            }
            secretKey(r, spec.get("superuserSecret"), "spec.superuserSecret");
            for (var cert : List.of("serverTLSSecret", "serverCASecret", "clientCASecret", "replicationTLSSecret")) {
                var name = spec.get("certificates").get(cert);
                if (!name.isNull()) {
                    add(r, "spec.certificates." + cert, "Secret", name);
                }
            }
            objectStoreCredentials(r, spec.get("backup").get("barmanObjectStore"), "spec.backup.barmanObjectStore");
            for (var plugin : items(spec.get("plugins"))) {
                objectStore(r, plugin.get("parameters"), "spec.plugins[" + PropReads.show(plugin.get("name")) + "].parameters");
            }
            for (var external : items(spec.get("externalClusters"))) {
                var at = "spec.externalClusters[" + PropReads.show(external.get("name")) + "]";
                objectStore(r, external.get("plugin").get("parameters"), at + ".plugin.parameters");
                secretKey(r, external.get("password"), at + ".password");
            }
        } else if (Set.of("Pooler", "ScheduledBackup", "Database", "Backup").contains(kind)) {
            add(r, "spec.cluster.name", "postgresql.cnpg.io/Cluster", spec.get("cluster").get("name"));
        }
    }

    /** barman's object-store credentials (the plugin's ObjectStore and CNPG's in-tree backup share the shape). */
    private void objectStoreCredentials(PolicyResource r, Prop config, String at) {
        var credentials = Map.of("s3Credentials", List.of("accessKeyId", "secretAccessKey", "sessionToken", "region"),
                "azureCredentials", List.of("connectionString", "storageAccount", "storageKey", "storageSasToken"),
                "googleCredentials", List.of("applicationCredentials"));
        for (var provider : new java.util.TreeSet<>(credentials.keySet())) {
            for (var key : credentials.get(provider)) {
                secretKey(r, config.get(provider).get(key), at + "." + provider + "." + key);
            }
        }
        secretKey(r, config.get("endpointCA"), at + ".endpointCA");
    }

    private void objectStore(PolicyResource r, Prop parameters, String at) {
        var name = parameters.get("barmanObjectName");
        if (!name.isNull()) {
            add(r, at + ".barmanObjectName", "barmancloud.cnpg.io/ObjectStore", name);
        }
    }

    /**
     * cert-manager: every {@code …SecretRef} under an issuer names a Secret the issuer reads, except the ACME account key,
     * which cert-manager creates. A ClusterIssuer reads from the cluster resource namespace unless the ref names one
     * (seed 003's webhook solver looked in the wrong one).
     */
    private void issuerSecrets(PolicyResource r, Prop value, String at, boolean cluster) {
        if (value instanceof Prop.Obj obj) {
            obj.fields().forEach((key, v) -> {
                var webhook = at.contains(".webhook.config");
                if (key.toLowerCase(java.util.Locale.ROOT).endsWith("secretref") && !key.equals("privateKeySecretRef")
                        && v.get("name") != Prop.NULL) {
                    if (webhook && cluster && v.get("namespace").isNull()) {
                        // A webhook solver reads it from each Certificate's namespace (seed 003):
                        // cluster-issuer-secret-namespace owns that mistake.
                        return;
                    }
                    // Only a webhook's own config may name a namespace; cert-manager's selectors have no such field.
                    var ns = webhook && !v.get("namespace").isNull() ? v.get("namespace")
                            : cluster ? new Prop.Str(clusterResourceNamespace) : namespaceOf(r);
                    found.add(new Reference(r, at + "." + key, "Secret", ns, v.get("name"), null, false));
                } else if (key.equals("secretName") && at.endsWith(".ca")) {
                    found.add(new Reference(r, at + ".secretName", "Secret",
                            cluster ? new Prop.Str(clusterResourceNamespace) : namespaceOf(r), v, null, false));
                } else {
                    issuerSecrets(r, v, at + "." + key, cluster);
                }
            });
        } else if (value instanceof Prop.Arr arr) {
            for (int i = 0; i < arr.items().size(); i++) {
                issuerSecrets(r, arr.items().get(i), at + "[" + i + "]", cluster);
            }
        }
    }

    /** What a pod reads: Secrets and ConfigMaps through env, envFrom and volumes ({@code optional: true} excepted). */
    private void pod(PolicyResource r, Prop pod, String at) {
        for (var list : List.of("containers", "initContainers")) {
            for (var c : items(pod.get(list))) {
                var container = at + "." + list + "[" + PropReads.show(c.get("name")) + "]";
                for (var env : items(c.get("env"))) {
                    var from = env.get("valueFrom");
                    var where = container + ".env[" + PropReads.show(env.get("name")) + "]";
                    optionalRef(r, from.get("secretKeyRef"), where, "Secret");
                    optionalRef(r, from.get("configMapKeyRef"), where, "ConfigMap");
                }
                for (var from : items(c.get("envFrom"))) {
                    optionalRef(r, from.get("secretRef"), container + ".envFrom", "Secret");
                    optionalRef(r, from.get("configMapRef"), container + ".envFrom", "ConfigMap");
                }
            }
        }
        volumes(r, pod.get("volumes"), at + ".volumes");
    }

    /** Secrets and ConfigMaps a pod's volumes mount ({@code optional: true} excepted). */
    private void volumes(PolicyResource r, Prop list, String at) {
        for (var volume : items(list)) {
            var where = at + "[" + PropReads.show(volume.get("name")) + "]";
            var secret = volume.get("secret");
            if (!secret.isNull() && !isTrue(secret.get("optional"))) {
                add(r, where, "Secret", secret.get("secretName"));
            }
            optionalRef(r, volume.get("configMap"), where, "ConfigMap");
            for (var source : items(volume.get("projected").get("sources"))) {
                optionalRef(r, source.get("secret"), where, "Secret");
                optionalRef(r, source.get("configMap"), where, "ConfigMap");
            }
        }
    }

    /** Chart values the charts Citadel renders read as object names (the authentik chart's). */
    private void chartValues(PolicyResource r, Prop values) {
        if (!PropReads.text(r.get("chart")).orElse("").endsWith("authentik")) {
            return;
        }
        var existing = values.get("authentik").get("existingSecret").get("secretName");
        if (!existing.isNull()) {
            add(r, "values.authentik.existingSecret.secretName", "Secret", existing);
        }
        var blueprints = values.get("blueprints");
        for (var name : items(blueprints.get("configMaps"))) {
            add(r, "values.blueprints.configMaps", "ConfigMap", name);
        }
        for (var name : items(blueprints.get("secrets"))) {
            add(r, "values.blueprints.secrets", "Secret", name);
        }
        // The chart passes these to its pods as they are: a mounted CA Secret (issue 23) must exist like any other.
        for (var component : dev.citadel.contract.AuthentikChartKeys.VOLUME_OWNERS) {
            volumes(r, values.get(component).get("volumes"), "values." + component + ".volumes");
        }
    }

    /**
     * Walks a tree for Service hosts in strings and, in chart values, for the Kubernetes reference shapes charts pass
     * through to pods ({@code secretKeyRef}, {@code configMapKeyRef}, {@code envFrom}).
     */
    private void walk(PolicyResource r, Prop value, String at, boolean chartValues) {
        walk(r, value, at, chartValues, false, "");
    }

    private void walk(PolicyResource r, Prop value, String at, boolean chartValues, boolean secret, String slot) {
        if (value instanceof Prop.Secret hidden) {
            walk(r, hidden.value(), at, chartValues, true, slot);
        } else if (value instanceof Prop.Unknown) {
            if (HOST_SLOT.matcher(slot).matches()) {
                found.add(new Reference(r, at, "Service", Prop.UNKNOWN, Prop.UNKNOWN, null, secret));
            } else if (REFERENCE_LISTS.contains(slot)) {
                // An env list (or one entry of it) not known yet may hold any host, secretKeyRef or configMapKeyRef.
                found.add(new Reference(r, at, ANY_KIND, Prop.UNKNOWN, Prop.UNKNOWN, null, secret));
            }
        } else if (value instanceof Prop.Str s) {
            if (s.value().contains(".svc")) {
                var m = SERVICE_HOST.matcher(s.value());
                while (m.find()) {
                    found.add(new Reference(r, at, "Service", new Prop.Str(m.group(3)), new Prop.Str(m.group(1)), m.group(), secret));
                }
            }
        } else if (value instanceof Prop.Obj obj) {
            for (Map.Entry<String, Prop> e : obj.fields().entrySet()) {
                var key = e.getKey();
                // Inside a secret value, what is found stays secret: its name is judged, never printed.
                var v = secret ? new Prop.Secret(e.getValue()) : e.getValue();
                if (chartValues && (key.equals("secretKeyRef") || key.equals("secretRef"))) {
                    optionalRef(r, v, at, "Secret");
                } else if (chartValues && (key.equals("configMapKeyRef") || key.equals("configMapRef"))) {
                    optionalRef(r, v, at, "ConfigMap");
                } else {
                    // An env entry {name: X_HOST, value: ...} is a host slot by its name.
                    var name = key.equals("value") ? obj.fields().getOrDefault("name", Prop.NULL) : Prop.NULL;
                    walk(r, e.getValue(), at + "." + key, chartValues, secret, name instanceof Prop.Str n ? n.value() : key);
                }
            }
        } else if (value instanceof Prop.Arr arr) {
            for (int i = 0; i < arr.items().size(); i++) {
                var item = arr.items().get(i);
                var label = !secret && item.get("name") instanceof Prop.Str n ? n.value() : Integer.toString(i);
                walk(r, item, at + "[" + label + "]", chartValues, secret, slot);
            }
        }
    }

    private void optionalRef(PolicyResource r, Prop ref, String where, String kind) {
        if (!ref.isNull() && !isTrue(ref.get("optional"))) {
            add(r, where, kind, ref.get("name"));
        }
    }

    /** A {@code {name, key}} selector of a Secret in the object's namespace. */
    private void secretKey(PolicyResource r, Prop selector, String where) {
        if (!selector.isNull()) {
            add(r, where, "Secret", selector instanceof Prop.Unknown ? selector : selector.get("name"));
        }
    }

    private void add(PolicyResource r, String where, String kind, Prop name) {
        var bare = kind.contains("/") ? kind.substring(kind.indexOf('/') + 1) : kind;
        var secret = name instanceof Prop.Secret;
        found.add(new Reference(r, where, kind, CLUSTER_SCOPED.contains(bare) ? CLUSTER : namespaceOf(r),
                secret ? ((Prop.Secret) name).value() : name, null, secret));
    }

    private static boolean isTrue(Prop p) {
        return PropReads.text(p).map("true"::equalsIgnoreCase).orElse(false);
    }
}
