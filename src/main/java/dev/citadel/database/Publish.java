package dev.citadel.database;

import dev.citadel.names.KubernetesNames;
import dev.citadel.names.VaultPaths;
import dev.citadel.secrets.SecretStoreRef;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where {@link RdsAppUser} puts the connection details (username, password, host, port, dbname, engine, sslmode,
 * jdbcUrl) for the app to read. Seed 004: the credentials sat in AWS Secrets Manager while nothing made the role; here
 * they are written only after the role, its database and grants exist, so an app never reads credentials that do not
 * log in yet.
 */
public sealed interface Publish {

    /** Nothing is published; the app reads {@link RdsAppUser}'s outputs some other way. */
    static Publish none() {
        return new None();
    }

    /**
     * A Vault KV v2 entry at {@code path} of {@code store}'s mount, synced by External Secrets into each of
     * {@code namespaces} (a VaultBackedSecret with no generated keys).
     */
    static Publish vaultKv(SecretStoreRef store, String path, String... namespaces) {
        return new VaultKv(store, path, List.of(namespaces));
    }

    /** An AWS Secrets Manager secret named {@code name}, read by ESO's AWS provider (the ClusterSecretStore of seed 004). */
    static Publish awsSecretsManager(String name) {
        return new AwsSecretsManager(name);
    }

    record None() implements Publish {
    }

    /**
     * @param store      the ClusterSecretStore (and so the KV v2 mount) the entry lives behind
     * @param path       the path inside the mount, e.g. {@code backstage/postgres-connection}
     * @param namespaces where the app runs: a Secret with the same keys is synced there
     */
    record VaultKv(SecretStoreRef store, String path, List<String> namespaces) implements Publish {
        public VaultKv {
            Objects.requireNonNull(store, "publish.vaultKv store");
            VaultPaths.secretPath("publish.vaultKv path", path);
            namespaces = List.copyOf(namespaces);
            var seen = new LinkedHashSet<String>();
            for (var ns : namespaces) {
                KubernetesNames.label("publish.vaultKv namespace", ns);
                if (!seen.add(ns)) {
                    throw new IllegalArgumentException("publish.vaultKv namespace: '" + ns + "' is given twice; list each namespace once");
                }
            }
        }
    }

    /** @param name the secret's name, e.g. {@code goldenpath/dev/backstage/postgres} (what the app's ExternalSecret reads) */
    record AwsSecretsManager(String name) implements Publish {
        /** What Secrets Manager accepts in a name. */
        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");

        public AwsSecretsManager {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("publish.awsSecretsManager name: '" + name + "' is not a Secrets Manager secret name "
                        + "(1 to 512 of letters, digits and / _ + = . @ -); write e.g. goldenpath/dev/backstage/postgres");
            }
        }
    }
}
