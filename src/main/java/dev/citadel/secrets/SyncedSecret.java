package dev.citadel.secrets;

/**
 * A secret synced into namespaces as Kubernetes Secrets, as a consumer (a CNPG role, backup credentials) reads one of
 * its keys: a {@link VaultBackedSecret} made in the same program, or the same secret known only by its contract
 * ({@link SyncedSecretContract}) where the consumer cannot hold the resource (a component package's Construct).
 */
public interface SyncedSecret {
    /** The key {@code key} of the Secret synced into {@code namespace}; refused when it is not synced there or has no such key. */
    SecretRef ref(String namespace, String key);
}
