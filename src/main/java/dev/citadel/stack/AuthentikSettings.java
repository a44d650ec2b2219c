package dev.citadel.stack;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.Resource;
import dev.citadel.authentik.AuthentikFlow;
import dev.citadel.authentik.AuthentikFlowArgs;
import dev.citadel.authentik.AuthentikDefaults;
import dev.citadel.authentik.AuthentikRelease;
import dev.citadel.authentik.AuthentikReleaseArgs;
import dev.citadel.authentik.BlueprintObject;
import dev.citadel.authentik.OutpostAlerts;
import dev.citadel.authentik.Presets;
import dev.citadel.database.CnpgCluster;
import dev.citadel.database.PostgresConnection;
import dev.citadel.database.SslMode;
import dev.citadel.secrets.SecretRef;
import dev.citadel.secrets.VaultBackedSecret;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code citadel:authentik}: the hardened authentik release ({@code release}) and its flows as blueprints
 * ({@code flows}). See {@code stacks/Pulumi.homelab.yaml}.
 */
final class AuthentikSettings {
    private final ConfigNode node;
    private final Map<String, VaultBackedSecret> secrets;
    private final Map<String, CnpgCluster> clusters;

    AuthentikSettings(ConfigNode node, Map<String, VaultBackedSecret> secrets, Map<String, CnpgCluster> clusters) {
        this.node = node;
        this.secrets = secrets;
        this.clusters = clusters;
    }

    Map<String, Output<?>> define(List<ProviderResource> providers) {
        var exports = new LinkedHashMap<String, Output<?>>();
        if (!node.has("release") && !node.has("flows")) {
            node.rejectUnknownKeys();
            return exports;
        }
        var namespace = node.string("namespace", AuthentikFlowArgs.DEFAULT_NAMESPACE);
        // Checked here, or the first component to use it names its own field (outpost kubernetes_namespace, ...).
        ConfigException.at(node.path(), () -> dev.citadel.names.KubernetesNames.label("namespace", namespace));
        var waitFor = new ArrayList<Resource>();
        String configMap = null;
        String outpost = AuthentikDefaults.EMBEDDED_OUTPOST;
        if (node.has("flows") && node.get("flows").has("outpost")) {
            outpost = node.get("flows").get("outpost").string("name", outpost);
        }
        if (node.has("flows")) {
            var flowsNode = node.get("flows");
            var args = ConfigException.at(flowsNode.path(), () -> flowArgs(flowsNode, namespace));
            var flows = new AuthentikFlow("authentik-flows", args, ComponentResourceOptions.builder().providers(providers).build());
            waitFor.add(flows);
            configMap = args.configMap();
            exports.put("authentikBlueprints", flows.blueprintNames());
        }
        if (node.has("release")) {
            var r = node.get("release");
            var b = AuthentikReleaseArgs.builder().namespace(namespace)
                    .chartVersion(r.string("chartVersion"))
                    .image(r.string("imageTag"), r.string("imageFloor"));
            var secretKey = secret(r, "secretKey", waitFor);
            b.existingSecret(ConfigException.at(r.path() + ".secretKey", () -> secretKey.secretName(namespace)));
            var bootstrap = secret(r, "bootstrap", waitFor);
            b.bootstrap(ref(r, "bootstrap", bootstrap, namespace, "AUTHENTIK_BOOTSTRAP_TOKEN"),
                    ref(r, "bootstrap", bootstrap, namespace, "AUTHENTIK_BOOTSTRAP_PASSWORD"));
            b.postgres(postgres(r.get("postgres"), namespace, waitFor));
            r.get("env").entries().forEach(e -> b.env(e.getKey(), e.getValue()));
            var values = r.get("values").plain();
            if (values instanceof Map<?, ?> m) {
                flatten("", m, b);
            } else if (values != null) {
                throw new ConfigException(r.path() + ".values should be a map of chart values");
            }
            if (configMap != null) {
                b.blueprintConfigMap(configMap);
            }
            if (r.has("outpostAlerts")) {
                b.outpostAlerts(outpostAlerts(r.get("outpostAlerts"), outpost));
            }
            r.rejectUnknownKeys();
            var args = ConfigException.at(r.path(), b::build);
            var release = new AuthentikRelease("authentik", args,
                    ComponentResourceOptions.builder().providers(providers).dependsOn(waitFor).build());
            exports.put("authentikImageTag", release.imageTag());
        }
        node.rejectUnknownKeys();
        return exports;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<?, ?> values, AuthentikReleaseArgs.Builder b) {
        values.forEach((k, v) -> {
            var path = prefix + k;
            if (v instanceof Map<?, ?> m && !m.isEmpty()) {
                flatten(path + ".", m, b);
            } else {
                b.chartValue(path, v);
            }
        });
    }

    private VaultBackedSecret secret(ConfigNode n, String key, List<Resource> waitFor) {
        var name = n.string(key);
        var s = secrets.get(name);
        if (s == null) {
            throw new ConfigException(n.path() + "." + key + ": no citadel:secrets entry is named '" + name + "' (there are "
                    + new java.util.TreeSet<>(secrets.keySet()) + ")");
        }
        waitFor.add(s);
        return s;
    }

    /**
     * {@code release.postgres}: {@code cluster} names a {@code citadel:databases} entry, whose connection (pooler host,
     * owner, password Secret) authentik takes as is; a {@code host} is only for a database this stack does not own, and
     * the plan's references-resolve policy then checks that something answers it.
     */
    private PostgresConnection postgres(ConfigNode pg, String namespace, List<Resource> waitFor) {
        var path = pg.path();
        if (pg.has("cluster") == pg.has("host")) {
            throw new ConfigException(path + ": name the citadel:databases entry authentik uses (cluster: authentik-db), or, for "
                    + "a database this stack does not own, its host and secret; not both, not neither");
        }
        var database = pg.optString("database");
        if (pg.has("cluster")) {
            var entry = pg.string("cluster");
            var cluster = clusters.get(entry);
            if (cluster == null) {
                throw new ConfigException(path + ".cluster: no citadel:databases entry is named '" + entry + "' (there are "
                        + new java.util.TreeSet<>(clusters.keySet()) + ")");
            }
            pg.rejectUnknownKeys();
            var connection = ConfigException.at(path, () -> database.map(cluster::connection).orElseGet(cluster::connection));
            // The pods read the owner's password Secret at start: wait for its ExternalSecret, not only for the cluster.
            waitFor.add(cluster);
            secrets.values().stream().filter(s -> connection.password().name().equals(s.secretNames().get(namespace)))
                    .forEach(waitFor::add);
            return connection;
        }
        var host = pg.string("host");
        var owned = clusters.entrySet().stream().filter(c -> c.getValue().serves(host)).map(Map.Entry::getKey).findFirst();
        if (owned.isPresent()) {
            throw new ConfigException(path + ".host: '" + host + "' is a Service of citadel:databases entry '" + owned.get()
                    + "', which this stack owns; write cluster: " + owned.get() + " instead, so host, pooler and secret come from it");
        }
        var secret = secret(pg, "secret", waitFor);
        var password = ref(pg, "secret", secret, namespace, "password");
        var sslmode = pg.string("sslmode", SslMode.REQUIRE.value());
        var mode = java.util.Arrays.stream(SslMode.values()).filter(m -> m.value().equals(sslmode)).findFirst()
                .orElseThrow(() -> new ConfigException(path + ".sslmode: '" + sslmode + "' is not one of require, verify-ca, "
                        + "verify-full (modes that may fall back to plain text are refused: seed 004)"));
        var pooling = pg.bool("sessionPool", false) ? PostgresConnection.Pooling.SESSION : PostgresConnection.Pooling.NONE;
        var port = pg.integer("port", 5432);
        var user = pg.string("user", "authentik");
        var connection = ConfigException.at(path, () -> PostgresConnection.external(host, port, database.orElse("authentik"),
                user, password, mode).pooled(pooling));
        pg.rejectUnknownKeys();
        return connection;
    }

    private static SecretRef ref(ConfigNode n, String key, VaultBackedSecret s, String namespace, String secretKey) {
        return ConfigException.at(n.path() + "." + key, () -> s.ref(namespace, secretKey));
    }

    /** {@code release.outpostAlerts}: present means on; the outpost defaults to {@code flows.outpost.name}. */
    private static OutpostAlerts outpostAlerts(ConfigNode n, String outpost) {
        var a = OutpostAlerts.forOutpost(n.string("outpost", outpost));
        if (n.has("entrypoint")) {
            a = a.withEntrypoint(n.string("entrypoint"));
        }
        if (n.has("forwardAuth400PerSecond")) {
            a = a.withForwardAuth400PerSecond(rate(n, "forwardAuth400PerSecond"));
        }
        if (n.has("fallback401PerSecond")) {
            a = a.withFallback401PerSecond(rate(n, "fallback401PerSecond"));
        }
        if (n.has("for")) {
            a = a.withFor(n.string("for"));
        }
        n.rejectUnknownKeys();
        return a;
    }

    private static double rate(ConfigNode n, String key) {
        var raw = n.string(key);
        try {
            return Double.parseDouble(raw.strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(n.path() + "." + key + ": '" + raw + "' is not a number of requests per second; write e.g. 5");
        }
    }

    private static AuthentikFlowArgs flowArgs(ConfigNode flows, String namespace) {
        var b = AuthentikFlowArgs.builder().namespace(namespace);
        flows.optString("configMap").ifPresent(b::configMap);
        if (flows.bool("oneScreenLogin", false)) {
            b.blueprint(Presets.oneScreenLogin());
        }
        if (flows.has("persistentSessionWeeks")) {
            var weeks = flows.integer("persistentSessionWeeks", 4);
            b.blueprint(ConfigException.at(flows.path(), java.util.Map.of("persistentSessions weeks", "persistentSessionWeeks"),
                    () -> Presets.persistentSessions(weeks)));
        }
        var groups = flows.list("invitationEnrollmentGroups").stream().map(ConfigNode::asString).toList();
        var sources = flows.list("invitationSources").stream().map(ConfigNode::asString).toList();
        if (!groups.isEmpty()) {
            b.blueprint(ConfigException.at(flows.path(), java.util.Map.of(
                    "invitationEnrollment source", "invitationSources: source",
                    "invitationEnrollment group", "invitationEnrollmentGroups: group"),
                    () -> Presets.invitationEnrollment(groups, sources)));
        } else if (!sources.isEmpty()) {
            throw new ConfigException(flows.path() + ".invitationSources: the sources enroll through the invitation flow, which "
                    + "needs invitationEnrollmentGroups (e.g. [user])");
        }
        if (flows.has("outpost")) {
            var o = flows.get("outpost");
            var replicas = o.integer("replicas", 2);
            var host = o.httpUrl("authentikHost", "https://auth.example.org");
            b.blueprint(ConfigException.at(o.path(), () -> Presets.outpost(o.string("name", AuthentikDefaults.EMBEDDED_OUTPOST), host,
                    replicas, namespace)));
            o.rejectUnknownKeys();
        }
        for (var app : flows.list("firstPartyApps")) {
            var uris = app.list("redirectUris").stream().map(ConfigNode::asString).toArray(String[]::new);
            b.blueprint(ConfigException.at(app.path(), java.util.Map.of("firstPartyOidcApp name", "name"),
                    () -> Presets.firstPartyOidcApp(app.string("name"), uris)));
            app.rejectUnknownKeys();
        }
        var deleted = flows.list("deletedFlows").stream().map(n -> BlueprintObject.Deleted.flow(n.asString())).toList();
        if (!deleted.isEmpty()) {
            b.blueprint(Presets.deleted("citadel-deleted", deleted));
        }
        flows.rejectUnknownKeys();
        return b.build();
    }
}
