package dev.citadel.stack;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.Resource;
import dev.citadel.contract.CnpgClusterOutput;
import dev.citadel.database.Backup;
import dev.citadel.database.Bootstrap;
import dev.citadel.database.CnpgCluster;
import dev.citadel.database.CnpgClusterArgs;
import dev.citadel.database.Database;
import dev.citadel.database.Monitoring;
import dev.citadel.database.Pooler;
import dev.citadel.database.Role;
import dev.citadel.secrets.SecretRef;
import dev.citadel.secrets.VaultBackedSecret;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code citadel:databases}: one {@link CnpgCluster} per entry. Role passwords name a {@code citadel:secrets} entry
 * synced into the cluster's namespace; backup credentials name one too ({@code secret}) or a Secret made elsewhere
 * ({@code secretName}). See {@code stacks/Pulumi.homelab.yaml}.
 */
final class DatabaseSettings {
    private final ConfigNode node;
    private final Map<String, VaultBackedSecret> secrets;

    DatabaseSettings(ConfigNode node, Map<String, VaultBackedSecret> secrets) {
        this.node = node;
        this.secrets = secrets;
    }

    /** Registers the clusters; returns them by name, for their consumers and the stack outputs. */
    Map<String, CnpgCluster> define(List<ProviderResource> providers) {
        var clusters = new TreeMap<String, CnpgCluster>();
        var names = new UniqueNames("database");
        for (var spec : node.items()) {
            var name = spec.string("name");
            names.claim(spec.path() + ".name", name);
            var waitFor = new LinkedHashSet<Resource>();
            var args = ConfigException.at(spec.path() + " (" + name + ")", () -> args(spec, waitFor));
            var cluster = ConfigException.at(spec.path() + " (" + name + ")", () -> new CnpgCluster(name, args,
                    ComponentResourceOptions.builder().providers(providers).dependsOn(new ArrayList<>(waitFor)).build()));
            clusters.put(name, cluster);
        }
        return clusters;
    }

    private CnpgClusterArgs args(ConfigNode spec, java.util.Set<Resource> waitFor) {
        var namespace = spec.string("namespace");
        // Checked first: the role secrets below are looked up in this namespace, and would name it before the builder does.
        ConfigException.at(spec.path(), () -> dev.citadel.names.KubernetesNames.label("namespace", namespace));
        var b = CnpgClusterArgs.builder()
                .namespace(namespace)
                .instances(spec.integer("instances", 1))
                .image(spec.string("image", CnpgClusterArgs.DEFAULT_IMAGE))
                .storage(spec.string("storage", CnpgClusterArgs.DEFAULT_STORAGE))
                .incarnation(spec.integer("incarnation", 1))
                .podAntiAffinity(spec.bool("podAntiAffinity", true));
        spec.optString("walStorage").ifPresent(b::walStorage);
        spec.optString("storageClass").ifPresent(b::storageClass);
        spec.optString("priorityClassName").ifPresent(b::priorityClassName);
        spec.get("parameters").entries().forEach(e -> b.parameter(e.getKey(), e.getValue()));
        spec.get("requests").entries().forEach(e -> b.request(e.getKey(), e.getValue()));
        spec.get("limits").entries().forEach(e -> b.limit(e.getKey(), e.getValue()));

        var bootstrap = spec.get("bootstrap");
        if (bootstrap.has("recoveryFrom")) {
            b.bootstrap(Bootstrap.recoveryFrom(bootstrap.string("recoveryFrom")));
        } else if (bootstrap.bool("recovery", false)) {
            b.bootstrap(Bootstrap.recovery());
        } else {
            b.bootstrap(Bootstrap.initdb(bootstrap.string("database"), bootstrap.string("owner")));
        }
        bootstrap.rejectUnknownKeys();

        for (var r : spec.list("roles")) {
            var roleName = r.string("name");
            var secretName = r.string("secret");
            var secret = secret(r.path() + ".secret", secretName);
            waitFor.add(secret);
            var ref = ConfigException.at(r.path() + ".secret", () -> secret.ref(namespace, "password"));
            var role = Role.app(roleName, ref).withConnectionLimit(r.integer("connectionLimit", -1));
            if (r.bool("createdb", false)) {
                role = role.withCreatedb();
            }
            var inRoles = r.list("inRoles").stream().map(ConfigNode::asString).toArray(String[]::new);
            if (inRoles.length > 0) {
                role = role.withInRoles(inRoles);
            }
            b.role(role);
            r.rejectUnknownKeys();
        }
        for (var d : spec.list("databases")) {
            var db = Database.of(d.string("name"), d.string("owner"));
            var extensions = d.list("extensions").stream().map(ConfigNode::asString).toArray(String[]::new);
            if (extensions.length > 0) {
                db = db.withExtensions(extensions);
            }
            if (!d.bool("retain", true)) {
                db = db.droppedOnDelete();
            }
            b.database(db);
            d.rejectUnknownKeys();
        }
        if (spec.has("backup")) {
            b.backup(backup(spec.get("backup"), namespace, waitFor));
        }
        if (spec.has("pooler")) {
            var p = spec.get("pooler");
            var mode = enumValue(p, "mode", Pooler.Mode.class, "session");
            var pooler = enumValue(p, "type", Pooler.Type.class, "rw") == Pooler.Type.RW ? Pooler.rw(mode) : Pooler.ro(mode);
            pooler = pooler.withInstances(p.integer("instances", 2))
                    .withIdleTransactionTimeout(p.integer("idleTransactionTimeout", pooler.idleTransactionTimeout()));
            for (var e : p.get("parameters").entries()) {
                pooler = pooler.withParameter(e.getKey(), e.getValue());
            }
            b.pooler(pooler);
            p.rejectUnknownKeys();
        }
        if (spec.has("monitoring")) {
            var m = spec.get("monitoring");
            var defaults = Monitoring.defaults();
            b.monitoring(m.bool("enabled", true)
                    ? defaults.withArchivingFailingFor(m.string("archivingFailingFor", defaults.archivingFailingFor()))
                            .withBackupMaxAgeHours(m.integer("backupMaxAgeHours", defaults.backupMaxAgeHours()))
                            .withReplicationLagSeconds(m.integer("replicationLagSeconds", defaults.replicationLagSeconds()))
                    : Monitoring.off());
            m.rejectUnknownKeys();
        }
        spec.rejectUnknownKeys();
        return b.build();
    }

    private Backup backup(ConfigNode backup, String namespace, java.util.Set<Resource> waitFor) {
        var c = backup.get("credentials");
        var idKey = c.string("accessKeyIdKey", "ACCESS_KEY_ID");
        var secretKey = c.string("secretAccessKeyKey", "ACCESS_SECRET_KEY");
        SecretRef id;
        if (c.has("secret")) {
            var secret = secret(c.path() + ".secret", c.string("secret"));
            waitFor.add(secret);
            id = ConfigException.at(c.path() + ".secret", () -> secret.ref(namespace, idKey));
        } else if (c.has("secretName")) {
            id = ConfigException.at(c.path() + ".secretName", () -> SecretRef.of(namespace, c.string("secretName"), idKey));
        } else {
            throw new ConfigException(c.path() + ": give secret (a citadel:secrets entry synced to " + namespace
                    + ") or secretName (a Secret made elsewhere in " + namespace + ")");
        }
        c.rejectUnknownKeys();
        var credentials = Backup.S3Credentials.of(id, id.withKey(secretKey));
        var bucket = backup.string("bucket");
        var result = backup.has("endpoint") ? Backup.s3Compatible(backup.string("endpoint"), bucket, credentials)
                : Backup.awsS3(bucket, credentials);
        result = result.withRetention(backup.string("retention", result.retention()))
                .withSchedule(backup.string("schedule", result.schedule()))
                .withImmediateBackup(backup.bool("immediate", result.immediate()));
        backup.rejectUnknownKeys();
        return result;
    }

    private VaultBackedSecret secret(String path, String name) {
        var s = secrets.get(name);
        if (s == null) {
            throw new ConfigException(path + ": no citadel:secrets entry named '" + name + "'; the secrets are " + secrets.keySet());
        }
        return s;
    }

    private static <E extends Enum<E>> E enumValue(ConfigNode node, String key, Class<E> type, String fallback) {
        var raw = node.string(key, fallback);
        for (var e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(raw)) {
                return e;
            }
        }
        var allowed = new ArrayList<String>();
        for (var e : type.getEnumConstants()) {
            allowed.add(e.name().toLowerCase(Locale.ROOT));
        }
        throw new ConfigException(node.path() + "." + key + ": '" + raw + "' is not one of " + allowed);
    }
}
