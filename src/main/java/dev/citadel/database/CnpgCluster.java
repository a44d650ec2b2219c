package dev.citadel.database;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.citadel.component.ComponentError;
import dev.citadel.contract.BarmanCloud;
import dev.citadel.contract.CnpgClusterOutput;
import dev.citadel.contract.CnpgObjects;
import dev.citadel.contract.Labels;
import dev.citadel.names.KubernetesNames;
import dev.citadel.provider.KubernetesObject;
import dev.citadel.secrets.SecretRef;

import javax.annotation.Nullable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CloudNativePG PostgreSQL cluster whose backups cannot silently fail (seeds 000, 001, 003). Creates, as
 * children named {@code <name>-…}:
 * <ul>
 *   <li>{@code postgresql.cnpg.io/v1 Cluster} {@code <name>}: pinned image, storage, managed roles whose passwords
 *       CNPG reloads from their Secrets, and the barman-cloud plugin as WAL archiver under a server name per
 *       incarnation;</li>
 *   <li>with a backup: {@code barmancloud.cnpg.io/v1 ObjectStore} {@code <name>} (retention, boto3's checksum
 *       variables for S3-compatible endpoints) and a daily {@code ScheduledBackup} {@code <name>-daily};</li>
 *   <li>optionally a {@code Pooler} {@code <name>-pooler-rw|ro} with {@code idle_transaction_timeout};</li>
 *   <li>one {@code Database} per database, a {@code PodMonitor} and a {@code PrometheusRule} {@code <name>-alerts}.</li>
 * </ul>
 */
public final class CnpgCluster extends ComponentResource {
    /** CNPG's webhook refuses longer Cluster names: its derived names (-pooler-rw) must fit 63. */
    static final int CNPG_MAX_CLUSTER_NAME = 50;
    public static final String TYPE = "citadel:database:CnpgCluster";
    static final String CNPG = "postgresql.cnpg.io/v1";

    private final String clusterName;
    private final String namespace;
    private final String serverName;
    private final String poolerName;
    private final CnpgClusterOutput contract;
    private final Pooler pooler;
    private final List<Role> roles;
    private final String bootstrapDatabase;

    public CnpgCluster(String name, CnpgClusterArgs args) {
        this(name, args, null);
    }

    public CnpgCluster(String name, CnpgClusterArgs args, @Nullable ComponentResourceOptions options) {
        super(TYPE, name, options);
        try {
            this.clusterName = KubernetesNames.dns1035("CnpgCluster name (the Cluster object and its pods are named after it)", name,
                    CNPG_MAX_CLUSTER_NAME);
            this.namespace = args.namespace();
            this.serverName = args.serverName(name);
            if (args.bootstrap() instanceof Bootstrap.Recovery r && serverName.equals(sourceServerName(name, args, r))) {
                // Seed 000: a cluster recreated onto its predecessor's archive fails with "Expected empty archive".
                throw new IllegalArgumentException("bootstrap: cluster '" + name + "' would recover from server name " + serverName
                        + " and archive under the same one in " + args.backup().orElseThrow().destinationPath()
                        + "; barman refuses with \"Expected empty archive\": set incarnation(" + (args.incarnation() + 1) + ")");
            }
            this.pooler = args.pooler().orElse(null);
            this.poolerName = args.pooler().map(p -> poolerName(name, p)).orElse(null);
            this.roles = args.roles();
            this.bootstrapDatabase = args.bootstrap() instanceof Bootstrap.Initdb i ? i.database() : null;
            this.contract = contract(name, args, serverName);
            var child = CustomResourceOptions.builder().parent(this).build();
            // The operator reads the roles' and the store's Secrets: the objects wait for what the component waits for.
            var readsSecrets = dev.citadel.component.Children.waitingWith(this, options);
            var afterSecrets = readsSecrets.build();

            var cluster = new KubernetesObject(name + "-cluster",
                    new KubernetesObject.Args(CNPG, "Cluster", metadata(name), clusterSpec(name, args)), afterSecrets);
            var afterCluster = CustomResourceOptions.builder().parent(this).dependsOn(cluster).build();
            args.backup().ifPresent(b -> {
                new KubernetesObject(name + "-objectstore",
                        new KubernetesObject.Args("barmancloud.cnpg.io/v1", "ObjectStore", metadata(name), objectStoreSpec(b)), afterSecrets);
                new KubernetesObject(name + "-scheduled-backup",
                        new KubernetesObject.Args(CNPG, "ScheduledBackup", metadata(name + "-daily"), scheduledBackupSpec(name, b)), afterCluster);
            });
            args.pooler().ifPresent(p -> new KubernetesObject(poolerName,
                    new KubernetesObject.Args(CNPG, "Pooler", metadata(poolerName), poolerSpec(name, p)), afterCluster));
            for (var d : args.databases()) {
                var objectName = name + "-" + d.name().replace('_', '-');
                new KubernetesObject(name + "-db-" + d.name().replace('_', '-'),
                        new KubernetesObject.Args(CNPG, "Database", metadata(KubernetesNames.subdomain("database object name", objectName)),
                                databaseSpec(name, d)), afterCluster);
            }
            if (args.monitoring().enabled()) {
                new KubernetesObject(name + "-podmonitor", new KubernetesObject.Args("monitoring.coreos.com/v1", "PodMonitor",
                        metadata(name), podMonitorSpec(name)), child);
                new KubernetesObject(name + "-alerts", new KubernetesObject.Args("monitoring.coreos.com/v1", "PrometheusRule",
                        metadata(name + "-alerts"), Map.of("groups", List.of(CnpgAlerts.group(name, namespace, args)))), child);
            }

            var outputs = new LinkedHashMap<String, Output<?>>();
            outputs.put("clusterName", clusterName());
            outputs.put("serverName", serverName());
            outputs.put("host", host());
            registerOutputs(outputs);
        } catch (IllegalArgumentException e) {
            // Named here, where the name is known: a builder ran before it was.
            throw ComponentError.of(TYPE, name, e);
        }
    }

    private Map<String, Object> metadata(String objectName) {
        return Labels.metadata(objectName, namespace);
    }

    static Map<String, Object> clusterSpec(String name, CnpgClusterArgs args) {
        var spec = new LinkedHashMap<String, Object>();
        spec.put("instances", args.instances());
        spec.put("imageName", args.image());
        spec.put("storage", storage(args.storageSize(), args));
        args.walStorageSize().ifPresent(w -> spec.put("walStorage", storage(w, args)));
        if (!args.requests().isEmpty() || !args.limits().isEmpty()) {
            var resources = new LinkedHashMap<String, Object>();
            if (!args.requests().isEmpty()) {
                resources.put("requests", args.requests());
            }
            if (!args.limits().isEmpty()) {
                resources.put("limits", args.limits());
            }
            spec.put("resources", resources);
        }
        args.priorityClassName().ifPresent(p -> spec.put("priorityClassName", p));
        spec.put("affinity", Map.of("enablePodAntiAffinity", args.podAntiAffinity(), "topologyKey", "kubernetes.io/hostname"));
        if (!args.parameters().isEmpty()) {
            spec.put("postgresql", Map.of("parameters", args.parameters()));
        }
        args.pooler().ifPresent(p -> spec.put("certificates", Map.of("serverAltDNSNames", serviceNames(
                poolerName(name, p), args.namespace()))));
        if (args.bootstrap() instanceof Bootstrap.Initdb i) {
            var initdb = new LinkedHashMap<String, Object>();
            initdb.put("database", i.database());
            initdb.put("owner", i.owner());
            // The owner's password comes from its managed role's Secret, so there is one password, from Vault.
            args.roles().stream().filter(r -> r.name().equals(i.owner())).findFirst()
                    .ifPresent(r -> initdb.put("secret", Map.of("name", r.password().name())));
            spec.put("bootstrap", Map.of("initdb", initdb));
        } else if (args.bootstrap() instanceof Bootstrap.Recovery r) {
            var previousServer = sourceServerName(name, args, r);
            spec.put("bootstrap", Map.of("recovery", Map.of("source", previousServer)));
            spec.put("externalClusters", List.of(Map.of(
                    "name", previousServer,
                    "plugin", Map.of("name", BarmanCloud.PLUGIN, "parameters", Map.of(
                            BarmanCloud.OBJECT_NAME_PARAMETER, name,
                            BarmanCloud.SERVER_NAME_PARAMETER, previousServer)))));
        }
        if (!args.roles().isEmpty()) {
            var roles = new ArrayList<Map<String, Object>>();
            for (var r : args.roles()) {
                var role = new LinkedHashMap<String, Object>();
                role.put("name", r.name());
                role.put("ensure", "present");
                role.put("login", r.login());
                role.put("createdb", r.createdb());
                role.put("superuser", false);
                role.put("createrole", false);
                role.put("connectionLimit", r.connectionLimit());
                if (!r.inRoles().isEmpty()) {
                    role.put("inRoles", r.inRoles());
                }
                role.put("passwordSecret", Map.of("name", r.password().name()));
                roles.add(role);
            }
            spec.put("managed", Map.of("roles", roles));
        }
        args.backup().ifPresent(b -> {
            var params = new LinkedHashMap<String, Object>();
            params.put(BarmanCloud.OBJECT_NAME_PARAMETER, name);
            params.put(BarmanCloud.SERVER_NAME_PARAMETER, args.serverName(name));
            spec.put("plugins", List.of(Map.of("name", BarmanCloud.PLUGIN, "isWALArchiver", true, "parameters", params)));
        });
        return spec;
    }

    static String poolerName(String cluster, Pooler p) {
        return cluster + "-pooler-" + p.type().value();
    }

    /**
     * The names a client may use for {@code service}, as CNPG puts its own Services on the server certificate
     * (cloudnative-pg api/v1/cluster_funcs.go GetClusterAltDNSNames: name, name.ns, name.ns.svc, name.ns.svc.cluster.local).
     * A Pooler presents the cluster's server certificate ({@code <cluster>-server}, api/v1/pooler_funcs.go
     * GetClientTLSSecretNameOrDefault) and CNPG does not add the Pooler's Service to it, so the Pooler's names go in
     * {@code spec.certificates.serverAltDNSNames} (CNPG re-issues the certificate when they change, pkg/certs/k8s.go
     * RenewLeafCertificate). Then clients connect with verify-full through the Pooler as well, not verify-ca, which
     * would accept any server holding any certificate of this CA.
     */
    static List<String> serviceNames(String service, String namespace) {
        return List.of(service, service + "." + namespace, service + "." + namespace + ".svc",
                service + "." + namespace + ".svc.cluster.local");
    }

    private static String sourceServerName(String name, CnpgClusterArgs args, Bootstrap.Recovery r) {
        return r.sourceServerName() != null ? r.sourceServerName() : CnpgClusterArgs.serverName(name, args.incarnation() - 1);
    }

    private static Map<String, Object> storage(String size, CnpgClusterArgs args) {
        var s = new LinkedHashMap<String, Object>();
        s.put("size", size);
        args.storageClass().ifPresent(c -> s.put("storageClass", c));
        return s;
    }

    static Map<String, Object> objectStoreSpec(Backup b) {
        var configuration = new LinkedHashMap<String, Object>();
        configuration.put("destinationPath", b.destinationPath());
        if (!b.endpointURL().isEmpty()) {
            configuration.put("endpointURL", b.endpointURL());
        }
        configuration.put("s3Credentials", Map.of(
                "accessKeyId", Map.of("name", b.accessKeyId().name(), "key", b.accessKeyId().key()),
                "secretAccessKey", Map.of("name", b.secretAccessKey().name(), "key", b.secretAccessKey().key())));
        configuration.put("wal", Map.of("compression", b.compression().value()));
        configuration.put("data", Map.of("compression", b.compression().value()));
        var spec = new LinkedHashMap<String, Object>();
        spec.put("configuration", configuration);
        spec.put(BarmanCloud.RETENTION_KEY, b.retention());
        if (b.s3Compatible()) {
            // Seed 000: boto3 >= 1.36 sends checksums RustFS and older MinIO reject; WAL archiving failed with
            // "exit status 1" on the one ObjectStore that lacked these.
            var env = new ArrayList<Map<String, Object>>();
            BarmanCloud.CHECKSUM_ENV.forEach(n -> env.add(Map.of("name", n, "value", BarmanCloud.CHECKSUM_VALUE)));
            spec.put("instanceSidecarConfiguration", Map.of("env", env));
        }
        return spec;
    }

    static Map<String, Object> scheduledBackupSpec(String name, Backup b) {
        var spec = new LinkedHashMap<String, Object>();
        spec.put("schedule", b.schedule());
        spec.put("immediate", b.immediate());
        spec.put("backupOwnerReference", "self");
        spec.put("cluster", Map.of("name", name));
        spec.put("method", "plugin");
        spec.put("pluginConfiguration", Map.of("name", BarmanCloud.PLUGIN));
        return spec;
    }

    static Map<String, Object> poolerSpec(String name, Pooler p) {
        var spec = new LinkedHashMap<String, Object>();
        spec.put("cluster", Map.of("name", name));
        spec.put("instances", p.instances());
        spec.put("type", p.type().value());
        spec.put("pgbouncer", Map.of("poolMode", p.mode().value(), "parameters", p.renderedParameters()));
        return spec;
    }

    static Map<String, Object> databaseSpec(String name, Database d) {
        var spec = new LinkedHashMap<String, Object>();
        spec.put("name", d.name());
        spec.put("owner", d.owner());
        spec.put("cluster", Map.of("name", name));
        spec.put("ensure", "present");
        spec.put("databaseReclaimPolicy", d.retain() ? "retain" : "delete");
        if (!d.extensions().isEmpty()) {
            spec.put("extensions", d.extensions().stream().map(e -> Map.<String, Object>of("name", e, "ensure", "present")).toList());
        }
        return spec;
    }

    static Map<String, Object> podMonitorSpec(String name) {
        var spec = new LinkedHashMap<String, Object>();
        spec.put("selector", Map.of("matchLabels", Map.of("cnpg.io/cluster", name, "cnpg.io/podRole", "instance")));
        spec.put("podMetricsEndpoints", List.of(Map.of("port", "metrics")));
        return spec;
    }

    private static CnpgClusterOutput contract(String name, CnpgClusterArgs args, String serverName) {
        var owners = new LinkedHashMap<String, String>();
        if (args.bootstrap() instanceof Bootstrap.Initdb i) {
            owners.put(i.database(), i.owner());
        }
        args.databases().forEach(d -> owners.put(d.name(), d.owner()));
        return new CnpgClusterOutput(name, args.namespace(), CnpgObjects.named(name, CnpgObjects.READ_WRITE) + "." + args.namespace()
                + ".svc", CnpgClusterOutput.PORT,
                CnpgClusterOutput.SSLMODE, args.backup().isPresent(), serverName, owners);
    }

    /** What {@code citadel verify --postgres} checks: the primary's service, each database's owner, the archiving. */
    public Output<CnpgClusterOutput> contract() {
        return Output.of(contract);
    }

    /** The Cluster object's name. */
    public Output<String> clusterName() {
        return Output.of(clusterName);
    }

    /** The barman server name this incarnation archives under. */
    public Output<String> serverName() {
        return Output.of(serverName);
    }

    /** Where applications connect: the Pooler's service when there is one, else the primary's {@code -rw} service. */
    public Output<String> host() {
        return Output.of(appHost());
    }

    private String appHost() {
        var service = poolerName != null && pooler.type() == Pooler.Type.RW ? poolerName
                : CnpgObjects.named(clusterName, CnpgObjects.READ_WRITE);
        return service + "." + namespace + ".svc";
    }

    /**
     * How an application reaches {@code database}: the read-write Pooler's Service when there is one, else the primary's,
     * as its owner, with the owner role's password Secret. Known from the args alone, so a consumer's {@code build()}
     * checks it without a deployment. Refused for a database this cluster does not create.
     */
    public PostgresConnection connection(String database) {
        var owner = contract.databases().get(database);
        if (owner == null) {
            throw new IllegalArgumentException("connection: CnpgCluster '" + clusterName + "' creates no database '" + database
                    + "'; it creates " + contract.databases().keySet() + ": name one of those, or add it with database(...)");
        }
        // The owner's managed role holds its password; without one (build() allows that only for the initdb owner), CNPG
        // generates <cluster>-app for it.
        var password = roles.stream().filter(r -> r.name().equals(owner)).findFirst().map(Role::password)
                .orElseGet(() -> SecretRef.of(namespace, CnpgObjects.named(clusterName, CnpgObjects.APP_SECRET), "password"));
        var pooling = pooler != null && pooler.type() == Pooler.Type.RW ? PostgresConnection.Pooling.of(pooler.mode())
                : PostgresConnection.Pooling.NONE;
        // verify-full: the -rw Service is on CNPG's server certificate, and the Pooler's is added (serviceNames).
        var ca = PostgresConnection.ServerCa.of(namespace, CaBundle.secret(CnpgObjects.named(clusterName, CnpgObjects.CA_SECRET),
                CnpgObjects.CA_KEY));
        return new PostgresConnection(appHost(), CnpgClusterOutput.PORT, database, owner, password, SslMode.VERIFY_FULL, pooling,
                java.util.Optional.of(ca));
    }

    /** {@link #connection(String)} for the cluster's only database (its bootstrap one, when it has several). */
    public PostgresConnection connection() {
        var databases = contract.databases().keySet();
        var only = databases.size() == 1 ? databases.iterator().next() : bootstrapDatabase;
        if (only == null) {
            throw new IllegalArgumentException("connection: CnpgCluster '" + clusterName + "' has databases " + databases
                    + "; name one with connection(\"<database>\")");
        }
        return connection(only);
    }

    /** Whether {@code host} is one of this cluster's Services ({@code -rw}, {@code -ro}, {@code -r}, its Pooler's). */
    public boolean serves(String host) {
        var parts = host.split("\\.");
        if (parts.length < 3 || !parts[1].equals(namespace) || !parts[2].equals("svc")) {
            return false;
        }
        var service = parts[0];
        return service.equals(poolerName) || CnpgObjects.SERVICES.stream().anyMatch(s -> service.equals(CnpgObjects.named(clusterName, s)));
    }

    /** {@link #connection(String)} as an Output, for consumers that take one (or a stack output). */
    public Output<PostgresConnection> connectionOutput(String database) {
        return Output.of(connection(database));
    }
}
