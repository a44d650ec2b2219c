package dev.citadel.secrets;

import dev.citadel.names.KubernetesNames;
import dev.citadel.names.VaultPaths;

/**
 * An External Secrets store backed by one Vault KV v2 mount. A secret and the store it is read through
 * name the same mount by construction: the mount is taken from here, never given twice.
 *
 * @param name    the ClusterSecretStore's name
 * @param kvMount the KV v2 mount the store reads (its {@code spec.provider.vault.path})
 */
public record SecretStoreRef(String name, String kvMount) {

    public SecretStoreRef {
        KubernetesNames.subdomain("store.name", name);
        VaultPaths.mount("store.kvMount", kvMount);
    }

    /** A ClusterSecretStore that already exists in the cluster (installed outside this stack). */
    public static SecretStoreRef cluster(String name, String kvMount) {
        return new SecretStoreRef(name, kvMount);
    }

    public String kind() {
        return "ClusterSecretStore";
    }
}
