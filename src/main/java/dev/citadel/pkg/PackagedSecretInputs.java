package dev.citadel.pkg;

import com.pulumi.core.annotations.Import;
import dev.citadel.config.Doc;
import dev.citadel.secrets.SecretStoreRef;
import dev.citadel.secrets.VaultBackedSecretInputs;

/** A {@code citadel:secrets} entry, and the store a stack program would take from {@code citadel:vault}. */
@Doc("A secret generated once, kept in Vault KV and synced by External Secrets into each namespace that reads it.")
public final class PackagedSecretInputs extends VaultBackedSecretInputs {
    @Import(name = "store", required = true) @Doc("The ClusterSecretStore External Secrets reads the value through.")
    private SecretStore store;

    SecretStoreRef store() {
        return store.ref();
    }
}
