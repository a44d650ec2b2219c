package dev.citadel.database;

import com.pulumi.core.annotations.Import;
import dev.citadel.config.Choice;
import dev.citadel.config.Doc;
import dev.citadel.config.Inputs;
import dev.citadel.config.Scope;
import dev.citadel.names.KubernetesNames;
import dev.citadel.secrets.SecretRef;
import dev.citadel.secrets.SyncedSecret;

import java.util.List;
import java.util.Map;

/**
 * {@code citadel:databases[]}: one {@link CnpgCluster}. Role passwords and backup credentials name a
 * {@code citadel:secrets} entry synced into the cluster's namespace, or a Secret made elsewhere.
 */
@Doc("A CloudNativePG cluster with its roles, databases, backups, pooler and alerts.")
public class CnpgClusterInputs extends Inputs {
    @Import(name = "name", required = true) @Doc("The cluster's name; its resources and Services are named after it.")
    private String name;
    @Import(name = "namespace", required = true) @Doc("The namespace the cluster runs in.")
    private String namespace;
    @Import(name = "instances") @Doc("PostgreSQL instances (1 primary + replicas); default 1.")
    private Integer instances;
    @Import(name = "image") @Doc("The PostgreSQL image; default " + CnpgClusterArgs.DEFAULT_IMAGE + ".")
    private String image;
    @Import(name = "storage") @Doc("Data volume size; default " + CnpgClusterArgs.DEFAULT_STORAGE + ".")
    private String storage;
    @Import(name = "walStorage") @Doc("A separate WAL volume of this size.")
    private String walStorage;
    @Import(name = "storageClass") @Doc("The StorageClass of the volumes; default the cluster's default class.")
    private String storageClass;
    @Import(name = "priorityClassName") @Doc("The pods' PriorityClass.")
    private String priorityClassName;
    @Import(name = "incarnation") @Doc("Raised by one to restore into a new object-store path (recovery); default 1.")
    private Integer incarnation;
    @Import(name = "podAntiAffinity") @Doc("Spread instances over nodes; default true.")
    private Boolean podAntiAffinity;
    @Import(name = "parameters") @Doc("postgresql.conf parameters.")
    private Map<String, String> parameters;
    @Import(name = "requests") @Doc("Container resource requests (cpu, memory).")
    private Map<String, String> requests;
    @Import(name = "limits") @Doc("Container resource limits (cpu, memory).")
    private Map<String, String> limits;
    @Import(name = "bootstrap") @Doc("How the cluster starts: a new database, or a recovery from its backups.")
    private CnpgBootstrap bootstrap;
    @Import(name = "roles") @Doc("Application login roles, their passwords kept in citadel:secrets entries.")
    private List<CnpgRole> roles;
    @Import(name = "databases") @Doc("Databases besides the bootstrap one.")
    private List<CnpgDatabase> databases;
    @Import(name = "backup") @Doc("Continuous backup to S3 or an S3-compatible store.")
    private CnpgBackup backup;
    @Import(name = "pooler") @Doc("A PgBouncer Pooler in front of the cluster.")
    private CnpgPooler pooler;
    @Import(name = "monitoring") @Doc("Alerts on archiving, backup age and replication lag; on by default.")
    private CnpgMonitoring monitoring;

    public String name() {
        return name;
    }

    public CnpgClusterArgs toArgs(Scope scope) {
        // First: the role secrets below are looked up in this namespace, and would name it before the builder does.
        build(() -> KubernetesNames.label("namespace", namespace));
        var b = CnpgClusterArgs.builder().namespace(namespace);
        ifSet(instances, b::instances);
        ifSet(image, b::image);
        ifSet(storage, b::storage);
        ifSet(incarnation, b::incarnation);
        ifSet(podAntiAffinity, b::podAntiAffinity);
        ifSet(walStorage, b::walStorage);
        ifSet(storageClass, b::storageClass);
        ifSet(priorityClassName, b::priorityClassName);
        parameters.forEach(b::parameter);
        requests.forEach(b::request);
        limits.forEach(b::limit);
        b.bootstrap(bootstrap == null ? new CnpgBootstrap().bootstrap() : bootstrap.bootstrap());
        roles.forEach(r -> b.role(r.role(scope, namespace)));
        databases.forEach(d -> b.database(d.database()));
        if (backup != null) {
            b.backup(backup.backup(scope, namespace));
        }
        if (pooler != null) {
            b.pooler(pooler.pooler());
        }
        if (monitoring != null) {
            b.monitoring(monitoring.monitoring());
        }
        return build(b::build);
    }

    /** The secret entry {@code name} of {@code citadel:secrets}, read in {@code namespace}; the cluster waits for it. */
    static SecretRef secretRef(Inputs owner, String key, Scope scope, String entry, String namespace, String secretKey) {
        var secret = scope.entry(owner, key, "secrets", SyncedSecret.class, entry);
        return owner.build(key, () -> secret.ref(namespace, secretKey));
    }

    @Doc("{database, owner} for a new cluster; {recovery: true} or {recoveryFrom: <cluster>} to restore from backups.")
    public static final class CnpgBootstrap extends Inputs {
        @Import(name = "database") @Doc("The application database initdb creates.")
        private String database;
        @Import(name = "owner") @Doc("Its owner role.")
        private String owner;
        @Import(name = "recovery") @Doc("Restore the previous incarnation from this cluster's own backups.")
        private Boolean recovery;
        @Import(name = "recoveryFrom") @Doc("Restore from another cluster's backups (its name).")
        private String recoveryFrom;

        Bootstrap bootstrap() {
            if (recoveryFrom != null) {
                return Bootstrap.recoveryFrom(recoveryFrom);
            }
            if (Boolean.TRUE.equals(recovery)) {
                return Bootstrap.recovery();
            }
            if (database == null || owner == null) {
                throw mistake("." + (database == null ? "database" : "owner") + " is missing; add '"
                        + (database == null ? "database" : "owner") + ": ...' there");
            }
            return Bootstrap.initdb(database, owner);
        }
    }

    @Doc("An application login role.")
    public static final class CnpgRole extends Inputs {
        @Import(name = "name", required = true) @Doc("The role's name.")
        private String name;
        @Import(name = "secret", required = true) @Doc("The citadel:secrets entry holding its password (key password), synced to the cluster's namespace.")
        private String secret;
        @Import(name = "connectionLimit") @Doc("At most this many connections; default unlimited.")
        private Integer connectionLimit;
        @Import(name = "createdb") @Doc("May create databases; default false.")
        private Boolean createdb;
        @Import(name = "inRoles") @Doc("Roles it is a member of.")
        private List<String> inRoles;

        Role role(Scope scope, String namespace) {
            var role = Role.app(name, secretRef(this, "secret", scope, secret, namespace, "password"));
            if (connectionLimit != null) {
                role = role.withConnectionLimit(connectionLimit);
            }
            if (Boolean.TRUE.equals(createdb)) {
                role = role.withCreatedb();
            }
            return inRoles.isEmpty() ? role : role.withInRoles(inRoles.toArray(String[]::new));
        }
    }

    @Doc("A database and its owner.")
    public static final class CnpgDatabase extends Inputs {
        @Import(name = "name", required = true) @Doc("The database's name.")
        private String name;
        @Import(name = "owner", required = true) @Doc("Its owner role.")
        private String owner;
        @Import(name = "extensions") @Doc("Extensions to create in it.")
        private List<String> extensions;
        @Import(name = "retain") @Doc("Keep the database when the entry is removed; default true.")
        private Boolean retain;

        Database database() {
            var db = Database.of(name, owner);
            if (!extensions.isEmpty()) {
                db = db.withExtensions(extensions.toArray(String[]::new));
            }
            return Boolean.FALSE.equals(retain) ? db.droppedOnDelete() : db;
        }
    }

    @Doc("Continuous backup (barman-cloud) to AWS S3, or to an S3-compatible store at endpoint.")
    public static final class CnpgBackup extends Inputs {
        @Import(name = "bucket", required = true) @Doc("Bucket name or s3://bucket/prefix.")
        private String bucket;
        @Import(name = "endpoint") @Doc("The S3-compatible store's URL (RustFS, MinIO); leave out for AWS S3.")
        private String endpoint;
        @Import(name = "credentials", required = true) @Doc("The S3 keys' Secret.")
        private CnpgS3Credentials credentials;
        @Import(name = "retention") @Doc("How long backups are kept, e.g. 30d; default " + dev.citadel.contract.BarmanCloud.DEFAULT_RETENTION + ".")
        private String retention;
        @Import(name = "schedule") @Doc("6-field cron of the base backups; default " + Backup.DAILY + ".")
        private String schedule;
        @Import(name = "immediate") @Doc("Take a base backup as soon as the schedule exists; default true.")
        private Boolean immediate;

        Backup backup(Scope scope, String namespace) {
            var creds = credentials.credentials(scope, namespace);
            var result = endpoint != null ? Backup.s3Compatible(endpoint, bucket, creds) : Backup.awsS3(bucket, creds);
            if (retention != null) {
                result = result.withRetention(retention);
            }
            if (schedule != null) {
                result = result.withSchedule(schedule);
            }
            return immediate == null ? result : result.withImmediateBackup(immediate);
        }
    }

    @Doc("secret (a citadel:secrets entry synced to the cluster's namespace) or secretName (a Secret made elsewhere there).")
    public static final class CnpgS3Credentials extends Inputs {
        @Import(name = "secret") @Doc("A citadel:secrets entry synced to the cluster's namespace.")
        private String secret;
        @Import(name = "secretName") @Doc("A Secret made elsewhere in the cluster's namespace.")
        private String secretName;
        @Import(name = "accessKeyIdKey") @Doc("Its key holding the access key id; default ACCESS_KEY_ID.")
        private String accessKeyIdKey;
        @Import(name = "secretAccessKeyKey") @Doc("Its key holding the secret access key; default ACCESS_SECRET_KEY.")
        private String secretAccessKeyKey;

        Backup.S3Credentials credentials(Scope scope, String namespace) {
            var idKey = accessKeyIdKey == null ? "ACCESS_KEY_ID" : accessKeyIdKey;
            var secretKey = secretAccessKeyKey == null ? "ACCESS_SECRET_KEY" : secretAccessKeyKey;
            SecretRef id;
            if (secret != null) {
                id = secretRef(this, "secret", scope, secret, namespace, idKey);
            } else if (secretName != null) {
                id = build("secretName", () -> SecretRef.of(namespace, secretName, idKey));
            } else {
                throw mistake(": give secret (a citadel:secrets entry synced to " + namespace
                        + ") or secretName (a Secret made elsewhere in " + namespace + ")");
            }
            return Backup.S3Credentials.of(id, id.withKey(secretKey));
        }
    }

    @Doc("A PgBouncer Pooler; its Service becomes the cluster's connection host.")
    public static final class CnpgPooler extends Inputs {
        @Import(name = "type") @Doc("rw (the primary) or ro (replicas); default rw.")
        private String type;
        @Import(name = "mode") @Doc("session or transaction pooling; default session.")
        private String mode;
        @Import(name = "instances") @Doc("PgBouncer pods; default 2.")
        private Integer instances;
        @Import(name = "idleTransactionTimeout") @Doc("Seconds an idle transaction may hold a server connection; default "
                + dev.citadel.contract.Pgbouncer.DEFAULT_IDLE_TRANSACTION_TIMEOUT + ".")
        private Integer idleTransactionTimeout;
        @Import(name = "parameters") @Doc("pgbouncer.ini parameters.")
        private Map<String, String> parameters;

        Pooler pooler() {
            var m = mode == null ? Pooler.Mode.SESSION : Choice.of(this, "mode", mode, Pooler.Mode.class);
            var t = type == null ? Pooler.Type.RW : Choice.of(this, "type", type, Pooler.Type.class);
            var pooler = t == Pooler.Type.RW ? Pooler.rw(m) : Pooler.ro(m);
            if (instances != null) {
                pooler = pooler.withInstances(instances);
            }
            if (idleTransactionTimeout != null) {
                pooler = pooler.withIdleTransactionTimeout(idleTransactionTimeout);
            }
            for (var e : parameters.entrySet()) {
                pooler = pooler.withParameter(e.getKey(), e.getValue());
            }
            return pooler;
        }
    }

    @Doc("The cluster's alerts: present and enabled unless enabled: false.")
    public static final class CnpgMonitoring extends Inputs {
        @Import(name = "enabled") @Doc("false renders no alerts; default true.")
        private Boolean enabled;
        @Import(name = "archivingFailingFor") @Doc("How long WAL archiving may fail before it alerts; default 5m.")
        private String archivingFailingFor;
        @Import(name = "backupMaxAgeHours") @Doc("A newest backup older than this alerts; default 26.")
        private Integer backupMaxAgeHours;
        @Import(name = "replicationLagSeconds") @Doc("Replica lag above this alerts; default 300.")
        private Integer replicationLagSeconds;

        Monitoring monitoring() {
            if (Boolean.FALSE.equals(enabled)) {
                return Monitoring.off();
            }
            var m = Monitoring.defaults();
            if (archivingFailingFor != null) {
                m = m.withArchivingFailingFor(archivingFailingFor);
            }
            if (backupMaxAgeHours != null) {
                m = m.withBackupMaxAgeHours(backupMaxAgeHours);
            }
            return replicationLagSeconds == null ? m : m.withReplicationLagSeconds(replicationLagSeconds);
        }
    }
}
