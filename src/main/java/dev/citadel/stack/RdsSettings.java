package dev.citadel.stack;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.ProviderResource;
import dev.citadel.database.AwsSecretsManagerRef;
import dev.citadel.database.Credential;
import dev.citadel.database.Provisioner;
import dev.citadel.database.Publish;
import dev.citadel.database.RdsAppUser;
import dev.citadel.database.RdsAppUserArgs;
import dev.citadel.database.RdsParameterGroup;
import dev.citadel.database.RdsParameterGroupArgs;
import dev.citadel.database.CaBundle;
import dev.citadel.database.SslMode;
import dev.citadel.secrets.SecretRef;
import dev.citadel.secrets.SecretStoreRef;
import dev.citadel.secrets.VaultBackedSecret;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code citadel:rds}: an RDS endpoint and the application users on it (seed 004). {@code endpoint} names the
 * endpoint ({@code host}, {@code port}, {@code engineVersion}, {@code masterUser}, {@code masterPassword},
 * {@code sslmode}, {@code parameterGroup}, {@code provisioner}: {@code provider} or {@code job} with {@code namespace}
 * and optional {@code image}); {@code users} lists {@code name}, {@code user}, {@code database}, {@code password},
 * {@code createDatabase}, {@code connectionLimit}. A password is {@code {secret: <citadel:secrets name>, key}} or,
 * for a Secret made elsewhere, {@code {secretName, key}}; the master's may also be
 * {@code {awsSecretsManager: {clusterSecretStore, secretId, property}}} (RDS-managed, Job path). A user's {@code publish}
 * is {@code {vault: {path, syncTo: [namespaces]}}} (the stack's store) or {@code {awsSecretsManager: <secret name>}}.
 */
final class RdsSettings {
    private final ConfigNode node;
    private final Map<String, VaultBackedSecret> secrets;
    private final SecretStoreRef store;

    RdsSettings(ConfigNode node, Map<String, VaultBackedSecret> secrets, SecretStoreRef store) {
        this.node = node;
        this.secrets = secrets;
        this.store = store;
    }

    /** Registers the users (and the parameter group) and returns the stack outputs: connection details per user. */
    Map<String, Output<?>> define(List<ProviderResource> providers) {
        var outputs = new TreeMap<String, Output<?>>();
        if (!node.has("endpoint")) {
            node.rejectUnknownKeys();
            return outputs;
        }
        var rds = node.get("endpoint");
        var host = rds.string("host");
        var port = rds.integer("port", 5432);
        var engineVersion = rds.string("engineVersion");
        var masterUser = rds.string("masterUser", "postgres");
        var sslMode = rds.has("sslmode") ? sslMode(rds) : null;
        var caBundle = caBundle(rds.get("caBundle"));
        var provisioner = provisioner(rds.get("provisioner"));
        var namespace = provisioner instanceof Provisioner.Job j ? j.namespace() : null;
        var waitFor = new ArrayList<com.pulumi.resources.Resource>();
        var masterNode = rds.get("masterPassword");
        var masterAws = masterNode.has("awsSecretsManager") ? awsSecretsManager(masterNode) : null;
        var master = masterAws == null ? readable(masterNode, credential(masterNode, namespace, waitFor), provisioner) : null;
        if (masterAws != null && !(provisioner instanceof Provisioner.Job)) {
            throw new ConfigException(masterNode.path() + ".awsSecretsManager: " + masterAws.secretId() + " is read only by the Job "
                    + "path (External Secrets syncs it into the cluster; an offline preview cannot read AWS); set "
                    + "provisioner: {kind: job, namespace: <app namespace>}, or give masterPassword {secret: <a citadel:secrets name>}");
        }
        var options = ComponentResourceOptions.builder().providers(providers);
        if (rds.bool("parameterGroup", false)) {
            var group = new RdsParameterGroup(rds.string("name", "rds"), ConfigException.at(rds.path() + ".parameterGroup",
                    () -> RdsParameterGroupArgs.of(engineVersion)), options.build());
            outputs.put("rdsParameterGroup", group.groupName());
        }
        rds.rejectUnknownKeys();
        checkTls(rds, sslMode, caBundle, namespace);

        var details = new TreeMap<String, Output<Map<String, Object>>>();
        var userNames = new UniqueNames("RDS user");
        for (var spec : node.list("users")) {
            var name = spec.string("name");
            userNames.claim(spec.path() + ".name", name);
            var deps = new ArrayList<>(waitFor);
            var password = readable(spec.get("password"), credential(spec.get("password"), namespace, deps), provisioner);
            var publish = publish(spec.get("publish"));
            var builder = RdsAppUserArgs.builder()
                    .host(host).port(port).engineVersion(engineVersion).sslMode(sslMode)
                    .masterUser(masterUser)
                    .user(spec.string("user")).password(password)
                    .database(spec.string("database"))
                    .createDatabase(spec.bool("createDatabase", false))
                    .connectionLimit(spec.integer("connectionLimit", -1))
                    .provisioner(provisioner)
                    .publish(publish);
            if (caBundle != null) {
                builder.caBundle(caBundle);
            }
            if (masterAws != null) {
                builder.masterPasswordInAwsSecretsManager(masterAws);
            } else {
                builder.masterPassword(master);
            }
            var args = ConfigException.at(spec.path() + " (" + name + ")", builder::build);
            spec.rejectUnknownKeys();
            var user = new RdsAppUser(name, args, ComponentResourceOptions.builder().providers(providers).dependsOn(deps).build());
            details.put(name, Output.all(user.host(), user.database(), user.user(), user.sslmode(), user.jdbcUrl())
                    .applyValue(v -> Map.<String, Object>of("host", v.get(0), "port", port, "database", v.get(1), "user", v.get(2),
                            "sslmode", v.get(3), "jdbcUrl", v.get(4), "createDatabase", args.createDatabase())));
        }
        node.rejectUnknownKeys();
        outputs.put("databases", Output.all(List.copyOf(details.values())).applyValue(list -> {
            var out = new TreeMap<String, Object>();
            var names = new ArrayList<>(details.keySet());
            for (int i = 0; i < names.size(); i++) {
                out.put(names.get(i), list.get(i));
            }
            return out;
        }));
        return outputs;
    }

    /**
     * Issue 23: the Job sent the master password under sslmode require, which checks no certificate. The stack names
     * the CA bundle the Job verifies RDS with, or the plan stops here; nothing downgrades silently.
     */
    private static void checkTls(ConfigNode rds, SslMode sslMode, CaBundle caBundle, String namespace) {
        if (namespace == null) {
            if (caBundle != null) {
                throw new ConfigException(rds.path() + ".caBundle: only the Job path mounts a CA bundle (the provider path connects "
                        + "from where pulumi up runs); drop it, or set provisioner: {kind: job, namespace: <namespace>}");
            }
            return;
        }
        if (sslMode == SslMode.REQUIRE) {
            throw new ConfigException(rds.path() + ".sslmode: require checks no certificate, so the Job would send the master "
                    + "password to whoever answers at the host; drop it (verify-full is the Job's default) and set caBundle");
        }
        if (caBundle == null) {
            throw new ConfigException(rds.path() + ".caBundle: not set; the Job checks RDS's certificate (sslmode verify-full) "
                    + "against AWS's global-bundle.pem, which you put in '" + namespace + "' (kubectl -n " + namespace
                    + " create configmap rds-ca --from-file=global-bundle.pem): caBundle: {configMap: rds-ca, key: global-bundle.pem}");
        }
    }

    /** {@code caBundle: {configMap: rds-ca, key: global-bundle.pem}} (or {@code secret:}): the CA the Job verifies RDS with. */
    private static CaBundle caBundle(ConfigNode node) {
        if (node.plain() == null) {
            return null;
        }
        var key = node.string("key");
        CaBundle bundle;
        if (node.has("configMap") == node.has("secret")) {
            throw new ConfigException(node.path() + ": give one of configMap or secret (the object holding AWS's RDS CA bundle "
                    + "in the Job's namespace) and its key, e.g. {configMap: rds-ca, key: global-bundle.pem}");
        }
        var configMap = node.has("configMap");
        var name = node.string(configMap ? "configMap" : "secret");
        bundle = ConfigException.at(node.path(), () -> configMap ? CaBundle.configMap(name, key) : CaBundle.secret(name, key));
        node.rejectUnknownKeys();
        return bundle;
    }

    private static SslMode sslMode(ConfigNode rds) {
        var mode = rds.string("sslmode", "require");
        for (var m : SslMode.values()) {
            if (m.value().equals(mode)) {
                return m;
            }
        }
        throw new ConfigException(rds.path() + ".sslmode: '" + mode + "' does not encrypt or is not a libpq sslmode; use require, "
                + "verify-ca or verify-full (RDS with rds.force_ssl=1 refuses the others)");
    }

    private static Provisioner provisioner(ConfigNode p) {
        if (p.plain() == null) {
            return Provisioner.provider();
        }
        var kind = p.string("kind").toLowerCase(Locale.ROOT);
        switch (kind) {
            case "provider" -> {
                p.rejectUnknownKeys();
                return Provisioner.provider();
            }
            case "job" -> {
                var job = ConfigException.at(p.path(), () -> Provisioner.job(p.string("namespace")));
                var image = p.optString("image");
                p.rejectUnknownKeys();
                return image.isPresent() ? ConfigException.at(p.path() + ".image", () -> job.withImage(image.get())) : job;
            }
            default -> throw new ConfigException(p.path() + ".kind: '" + kind + "' is not a provisioner; use provider (pulumi up "
                    + "reaches the endpoint) or job (a Kubernetes Job in the cluster runs the SQL)");
        }
    }

    /**
     * A Secret made elsewhere ({@code secretName}) has no value `pulumi up` can hand the postgresql provider; said here
     * in the stack's own keys, where the builder would name its Java calls.
     */
    private static Credential readable(ConfigNode c, Credential credential, Provisioner provisioner) {
        if (provisioner instanceof Provisioner.Job || credential.value().isPresent()) {
            return credential;
        }
        throw new ConfigException(c.path() + ": " + credential.ref() + " has no value the postgresql provider can use; give "
                + "{secret: <a citadel:secrets name>}, or set provisioner: {kind: job, namespace: " + credential.ref().namespace()
                + "} to read it inside the cluster");
    }

    private static AwsSecretsManagerRef awsSecretsManager(ConfigNode masterPassword) {
        var aws = masterPassword.get("awsSecretsManager");
        var ref = ConfigException.at(aws.path(), () -> new AwsSecretsManagerRef(aws.string("clusterSecretStore"),
                aws.string("secretId"), aws.string("property", "password")));
        aws.rejectUnknownKeys();
        masterPassword.rejectUnknownKeys();
        return ref;
    }

    private Publish publish(ConfigNode p) {
        if (p.plain() == null) {
            return Publish.none();
        }
        if (p.has("vault") == p.has("awsSecretsManager")) {
            throw new ConfigException(p.path() + ": give exactly one of vault: {path, syncTo} (Vault KV, synced by External Secrets) "
                    + "or awsSecretsManager: <secret name> (for ESO's AWS provider)");
        }
        Publish publish;
        if (p.has("vault")) {
            var vault = p.get("vault");
            var namespaces = vault.list("syncTo").stream().map(ConfigNode::asString).toList();
            publish = ConfigException.at(vault.path(), () -> new Publish.VaultKv(store, vault.string("path"), namespaces));
            vault.rejectUnknownKeys();
        } else {
            publish = ConfigException.at(p.path() + ".awsSecretsManager", () -> Publish.awsSecretsManager(p.string("awsSecretsManager")));
        }
        p.rejectUnknownKeys();
        return publish;
    }

    private Credential credential(ConfigNode c, String jobNamespace, List<com.pulumi.resources.Resource> waitFor) {
        var key = c.string("key", "password");
        if (c.has("secret")) {
            var name = c.string("secret");
            var secret = secrets.get(name);
            if (secret == null) {
                throw new ConfigException(c.path() + ".secret: no citadel:secrets entry is named '" + name + "'; the entries are "
                        + secrets.keySet());
            }
            var namespace = c.string("namespace", jobNamespace == null ? firstNamespace(secret) : jobNamespace);
            c.rejectUnknownKeys();
            waitFor.add(secret);
            return ConfigException.at(c.path(), () -> Credential.of(secret, namespace, key));
        }
        if (c.has("secretName")) {
            var name = c.string("secretName");
            var namespace = c.string("namespace", jobNamespace == null ? "default" : jobNamespace);
            c.rejectUnknownKeys();
            return ConfigException.at(c.path(), () -> Credential.ref(SecretRef.of(namespace, name, key)));
        }
        throw new ConfigException(c.path() + " is missing; give {secret: <a citadel:secrets name>, key: password}, or "
                + "{secretName: <a Secret made elsewhere>, key: password} for the Job path"
                + (c.path().endsWith("masterPassword") ? ", or {awsSecretsManager: {clusterSecretStore, secretId}} for one RDS manages" : ""));
    }

    private static String firstNamespace(VaultBackedSecret secret) {
        return secret.secretNames().keySet().stream().sorted().findFirst().orElse("default");
    }
}
