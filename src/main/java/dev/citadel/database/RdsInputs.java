package dev.citadel.database;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import dev.citadel.config.Doc;
import dev.citadel.config.Inputs;
import dev.citadel.config.Scope;
import dev.citadel.secrets.SecretRef;
import dev.citadel.secrets.SecretStoreRef;
import dev.citadel.secrets.VaultBackedSecret;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** {@code citadel:rds}: an RDS endpoint ({@code endpoint}) and the application users on it ({@code users}, seed 004). */
@Doc("PostgreSQL users on an AWS RDS endpoint, made by the postgresql provider or by a Job in the cluster (seed 004).")
public final class RdsInputs extends Inputs {
    @Import(name = "endpoint") @Doc("The RDS endpoint and how Citadel reaches it.")
    private Endpoint endpoint;
    @Import(name = "users") @Doc("The application users.")
    private List<RdsUserInputs> users;

    /** The users, whose names the program claims with the other lists'. */
    public List<RdsUserInputs> users() {
        return List.copyOf(users);
    }

    /** Registers the users (and the parameter group); returns the stack outputs: connection details per user. */
    public Map<String, Output<?>> define(Scope scope, SecretStoreRef store) {
        var outputs = new TreeMap<String, Output<?>>();
        if (endpoint == null) {
            if (!users.isEmpty()) {
                throw fail("endpoint", " is missing; the users need the RDS endpoint they live on");
            }
            return outputs;
        }
        var provisioner = endpoint.provisioner();
        // Resolved once before anything registers, so a mistake in it stops the plan first; each user resolves it again to wait for it.
        endpoint.master(scope.another(), provisioner);
        // A master RDS keeps in AWS Secrets Manager is synced once into the Jobs' namespace, not once per user (issue 23).
        var aws = endpoint.masterPassword == null ? null : endpoint.masterPassword.awsSecretsManager();
        var sharedMaster = aws != null && provisioner instanceof Provisioner.Job job
                ? new RdsMasterSecret(endpointName() + "-master", endpoint.build("masterPassword",
                        () -> new RdsMasterSecret.Args(job.namespace(), aws)), scope.another().options())
                : null;
        if (Boolean.TRUE.equals(endpoint.parameterGroup)) {
            var group = new RdsParameterGroup(endpointName(),
                    endpoint.build("parameterGroup", () -> RdsParameterGroupArgs.of(endpoint.engineVersion)), scope.another().options());
            outputs.put("rdsParameterGroup", group.groupName());
        }
        var details = new TreeMap<String, Output<Map<String, Object>>>();
        for (var user : users) {
            var userScope = scope.another();
            if (sharedMaster != null) {
                userScope.waitFor(sharedMaster);
            }
            var args = user.toArgs(userScope, endpoint, provisioner, store, sharedMaster);
            var component = new RdsAppUser(user.name(), args, userScope.options());
            var port = args.port();
            details.put(user.name(), Output.all(component.host(), component.database(), component.user(), component.sslmode(), component.jdbcUrl())
                    .applyValue(v -> Map.<String, Object>of("host", v.get(0), "port", port, "database", v.get(1), "user", v.get(2),
                            "sslmode", v.get(3), "jdbcUrl", v.get(4), "createDatabase", args.createDatabase())));
        }
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

    /** Names the endpoint's own resources (the parameter group, the synced master Secret). */
    private String endpointName() {
        return endpoint.name == null ? "rds" : endpoint.name;
    }

    @Doc("The RDS endpoint.")
    public static final class Endpoint extends Inputs {
        @Import(name = "host", required = true) @Doc("The endpoint's address, without scheme or port.")
        private String host;
        @Import(name = "port") @Doc("Its port; default 5432.")
        private Integer port;
        @Import(name = "engineVersion", required = true) @Doc("The engine version as the instance reports it, e.g. 15.15.")
        private String engineVersion;
        @Import(name = "masterUser") @Doc("The master user; default postgres.")
        private String masterUser;
        @Import(name = "masterPassword") @Doc("The master password: {secret, key}, {secretName, key} or {awsSecretsManager: {...}}.")
        private RdsUserInputs.Password masterPassword;
        @Import(name = "sslmode") @Doc("verify-full (default) or verify-ca; require is refused, it checks no certificate.")
        private String sslmode;
        @Import(name = "caBundle") @Doc("The Job path: the CA bundle RDS is verified with, {configMap|secret, key}.")
        private CaBundleInputs caBundle;
        @Import(name = "caFile") @Doc("The provider path: AWS's global-bundle.pem on the machine running pulumi up, which the "
                + "provider verifies RDS with (sslmode verify-full).")
        private String caFile;
        @Import(name = "provisioner") @Doc("Who runs the SQL: {kind: provider} (default) or {kind: job, namespace, image}.")
        private ProvisionerInputs provisioner;
        @Import(name = "parameterGroup") @Doc("Also make an RDS parameter group that forces SSL; default false.")
        private Boolean parameterGroup;
        @Import(name = "name") @Doc("Names the endpoint's resources (the parameter group, <name>-master); default rds.")
        private String name;

        Provisioner provisioner() {
            return provisioner == null ? Provisioner.provider() : provisioner.provisioner();
        }

        /**
         * Applies the endpoint's settings to a user's builder, with the master password resolved in {@code scope} or,
         * when RDS keeps it and the Jobs read it, {@code shared}'s.
         */
        void apply(RdsAppUserArgs.Builder b, Scope scope, Provisioner provisioner, RdsMasterSecret shared) {
            b.host(host).engineVersion(engineVersion).sslMode(sslMode());
            ifSet(port, b::port);
            b.masterUser(masterUser == null ? "postgres" : masterUser);
            if (caBundle != null) {
                b.caBundle(caBundle.bundle());
            }
            ifSet(caFile, f -> b.caFile(java.nio.file.Path.of(f)));
            var aws = masterPassword == null ? null : masterPassword.awsSecretsManager();
            if (shared != null) {
                b.masterPassword(shared.credential());
            } else if (aws != null) {
                b.masterPasswordInAwsSecretsManager(aws);
            } else {
                b.masterPassword(master(scope, provisioner));
            }
        }

        Credential master(Scope scope, Provisioner provisioner) {
            if (masterPassword == null) {
                throw fail("masterPassword", " is missing; give {secret: <a citadel:secrets name>, key: password}, "
                        + "or {secretName: <a Secret made elsewhere>, key: password} for the Job path, or "
                        + "{awsSecretsManager: {clusterSecretStore, secretId}} for one RDS manages");
            }
            return masterPassword.awsSecretsManager() == null ? masterPassword.credential(scope, provisioner) : null;
        }

        private SslMode sslMode() {
            if (sslmode == null) {
                return null;
            }
            for (var m : SslMode.values()) {
                if (m.value().equals(sslmode)) {
                    return m;
                }
            }
            throw fail("sslmode", ": '" + dev.citadel.config.Plain.shown(sslmode) + "' does not encrypt or is not a "
                    + "libpq sslmode; use verify-full (the default) or verify-ca");
        }
    }

    @Doc("Who runs the SQL.")
    public static final class ProvisionerInputs extends Inputs {
        @Import(name = "kind", required = true) @Doc("provider (pulumi up reaches the endpoint) or job (a Kubernetes Job in the cluster runs the SQL).")
        private String kind;
        @Import(name = "namespace") @Doc("job: the Job's namespace (the app's: it reads the Secrets there).")
        private String namespace;
        @Import(name = "image") @Doc("job: the psql image; default " + Provisioner.Job.DEFAULT_IMAGE + ".")
        private String image;

        Provisioner provisioner() {
            switch (kind.toLowerCase(Locale.ROOT)) {
                case "provider":
                    return Provisioner.provider();
                case "job":
                    if (namespace == null) {
                        throw fail("namespace", " is missing; add 'namespace: ...' there (the Job's namespace)");
                    }
                    var job = build(() -> Provisioner.job(namespace));
                    return image == null ? job : build("image", () -> job.withImage(image));
                default:
                    throw fail("kind", ": '" + dev.citadel.config.Plain.shown(kind) + "' is not a provisioner; use "
                            + "provider (pulumi up reaches the endpoint) or job (a Kubernetes Job in the cluster runs the SQL)");
            }
        }
    }

    /** The citadel:secrets entry {@code name}; the user waits for it. */
    static VaultBackedSecret secret(Inputs owner, Scope scope, String name) {
        return scope.entry(owner, "secret", "secrets", VaultBackedSecret.class, name);
    }

    static SecretRef ref(String namespace, String name, String key) {
        return SecretRef.of(namespace, name, key);
    }
}
