package dev.citadel.identity;

import dev.citadel.secrets.SecretRef;

import java.util.Optional;

/**
 * "Sign in with Google" for a realm (seed 002: social login next to local accounts). The OAuth client id and
 * secret are read from Secret keys in the realm's namespace (typically a VaultBackedSecret's
 * {@code ref("identity", "clientId")}); the realm import reads them through operator placeholders, never as
 * plain text.
 *
 * @param clientId     the Secret key holding the Google OAuth client id
 * @param clientSecret the Secret key holding the client secret
 * @param hostedDomain when set, only accounts of this Google Workspace domain may sign in
 */
public record GoogleIdentityProvider(SecretRef clientId, SecretRef clientSecret, Optional<String> hostedDomain) {

    public static final String ALIAS = "google";

    /** e.g. {@code of(googleOauth.ref("identity", "clientId"), googleOauth.ref("identity", "clientSecret"))}. */
    public static GoogleIdentityProvider of(SecretRef clientId, SecretRef clientSecret) {
        return new GoogleIdentityProvider(clientId, clientSecret, Optional.empty());
    }

    public GoogleIdentityProvider withHostedDomain(String domain) {
        return new GoogleIdentityProvider(clientId, clientSecret, Optional.of(domain));
    }
}
