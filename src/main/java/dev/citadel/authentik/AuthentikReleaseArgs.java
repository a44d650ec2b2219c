package dev.citadel.authentik;

import com.pulumi.core.Output;
import dev.citadel.contract.AuthentikChartKeys;
import dev.citadel.database.PostgresConnection;
import dev.citadel.names.KubernetesNames;
import dev.citadel.secrets.SecretRef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import static dev.citadel.authentik.ChartValues.fromSecret;
import static dev.citadel.authentik.ChartValues.ordered;
import static dev.citadel.authentik.ChartValues.plain;
import static dev.citadel.authentik.ChartValues.put;

/**
 * The authentik Helm release with seed 001's hardening built in. Refused at {@link Builder#build()}: an image tag below
 * the floor (the chart pin that downgraded the live image against a migrated database), chart values under
 * {@code authentik.*} while {@code existingSecret} is used (inert), {@code CONN_MAX_AGE} behind a session-mode pooler,
 * and secrets that are not in authentik's namespace.
 */
public final class AuthentikReleaseArgs {
    /** Seed 001 line 11: "server livenessProbe 6x10s/5s (was chart-default 3x10s/3s)". */
    public static final int LIVENESS_FAILURE_THRESHOLD = 6;
    public static final int LIVENESS_PERIOD_SECONDS = 10;
    public static final int LIVENESS_TIMEOUT_SECONDS = 5;
    /** Seed 001 lines 144-147: anonymous sessions capped at 2 h (authentik's default is days=1). */
    public static final String UNAUTHENTICATED_AGE = "hours=2";

    private final String namespace;
    private final String releaseName;
    private final String chartVersion;
    private final String imageTag;
    private final String imageFloor;
    private final String existingSecret;
    private final SecretRef bootstrapToken;
    private final SecretRef bootstrapPassword;
    /** Null while the connection is an {@code Output} (another stack's cluster): then {@link #valuesOutput()} waits for it. */
    private final PostgresConnection postgres;
    private final Output<PostgresConnection> postgresOutput;
    private final Builder source;
    private final Map<String, String> env;
    private final List<String> blueprintConfigMaps;
    private final Map<String, Object> chartValues;
    private final OutpostAlerts outpostAlerts;
    private final boolean firstInstall;

    private AuthentikReleaseArgs(Builder b) {
        firstInstall = b.firstInstall;
        namespace = KubernetesNames.label("namespace (authentik's namespace; a DNS-1123 label)", b.namespace);
        releaseName = KubernetesNames.label("releaseName (the Helm release; a DNS-1123 label)", b.releaseName);
        chartVersion = version("chartVersion", b.chartVersion);
        imageTag = version("imageTag", b.imageTag);
        imageFloor = version("imageFloor", b.imageFloor);
        if (dev.citadel.contract.Versions.isBelow(imageTag, imageFloor).orElseThrow()) {
            throw new IllegalArgumentException("imageTag " + imageTag + " is below imageFloor " + imageFloor + ": the database is "
                    + "migrated to the floor and an older authentik would boot against it (seed 001's 50-minute outage); pin "
                    + "imageTag at or above " + imageFloor + ", or restore the database and lower the floor");
        }
        existingSecret = KubernetesNames.subdomain("existingSecret (the Secret holding AUTHENTIK_SECRET_KEY)",
                Objects.requireNonNullElse(b.existingSecret, ""));
        bootstrapToken = inNamespace("bootstrapToken", b.bootstrapToken);
        bootstrapPassword = b.bootstrapPassword == null ? null : inNamespace("bootstrapPassword", b.bootstrapPassword);
        if (b.postgres == null && b.postgresOutput == null) {
            throw new IllegalArgumentException("postgres is missing; pass the database's connection, e.g. "
                    + "postgres(authentikDb.connection(\"authentik\")) of its CnpgCluster, or PostgresConnection.external(...) "
                    + "for a database this stack does not own");
        }
        postgres = b.postgres;
        postgresOutput = b.postgresOutput;
        source = b.copy();
        if (postgres != null) {
            inNamespace("postgres password", postgres.password());
            caInNamespace(postgres.requireVerified("postgres", "authentik"));
        }
        var sessionPool = postgres != null && postgres.pooling() == PostgresConnection.Pooling.SESSION;
        env = new LinkedHashMap<>(b.env);
        for (var name : env.keySet()) {
            if (!name.matches("[A-Z_][A-Z0-9_]*")) {
                throw new IllegalArgumentException("env " + name + " is not an environment variable name; write it as authentik "
                        + "reads it, e.g. AUTHENTIK_WEB__WORKERS");
            }
        }
        var conn = env.get(AuthentikChartKeys.CONN_MAX_AGE);
        if (sessionPool && conn != null && !conn.strip().equals("0")) {
            throw new IllegalArgumentException("env " + AuthentikChartKeys.CONN_MAX_AGE + "=" + conn + " with a session-mode pooler at "
                    + postgres.host() + ": each persistent connection pins a server connection and the pool saturates (seed 001: "
                    + "58 s/s waits); remove it, or point postgres at a transaction-mode pool");
        }
        for (var reserved : List.of("AUTHENTIK_POSTGRESQL__HOST", "AUTHENTIK_POSTGRESQL__PORT", "AUTHENTIK_POSTGRESQL__NAME",
                "AUTHENTIK_POSTGRESQL__USER", "AUTHENTIK_POSTGRESQL__PASSWORD", "AUTHENTIK_POSTGRESQL__SSLMODE", AuthentikChartKeys.SSLROOTCERT,
                "AUTHENTIK_BOOTSTRAP_TOKEN",
                "AUTHENTIK_SESSIONS__UNAUTHENTICATED_AGE")) {
            if (env.containsKey(reserved)) {
                throw new IllegalArgumentException("env " + reserved + " is set by the release itself; use the builder's postgres(...) "
                        + "and bootstrap settings instead of env");
            }
        }
        blueprintConfigMaps = List.copyOf(b.blueprintConfigMaps);
        outpostAlerts = Objects.requireNonNullElse(b.outpostAlerts, OutpostAlerts.off());
        outpostAlerts.validate();
        chartValues = new LinkedHashMap<>(b.chartValues);
        for (var path : chartValues.keySet()) {
            if (path.startsWith("authentik.") && !AuthentikChartKeys.READ_WITH_EXISTING_SECRET.contains(path)) {
                throw new IllegalArgumentException("chart value " + path + " is inert: existingSecret " + existingSecret + " makes the chart "
                        + "skip the Secret it would render from authentik.* (seed 001: the pods ran the defaults); set it with "
                        + "env(\"AUTHENTIK_" + path.substring("authentik.".length()).replace(".", "__").toUpperCase(Locale.ROOT) + "\", ...) instead");
            }
            if (List.of("global.image", AuthentikChartKeys.VOLUMES, AuthentikChartKeys.VOLUME_MOUNTS, "server.env", "worker.env", "blueprints", "authentik.existingSecret").stream()
                    .anyMatch(p -> path.equals(p) || path.startsWith(p + "."))) {
                throw new IllegalArgumentException("chart value " + path + " is set by the release itself; use the builder's settings");
            }
        }
    }

    public String namespace() {
        return namespace;
    }

    public String releaseName() {
        return releaseName;
    }

    public String chartVersion() {
        return chartVersion;
    }

    public String imageTag() {
        return imageTag;
    }

    public String imageFloor() {
        return imageFloor;
    }

    /** authentik does not run yet: no live tags are read ({@link Builder#firstInstall()}). */
    public boolean firstInstall() {
        return firstInstall;
    }

    Map<String, Object> chartValues() {
        return java.util.Collections.unmodifiableMap(chartValues);
    }

    /** Seed 001's outpost alerts, emitted as a PrometheusRule when enabled. */
    public OutpostAlerts outpostAlerts() {
        return outpostAlerts;
    }

    /**
     * The chart values once the connection is known: at once for a connection value, when the {@code Output} resolves
     * otherwise (then every check of {@code build()} that needs the connection runs again, with the same message).
     */
    public Output<Map<String, Object>> valuesOutput() {
        if (postgres != null) {
            return Output.of(values());
        }
        return postgresOutput.applyValue(c -> source.copy().postgres(c).build().values());
    }

    /** The chart values: everything seed 001 learnt, in the places the chart reads. */
    public Map<String, Object> values() {
        if (postgres == null) {
            throw new IllegalStateException("the postgres connection is an Output; read valuesOutput()");
        }
        var values = new LinkedHashMap<String, Object>();
        // Seed 001 line 9: "pin global.image.tag to the Keel-managed live tag so helm applies can never downgrade".
        var global = new LinkedHashMap<String, Object>();
        global.put("image", ordered("repository", AuthentikChartKeys.DEFAULT_REPOSITORY, "tag", imageTag));
        // Issue 23: the pods check the database's certificate against its CA, mounted read-only from its Secret/ConfigMap.
        var ca = postgres.ca().orElseThrow().bundle();
        var items = List.of(ordered("key", ca.key(), "path", ca.key()));
        global.put("volumes", List.of(ca instanceof dev.citadel.database.CaBundle.SecretKey
                ? ordered("name", CA_VOLUME, "secret", ordered("secretName", ca.name(), "items", items))
                : ordered("name", CA_VOLUME, "configMap", ordered("name", ca.name(), "items", items))));
        global.put("volumeMounts", List.of(ordered("name", CA_VOLUME, "mountPath", CA_DIR, "readOnly", true)));
        values.put("global", global);
        values.put("authentik", Map.of("existingSecret", Map.of("secretName", existingSecret)));
        values.put("blueprints", Map.of("configMaps", blueprintConfigMaps));
        for (var component : AuthentikChartKeys.COMPONENTS) {
            var c = new LinkedHashMap<String, Object>();
            c.put("env", env());
            // Seed 003: a rotated secret must restart its consumers, not leave them on the old value.
            // The typed floor beside the reloader's: no-image-downgrade reads it there (LiveFloor adds the live tag).
            c.put("deploymentAnnotations", ordered(dev.citadel.secrets.Reloader.SECRET_ANNOTATION, String.join(",", reloadOn()),
                    dev.citadel.contract.ImageFloor.TYPED_FLOOR_ANNOTATION, imageFloor));
            // Seed 001 lines 11 and 4-5: pods queuing on the migration lock were killed by the chart's 3x10s/3s probe.
            c.put("livenessProbe", ordered("failureThreshold", LIVENESS_FAILURE_THRESHOLD, "periodSeconds", LIVENESS_PERIOD_SECONDS,
                    "timeoutSeconds", LIVENESS_TIMEOUT_SECONDS));
            values.put(component, c);
        }
        chartValues.forEach((path, value) -> put(values, path, value));
        return values;
    }

    /**
     * server.env and worker.env: the surface that reaches the pods while existingSecret is used (seed 001 lines 24-28).
     * No CONN_MAX_AGE: behind session-mode pgbouncer it saturated the pool (seed 001 lines 12-13).
     */
    List<Map<String, Object>> env() {
        var list = new ArrayList<Map<String, Object>>();
        list.add(plain("AUTHENTIK_SESSIONS__UNAUTHENTICATED_AGE", UNAUTHENTICATED_AGE));
        list.add(plain("AUTHENTIK_POSTGRESQL__HOST", postgres.host()));
        list.add(plain("AUTHENTIK_POSTGRESQL__PORT", Integer.toString(postgres.port())));
        list.add(plain("AUTHENTIK_POSTGRESQL__NAME", postgres.database()));
        list.add(plain("AUTHENTIK_POSTGRESQL__USER", postgres.user()));
        list.add(fromSecret("AUTHENTIK_POSTGRESQL__PASSWORD", postgres.password()));
        list.add(plain("AUTHENTIK_POSTGRESQL__SSLMODE", postgres.sslmode().value()));
        // A path: authentik hands it to psycopg as libpq's sslrootcert (authentik/lib/config.py django_db_config).
        list.add(plain(AuthentikChartKeys.SSLROOTCERT, CA_DIR + "/" + postgres.ca().orElseThrow().bundle().key()));
        // Seed 003: the token and password come from a VaultBackedSecret, generated once, never regenerated.
        list.add(fromSecret("AUTHENTIK_BOOTSTRAP_TOKEN", bootstrapToken));
        if (bootstrapPassword != null) {
            list.add(fromSecret("AUTHENTIK_BOOTSTRAP_PASSWORD", bootstrapPassword));
        }
        env.forEach((k, v) -> list.add(plain(k, v)));
        return list;
    }

    /** The Secrets the pods read: their VaultBackedSecrets belong in the release's {@code dependsOn}. */
    public List<SecretRef> secrets() {
        var out = new ArrayList<SecretRef>(List.of(bootstrapToken));
        if (postgres != null) {
            out.add(0, postgres.password());
        }
        if (bootstrapPassword != null) {
            out.add(bootstrapPassword);
        }
        return out;
    }

    /** The Secrets whose change restarts server and worker (Stakater Reloader). */
    List<String> reloadOn() {
        var names = new java.util.TreeSet<String>();
        names.add(existingSecret);
        secrets().forEach(r -> names.add(r.name()));
        return List.copyOf(names);
    }

    static final String CA_VOLUME = "citadel-postgres-ca";
    static final String CA_DIR = "/citadel/postgres-ca";

    private void caInNamespace(PostgresConnection c) {
        var ca = c.ca().orElseThrow();
        if (!ca.namespace().equals(namespace)) {
            throw new IllegalArgumentException("postgres CA " + ca + " is in namespace " + ca.namespace() + ", but authentik runs in "
                    + namespace + " and pods mount Secrets and ConfigMaps of their own namespace only; copy it to " + namespace
                    + " and pass connection.withCa(ServerCa.of(\"" + namespace + "\", ...), " + c.sslmode().name() + ")");
        }
    }

    private SecretRef inNamespace(String field, SecretRef ref) {
        if (ref == null) {
            throw new IllegalArgumentException(field + " is missing; pass the key of a Secret in " + namespace
                    + ", e.g. secret.ref(\"" + namespace + "\", key) of its VaultBackedSecret");
        }
        if (!ref.namespace().equals(namespace)) {
            throw new IllegalArgumentException(field + " " + ref + " is in namespace " + ref.namespace() + ", but authentik runs in "
                    + namespace + " and pods read Secrets of their own namespace only; sync the secret to " + namespace);
        }
        return ref;
    }

    private static String version(String field, String value) {
        if (value == null || !value.matches("\\d+(\\.\\d+){1,3}")) {
            throw new IllegalArgumentException(field + " is '" + value + "'; give an exact version such as 2026.2.4 (a moving tag or "
                    + "none lets the chart or Keel pick one, and seed 001's downgrade came from exactly that)");
        }
        return value;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String namespace = AuthentikFlowArgs.DEFAULT_NAMESPACE;
        private String releaseName = "authentik";
        private String chartVersion;
        private String imageTag;
        private String imageFloor;
        private String existingSecret;
        private SecretRef bootstrapToken;
        private SecretRef bootstrapPassword;
        private PostgresConnection postgres;
        private Output<PostgresConnection> postgresOutput;
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> blueprintConfigMaps = new ArrayList<>();
        private final Map<String, Object> chartValues = new LinkedHashMap<>();
        private OutpostAlerts outpostAlerts;
        private boolean firstInstall;

        private Builder() {
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        public Builder releaseName(String name) {
            this.releaseName = name;
            return this;
        }

        public Builder chartVersion(String version) {
            this.chartVersion = version;
            return this;
        }

        /** The tag the live pods run (Keel's, seed 001), and the lowest tag this release may ever pin. */
        public Builder image(String tag, String floor) {
            this.imageTag = tag;
            this.imageFloor = floor;
            return this;
        }

        /** The Secret with {@code AUTHENTIK_SECRET_KEY}, given to the chart as {@code authentik.existingSecret.secretName}. */
        public Builder existingSecret(String secretName) {
            this.existingSecret = secretName;
            return this;
        }

        public Builder bootstrap(SecretRef token, SecretRef password) {
            this.bootstrapToken = token;
            this.bootstrapPassword = password;
            return this;
        }

        /**
         * The database authentik uses: its CnpgCluster's {@code connection("authentik")} (host, pooler mode, owner and
         * password Secret all from the cluster, so they cannot drift), or {@link PostgresConnection#external} for one this
         * stack does not own. A session-mode pool refuses {@code CONN_MAX_AGE} (seed 001).
         */
        public Builder postgres(PostgresConnection connection) {
            this.postgres = connection;
            this.postgresOutput = null;
            return this;
        }

        /** The connection as an {@code Output}: another stack's cluster, read back with a StackReference. */
        public Builder postgres(Output<PostgresConnection> connection) {
            this.postgresOutput = connection;
            this.postgres = null;
            return this;
        }

        private Builder copy() {
            var c = new Builder();
            c.namespace = namespace;
            c.releaseName = releaseName;
            c.chartVersion = chartVersion;
            c.imageTag = imageTag;
            c.imageFloor = imageFloor;
            c.existingSecret = existingSecret;
            c.bootstrapToken = bootstrapToken;
            c.bootstrapPassword = bootstrapPassword;
            c.postgres = postgres;
            c.postgresOutput = postgresOutput;
            c.env.putAll(env);
            c.blueprintConfigMaps.addAll(blueprintConfigMaps);
            c.chartValues.putAll(chartValues);
            c.outpostAlerts = outpostAlerts;
            c.firstInstall = firstInstall;
            return c;
        }

        /** A setting for server and worker, as authentik's env variable ({@code AUTHENTIK_WEB__WORKERS}). */
        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder blueprintConfigMap(String name) {
            blueprintConfigMaps.add(name);
            return this;
        }

        /** Another chart value by dotted path ({@code server.replicas}). */
        public Builder chartValue(String path, Object value) {
            chartValues.put(path, value);
            return this;
        }

        /** authentik does not run yet: no live tags are read (Pulumi fails an update reading what does not exist). */
        public Builder firstInstall() {
            this.firstInstall = true;
            return this;
        }

        /** Seed 001's outpost alerts ({@link OutpostAlerts#forOutpost}); off unless set. */
        public Builder outpostAlerts(OutpostAlerts alerts) {
            this.outpostAlerts = alerts;
            return this;
        }

        public AuthentikReleaseArgs build() {
            return new AuthentikReleaseArgs(this);
        }
    }
}
