package dev.citadel.database;

import dev.citadel.names.KubernetesNames;

import javax.annotation.Nullable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a {@link CnpgCluster} is: pure values, every check at {@link Builder#build()} (an
 * IllegalArgumentException naming the field, the bad value and the fix).
 */
public final class CnpgClusterArgs {
    /** Pinned, never {@code latest}: a moving tag would upgrade PostgreSQL under a running cluster. */
    public static final String DEFAULT_IMAGE = "ghcr.io/cloudnative-pg/postgresql:17.5";
    public static final String DEFAULT_STORAGE = "10Gi";

    private static final Pattern IMAGE = Pattern.compile("[^\\s:@]+(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?");

    private final String namespace;
    private final int instances;
    private final String image;
    private final String storageSize;
    @Nullable private final String storageClass;
    @Nullable private final String walStorageSize;
    private final Map<String, String> requests;
    private final Map<String, String> limits;
    @Nullable private final String priorityClassName;
    private final boolean podAntiAffinity;
    private final Map<String, String> parameters;
    private final Bootstrap bootstrap;
    @Nullable private final Backup backup;
    private final int incarnation;
    private final List<Role> roles;
    private final List<Database> databases;
    @Nullable private final Pooler pooler;
    private final Monitoring monitoring;

    private CnpgClusterArgs(Builder b) {
        this.namespace = b.namespace;
        this.instances = b.instances;
        this.image = b.image;
        this.storageSize = b.storageSize;
        this.storageClass = b.storageClass;
        this.walStorageSize = b.walStorageSize;
        this.requests = Collections.unmodifiableMap(new TreeMap<>(b.requests));
        this.limits = Collections.unmodifiableMap(new TreeMap<>(b.limits));
        this.priorityClassName = b.priorityClassName;
        this.podAntiAffinity = b.podAntiAffinity;
        this.parameters = Collections.unmodifiableMap(new TreeMap<>(b.parameters));
        this.bootstrap = b.bootstrap;
        this.backup = b.backup;
        this.incarnation = b.incarnation;
        this.roles = List.copyOf(b.roles);
        this.databases = List.copyOf(b.databases);
        this.pooler = b.pooler;
        this.monitoring = b.monitoring;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String namespace() { return namespace; }
    public int instances() { return instances; }
    public String image() { return image; }
    public String storageSize() { return storageSize; }
    public Optional<String> storageClass() { return Optional.ofNullable(storageClass); }
    public Optional<String> walStorageSize() { return Optional.ofNullable(walStorageSize); }
    public Map<String, String> requests() { return requests; }
    public Map<String, String> limits() { return limits; }
    public Optional<String> priorityClassName() { return Optional.ofNullable(priorityClassName); }
    public boolean podAntiAffinity() { return podAntiAffinity; }
    public Map<String, String> parameters() { return parameters; }
    public Bootstrap bootstrap() { return bootstrap; }
    public Optional<Backup> backup() { return Optional.ofNullable(backup); }
    public int incarnation() { return incarnation; }
    public List<Role> roles() { return roles; }
    public List<Database> databases() { return databases; }
    public Optional<Pooler> pooler() { return Optional.ofNullable(pooler); }
    public Monitoring monitoring() { return monitoring; }

    /**
     * The barman server name of the cluster {@code clusterName} in this incarnation: the folder it archives into
     * under the destination path. A new incarnation gets a new folder, so it never finds WAL files it did not
     * write (seed 000's "Expected empty archive").
     */
    public String serverName(String clusterName) {
        return serverName(clusterName, incarnation);
    }

    static String serverName(String clusterName, int incarnation) {
        return clusterName + "-" + incarnation;
    }

    public static final class Builder {
        private String namespace;
        private int instances = 1;
        private String image = DEFAULT_IMAGE;
        private String storageSize = DEFAULT_STORAGE;
        private String storageClass;
        private String walStorageSize;
        private final Map<String, String> requests = new LinkedHashMap<>();
        private final Map<String, String> limits = new LinkedHashMap<>();
        private String priorityClassName;
        private boolean podAntiAffinity = true;
        private final Map<String, String> parameters = new LinkedHashMap<>();
        private Bootstrap bootstrap;
        private Backup backup;
        private int incarnation = 1;
        private final List<Role> roles = new ArrayList<>();
        private final List<Database> databases = new ArrayList<>();
        private Pooler pooler;
        private Monitoring monitoring = Monitoring.defaults();

        public Builder namespace(String value) { this.namespace = value; return this; }
        public Builder instances(int value) { this.instances = value; return this; }
        public Builder image(String value) { this.image = value; return this; }
        public Builder storage(String size) { this.storageSize = size; return this; }
        public Builder storageClass(String value) { this.storageClass = value; return this; }
        /** A separate volume for WAL, so a full data volume does not stop archiving. */
        public Builder walStorage(String size) { this.walStorageSize = size; return this; }
        public Builder request(String resource, String quantity) { this.requests.put(resource, quantity); return this; }
        public Builder limit(String resource, String quantity) { this.limits.put(resource, quantity); return this; }
        public Builder priorityClassName(String value) { this.priorityClassName = value; return this; }
        /** Instances on different nodes (CNPG's enablePodAntiAffinity); on by default. */
        public Builder podAntiAffinity(boolean value) { this.podAntiAffinity = value; return this; }
        public Builder parameter(String key, String value) { this.parameters.put(key, value); return this; }
        public Builder bootstrap(Bootstrap value) { this.bootstrap = value; return this; }
        public Builder backup(Backup value) { this.backup = value; return this; }
        /**
         * Which life of this cluster this is, starting at 1; bump it when the cluster is recreated (with
         * {@link Bootstrap#recovery()} to restore the previous one's data). Folded into the barman server name.
         */
        public Builder incarnation(int value) { this.incarnation = value; return this; }
        public Builder role(Role value) { this.roles.add(value); return this; }
        public Builder database(Database value) { this.databases.add(value); return this; }
        public Builder pooler(Pooler value) { this.pooler = value; return this; }
        public Builder monitoring(Monitoring value) { this.monitoring = value; return this; }

        public CnpgClusterArgs build() {
            KubernetesNames.label("namespace", namespace);
            if (instances < 1) {
                throw new IllegalArgumentException("instances: " + instances + " is below 1; use 1, or 2+ for a replica to fail over to");
            }
            if (image == null || !IMAGE.matcher(image).matches() || !(image.contains("@sha256:") || image.substring(image.lastIndexOf('/') + 1).contains(":"))) {
                throw new IllegalArgumentException("image: '" + image + "' has no version tag or digest; pin one, e.g. " + DEFAULT_IMAGE);
            }
            if (image.matches(".*:latest(@.*)?")) {
                throw new IllegalArgumentException("image: '" + image + "' is a moving tag that upgrades PostgreSQL under the cluster; "
                        + "pin a version, e.g. " + DEFAULT_IMAGE);
            }
            Identifiers.quantity("storage", storageSize);
            if (walStorageSize != null) {
                Identifiers.quantity("walStorage", walStorageSize);
            }
            if (storageClass != null) {
                KubernetesNames.subdomain("storageClass", storageClass);
            }
            requests.forEach((k, v) -> Identifiers.quantity("requests." + k, v));
            limits.forEach((k, v) -> Identifiers.quantity("limits." + k, v));
            if (priorityClassName != null) {
                KubernetesNames.subdomain("priorityClassName", priorityClassName);
            }
            parameters.forEach((k, v) -> ConfigParameters.postgresql("parameter", k, v));
            if (incarnation < 1) {
                throw new IllegalArgumentException("incarnation: " + incarnation + " is below 1; the first life of a cluster is 1");
            }
            var roleNames = new HashSet<String>();
            for (var r : roles) {
                r.validate(namespace);
                if (!roleNames.add(r.name())) {
                    throw new dev.citadel.value.Refused("role: '" + r.name() + "' is given twice; one role(...) per name",
                            "roles: '" + r.name() + "' is given twice; one entry per role name");
                }
            }
            var dbNames = new HashSet<String>();
            for (var d : databases) {
                d.validate();
                if (!dbNames.add(d.name())) {
                    throw new IllegalArgumentException("database: '" + d.name() + "' is given twice");
                }
                if (!roleNames.contains(d.owner())) {
                    throw new IllegalArgumentException("database " + d.name() + ": owner '" + d.owner() + "' is not a managed role of "
                            + "this cluster (" + new java.util.TreeSet<>(roleNames) + "); add role(Role.app(\"" + d.owner() + "\", ...))");
                }
            }
            if (bootstrap == null) {
                throw new IllegalArgumentException("bootstrap is not set; use Bootstrap.initdb(\"app\", \"app\") for a new cluster "
                        + "or Bootstrap.recovery() to restore the previous incarnation");
            }
            if (bootstrap instanceof Bootstrap.Initdb i) {
                Identifiers.check("bootstrap.initdb.database", i.database());
                Identifiers.role("bootstrap.initdb.owner", i.owner());
            } else if (bootstrap instanceof Bootstrap.Recovery r) {
                if (r.sourceServerName() != null) {
                    KubernetesNames.subdomain("bootstrap.recoveryFrom serverName", r.sourceServerName());
                }
                if (backup == null) {
                    throw new IllegalArgumentException("bootstrap: recovery needs backup(...), the object store the previous "
                            + "incarnation archived to");
                }
                if (r.sourceServerName() == null && incarnation < 2) {
                    throw new IllegalArgumentException("bootstrap: recovery restores the previous incarnation, but incarnation is "
                            + incarnation + "; set incarnation(2) (or one more than the cluster being restored) so this one "
                            + "archives under a new server name");
                }
            }
            if (backup != null) {
                backup.validate();
                for (var ref : List.of(backup.accessKeyId(), backup.secretAccessKey())) {
                    if (!ref.namespace().equals(namespace)) {
                        throw new IllegalArgumentException("backup.credentials: " + ref + " is not in the cluster's namespace '"
                                + namespace + "'; the barman-cloud sidecar reads it there: sync it with syncTo(\"" + namespace + "\")");
                    }
                }
            }
            if (pooler != null) {
                pooler.validate();
            }
            if (monitoring == null) {
                throw new IllegalArgumentException("monitoring is null; use Monitoring.defaults() or Monitoring.off()");
            }
            monitoring.validate();
            return new CnpgClusterArgs(this);
        }
    }
}
