package dev.citadel.identity;

import dev.citadel.secrets.VaultBackedSecret;

import java.util.Optional;

/** How an OIDC client authenticates to Keycloak: not at all (a CLI on a laptop) or with a secret kept in Vault. */
public sealed interface ClientAccess {

    /** The secret the client's credential is read from; none for a public client. */
    Optional<VaultBackedSecret> secret();

    /**
     * A public client: it cannot keep a secret (kubelogin on every engineer's laptop), so it must use PKCE
     * (S256) and has no secret to leak.
     */
    record Public() implements ClientAccess {
        @Override
        public Optional<VaultBackedSecret> secret() {
            return Optional.empty();
        }
    }

    /**
     * A confidential client whose secret lives in a {@link VaultBackedSecret} under {@code key}; the realm
     * import reads it from the synced Kubernetes Secret through an operator placeholder, so the secret
     * never appears in the realm JSON, the plan or the state.
     */
    record Confidential(VaultBackedSecret vaultSecret, String key) implements ClientAccess {
        @Override
        public Optional<VaultBackedSecret> secret() {
            return Optional.of(vaultSecret);
        }
    }
}
