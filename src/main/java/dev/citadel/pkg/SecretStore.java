package dev.citadel.pkg;

import com.pulumi.core.annotations.Import;
import dev.citadel.config.Doc;
import dev.citadel.config.Inputs;
import dev.citadel.secrets.SecretStoreRef;

/** The External Secrets store a VaultBackedSecret is read through; a stack program makes it from {@code citadel:vault}. */
@Doc("The ClusterSecretStore External Secrets reads Vault through, and the KV v2 mount it reads.")
public final class SecretStore extends Inputs {
    @Import(name = "name", required = true) @Doc("The ClusterSecretStore's name.")
    private String name;
    @Import(name = "kvMount", required = true) @Doc("The KV v2 mount it reads (its spec.provider.vault.path), e.g. secret.")
    private String kvMount;

    SecretStoreRef ref() {
        return build(() -> SecretStoreRef.cluster(name, kvMount));
    }
}
