package dev.citadel.database;

import com.pulumi.core.annotations.Import;
import dev.citadel.config.Doc;
import dev.citadel.config.Inputs;
import dev.citadel.config.Scope;
import dev.citadel.secrets.SecretStoreRef;
import dev.citadel.secrets.VaultBackedSecret;

import java.util.List;

/** {@code citadel:rds.users[]}: one {@link RdsAppUser} on the endpoint of {@code citadel:rds.endpoint}. */
@Doc("An application's PostgreSQL user (and optionally its database) on the RDS endpoint.")
public final class RdsUserInputs extends Inputs {
    @Import(name = "name", required = true) @Doc("The entry's name; it names the component.")
    private String name;
    @Import(name = "user", required = true) @Doc("The PostgreSQL role, e.g. keycloak_app.")
    private String user;
    @Import(name = "database", required = true) @Doc("Its database.")
    private String database;
    @Import(name = "password", required = true) @Doc("Its password: {secret: <citadel:secrets entry>, key} or {secretName, key}.")
    private Password password;
    @Import(name = "createDatabase") @Doc("Create the database, owned by the user; default false.")
    private Boolean createDatabase;
    @Import(name = "connectionLimit") @Doc("At most this many connections; default unlimited.")
    private Integer connectionLimit;
    @Import(name = "publish") @Doc("Where the connection details go: {vault: {path, syncTo}} or {awsSecretsManager: <secret name>}.")
    private PublishInputs publish;

    public String name() {
        return name;
    }

    RdsAppUserArgs toArgs(Scope scope, RdsInputs.Endpoint endpoint, Provisioner provisioner, SecretStoreRef store,
                          RdsMasterSecret sharedMaster) {
        var b = RdsAppUserArgs.builder().provisioner(provisioner);
        endpoint.apply(b, scope, provisioner, sharedMaster);
        if (password.awsSecretsManager() != null) {
            throw password.fail("awsSecretsManager", ": only the master password may be one RDS keeps in AWS "
                    + "Secrets Manager; give the user's as {secret: <a citadel:secrets name>, key: password}");
        }
        b.user(user).password(password.credential(scope, provisioner)).database(database)
                .publish(publish == null ? Publish.none() : publish.publish(store));
        ifSet(createDatabase, b::createDatabase);
        ifSet(connectionLimit, b::connectionLimit);
        return build(b::build, endpoint);
    }

    @Doc("A password: a citadel:secrets entry (secret), a Secret made elsewhere (secretName), or, for the master, AWS Secrets Manager.")
    public static final class Password extends Inputs {
        @Import(name = "secret") @Doc("A citadel:secrets entry.")
        private String secret;
        @Import(name = "secretName") @Doc("A Secret made elsewhere (Job path only: the provider path needs the value).")
        private String secretName;
        @Import(name = "namespace") @Doc("The namespace the Secret is read in; default the Job's (or the entry's first).")
        private String namespace;
        @Import(name = "key") @Doc("The Secret's key; default password.")
        private String key;
        @Import(name = "awsSecretsManager") @Doc("The master's, kept by RDS in AWS Secrets Manager (Job path).")
        private AwsSecret awsSecretsManager;

        AwsSecretsManagerRef awsSecretsManager() {
            return awsSecretsManager == null ? null : awsSecretsManager.ref();
        }

        Credential credential(Scope scope, Provisioner provisioner) {
            var k = key == null ? "password" : key;
            var jobNamespace = provisioner instanceof Provisioner.Job j ? j.namespace() : null;
            if (secret != null) {
                var s = scope.entry(this, "secret", "secrets", VaultBackedSecret.class, secret);
                var ns = namespace != null ? namespace : jobNamespace != null ? jobNamespace
                        : s.secretNames().keySet().stream().sorted().findFirst().orElse("default");
                return build(() -> Credential.of(s, ns, k));
            }
            if (secretName != null) {
                var ns = namespace != null ? namespace : jobNamespace != null ? jobNamespace : "default";
                return build(() -> Credential.ref(RdsInputs.ref(ns, secretName, k)));
            }
            throw mistake(" is missing; give {secret: <a citadel:secrets name>, key: password}, or {secretName: <a Secret made "
                    + "elsewhere>, key: password} for the Job path");
        }
    }

    @Doc("A secret RDS keeps in AWS Secrets Manager, synced through a ClusterSecretStore.")
    public static final class AwsSecret extends Inputs {
        @Import(name = "clusterSecretStore", required = true) @Doc("The ClusterSecretStore of External Secrets' AWS provider.")
        private String clusterSecretStore;
        @Import(name = "secretId", required = true) @Doc("The secret's id, e.g. rds!db-0a1b2c3d.")
        private String secretId;
        @Import(name = "property") @Doc("Its JSON property holding the password; default password.")
        private String property;

        AwsSecretsManagerRef ref() {
            return build(() -> new AwsSecretsManagerRef(clusterSecretStore, secretId, property == null ? "password" : property));
        }
    }

    @Doc("Where the connection details are published.")
    public static final class PublishInputs extends Inputs {
        @Import(name = "vault") @Doc("Vault KV in the stack's store, synced by External Secrets.")
        private VaultPublish vault;
        @Import(name = "awsSecretsManager") @Doc("An AWS Secrets Manager secret of this name (for ESO's AWS provider).")
        private String awsSecretsManager;

        Publish publish(SecretStoreRef store) {
            if ((vault != null) == (awsSecretsManager != null)) {
                throw mistake(": give exactly one of vault: {path, syncTo} (Vault KV, synced by External Secrets) "
                        + "or awsSecretsManager: <secret name> (for ESO's AWS provider)");
            }
            if (vault != null) {
                return vault.build(() -> new Publish.VaultKv(store, vault.path, vault.syncTo));
            }
            return build("awsSecretsManager", () -> Publish.awsSecretsManager(awsSecretsManager));
        }
    }

    @Doc("Vault KV publishing.")
    public static final class VaultPublish extends Inputs {
        @Import(name = "path", required = true) @Doc("The KV path under the store's mount.")
        private String path;
        @Import(name = "syncTo") @Doc("The namespaces that read the details.")
        private List<String> syncTo;
    }
}
