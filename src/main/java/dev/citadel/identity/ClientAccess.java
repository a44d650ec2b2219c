package dev.citadel.identity;

import dev.citadel.secrets.SecretRef;

import java.util.Optional;

/** How an OIDC client authenticates to Keycloak: not at all (a CLI on a laptop) or with a secret kept in a Secret. */
public sealed interface ClientAccess {

    /** The Secret key the client's credential is read from; none for a public client. */
    Optional<SecretRef> secret();

    /**
     * A public client: it cannot keep a secret (kubelogin on every engineer's laptop), so it must use PKCE
     * (S256) and has no secret to leak.
     */
    record Public() implements ClientAccess {
        @Override
        public Optional<SecretRef> secret() {
            return Optional.empty();
        }
    }

    /**
     * A confidential client whose secret is read from a Secret key (e.g. one a VaultBackedSecret syncs); the
     * realm import reads it through an operator placeholder, so the secret never appears in the realm JSON,
     * the plan or the state.
     */
    record Confidential(SecretRef clientSecret) implements ClientAccess {
        @Override
        public Optional<SecretRef> secret() {
            return Optional.of(clientSecret);
        }
    }
}
