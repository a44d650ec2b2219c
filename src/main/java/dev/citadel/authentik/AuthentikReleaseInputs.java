package dev.citadel.authentik;

import com.pulumi.core.annotations.Import;
import dev.citadel.config.Doc;
import dev.citadel.config.Inputs;
import dev.citadel.config.Scope;
import dev.citadel.database.CaBundleInputs;
import dev.citadel.database.CnpgCluster;
import dev.citadel.database.PostgresConnection;
import dev.citadel.database.SslMode;
import dev.citadel.secrets.SecretRef;
import dev.citadel.secrets.VaultBackedSecret;

import java.util.Arrays;
import java.util.Map;

/** {@code citadel:authentik.release}: the hardened {@link AuthentikRelease}. */
@Doc("The authentik Helm release, hardened: pinned image with a floor, secrets from citadel:secrets, its database by contract.")
public final class AuthentikReleaseInputs extends Inputs {
    @Import(name = "chartVersion", required = true) @Doc("The authentik chart's version.")
    private String chartVersion;
    @Import(name = "imageTag", required = true) @Doc("authentik's image tag.")
    private String imageTag;
    @Import(name = "imageFloor", required = true) @Doc("The oldest tag allowed besides the one that runs, read from the cluster: a downgrade below either is refused (seed 001).")
    private String imageFloor;
    @Import(name = "firstInstall") @Doc("authentik does not run yet: the server and worker Deployments are not read for the tag they run "
            + "(pulumi up fails on a read of one that does not exist); remove it once authentik runs, or Keel's next tag is no floor.")
    private Boolean firstInstall;
    @Import(name = "secretKey", required = true) @Doc("The citadel:secrets entry holding AUTHENTIK_SECRET_KEY (the chart's existingSecret).")
    private String secretKey;
    @Import(name = "bootstrap", required = true) @Doc("The citadel:secrets entry holding AUTHENTIK_BOOTSTRAP_TOKEN and AUTHENTIK_BOOTSTRAP_PASSWORD.")
    private String bootstrap;
    @Import(name = "postgres", required = true) @Doc("authentik's database: {cluster: <citadel:databases entry>, database}, or a host this stack does not own.")
    private Postgres postgres;
    @Import(name = "env") @Doc("More AUTHENTIK_* environment variables.")
    private Map<String, String> env;
    @Import(name = "values") @Doc("More chart values (a map as in values.yaml).")
    private Map<String, Object> values;
    @Import(name = "outpostAlerts") @Doc("Alerts on the outpost's forward-auth errors; present means on.")
    private Alerts outpostAlerts;

    /**
     * @param flows    the blueprints' ConfigMap, when {@code citadel:authentik.flows} is set
     * @param outpost  the outpost the alerts watch unless they name one
     */
    public AuthentikReleaseArgs toArgs(Scope scope, String namespace, String flows, String outpost) {
        var b = AuthentikReleaseArgs.builder().namespace(namespace).chartVersion(chartVersion).image(imageTag, imageFloor);
        var key = scope.entry(this, "secretKey", "secrets", VaultBackedSecret.class, secretKey);
        b.existingSecret(build("secretKey", () -> key.secretName(namespace)));
        var boot = scope.entry(this, "bootstrap", "secrets", VaultBackedSecret.class, bootstrap);
        b.bootstrap(build("bootstrap", () -> boot.ref(namespace, "AUTHENTIK_BOOTSTRAP_TOKEN")),
                build("bootstrap", () -> boot.ref(namespace, "AUTHENTIK_BOOTSTRAP_PASSWORD")));
        b.postgres(postgres.connection(scope, namespace));
        env.forEach(b::env);
        flatten("", values, b);
        ifSet(flows, b::blueprintConfigMap);
        if (Boolean.TRUE.equals(firstInstall)) {
            b.firstInstall();
        }
        if (outpostAlerts != null) {
            b.outpostAlerts(outpostAlerts.alerts(outpost));
        }
        return build(b::build);
    }

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

    /**
     * {@code cluster} names a {@code citadel:databases} entry, whose connection (pooler host, owner, password Secret)
     * authentik takes as is; a {@code host} is only for a database this stack does not own, and the plan's
     * references-resolve policy then checks that something answers it.
     */
    @Doc("authentik's database: cluster (a citadel:databases entry), or host + secret for one this stack does not own.")
    public static final class Postgres extends Inputs {
        @Import(name = "cluster") @Doc("The citadel:databases entry; host, port, user, password Secret and pooling come from it.")
        private String cluster;
        @Import(name = "database") @Doc("The database; default the cluster's bootstrap database (authentik for a host).")
        private String database;
        @Import(name = "host") @Doc("A database this stack does not own: its host.")
        private String host;
        @Import(name = "port") @Doc("host: its port; default 5432.")
        private Integer port;
        @Import(name = "user") @Doc("host: the user; default authentik.")
        private String user;
        @Import(name = "secret") @Doc("host: the citadel:secrets entry holding the password (key password).")
        private String secret;
        @Import(name = "sslmode") @Doc("host: verify-full (default) or verify-ca.")
        private String sslmode;
        @Import(name = "ca") @Doc("host: the CA that signed the server's certificate, in authentik's namespace.")
        private CaBundleInputs ca;
        @Import(name = "sessionPool") @Doc("host: the host is a session-mode pooler; default false.")
        private Boolean sessionPool;

        PostgresConnection connection(Scope scope, String namespace) {
            if ((cluster != null) == (host != null)) {
                throw mistake(": name the citadel:databases entry authentik uses (cluster: authentik-db), or, for "
                        + "a database this stack does not own, its host and secret; not both, not neither");
            }
            if (cluster != null) {
                var owned = scope.entry(this, "cluster", "databases", CnpgCluster.class, cluster);
                var connection = build(() -> database == null ? owned.connection() : owned.connection(database));
                // The pods read the owner's password Secret at start: wait for its ExternalSecret, not only for the cluster.
                scope.entries("secrets", VaultBackedSecret.class).values().stream()
                        .filter(s -> connection.password().name().equals(s.secretNames().get(namespace)))
                        .forEach(scope::waitFor);
                return connection;
            }
            var owner = scope.entries("databases", CnpgCluster.class).entrySet().stream()
                    .filter(c -> c.getValue().serves(host)).map(Map.Entry::getKey).findFirst();
            if (owner.isPresent()) {
                throw fail("host", ": '" + host + "' is a Service of citadel:databases entry '" + owner.get()
                        + "', which this stack owns; write cluster: " + owner.get() + " instead, so host, pooler and secret come from it");
            }
            if (secret == null) {
                throw fail("secret", " is missing; add 'secret: ...' there (the citadel:secrets entry holding the password)");
            }
            var s = scope.entry(this, "secret", "secrets", VaultBackedSecret.class, secret);
            SecretRef password = build("secret", () -> s.ref(namespace, "password"));
            var raw = sslmode == null ? SslMode.VERIFY_FULL.value() : sslmode;
            var mode = Arrays.stream(SslMode.values()).filter(m -> m.value().equals(raw)).findFirst()
                    .orElseThrow(() -> fail("sslmode", ": '" + raw + "' is not verify-full or verify-ca (modes that check "
                            + "no certificate, or may fall back to plain text, are refused: seed 004)"));
            var pooling = Boolean.TRUE.equals(sessionPool) ? PostgresConnection.Pooling.SESSION : PostgresConnection.Pooling.NONE;
            var connection = build(() -> PostgresConnection.external(host, port == null ? 5432 : port, database == null ? "authentik" : database,
                    user == null ? "authentik" : user, password, mode).pooled(pooling));
            return ca == null ? connection : build(() -> connection.withCa(PostgresConnection.ServerCa.of(namespace, ca.bundle()), mode));
        }
    }

    @Doc("Alerts on the outpost's forward-auth errors.")
    public static final class Alerts extends Inputs {
        @Import(name = "outpost") @Doc("The outpost watched; default flows.outpost.name.")
        private String outpost;
        @Import(name = "entrypoint") @Doc("The ingress entrypoint the forward-auth requests come through.")
        private String entrypoint;
        @Import(name = "forwardAuth400PerSecond") @Doc("Forward-auth 400s per second that alert.")
        private Double forwardAuth400PerSecond;
        @Import(name = "fallback401PerSecond") @Doc("Fallback 401s per second that alert.")
        private Double fallback401PerSecond;
        @Import(name = "for") @Doc("How long the rate must hold before it alerts.")
        private String duration;

        OutpostAlerts alerts(String defaultOutpost) {
            var a = OutpostAlerts.forOutpost(outpost == null ? defaultOutpost : outpost);
            if (entrypoint != null) {
                a = a.withEntrypoint(entrypoint);
            }
            if (forwardAuth400PerSecond != null) {
                a = a.withForwardAuth400PerSecond(forwardAuth400PerSecond);
            }
            if (fallback401PerSecond != null) {
                a = a.withFallback401PerSecond(fallback401PerSecond);
            }
            return duration == null ? a : a.withFor(duration);
        }
    }
}
