package dev.citadel.identity;

import dev.citadel.secrets.VaultBackedSecret;

import java.util.Optional;

/**
 * "Sign in with Google" for a realm (seed 002: social login next to local accounts). The OAuth client id and
 * secret come from a {@link VaultBackedSecret} synced to the realm's namespace; the realm import reads them
 * through operator placeholders, never as plain text.
 *
 * @param secret         holds the Google OAuth client credentials
 * @param clientIdKey    key of the client id in the secret
 * @param clientSecretKey key of the client secret
 * @param hostedDomain   when set, only accounts of this Google Workspace domain may sign in
 */
public record GoogleIdentityProvider(VaultBackedSecret secret, String clientIdKey, String clientSecretKey,
                                     Optional<String> hostedDomain) {

    public static final String ALIAS = "google";

    /** Credentials under the keys {@code clientId} and {@code clientSecret}. */
    public static GoogleIdentityProvider fromSecret(VaultBackedSecret secret) {
        return new GoogleIdentityProvider(secret, "clientId", "clientSecret", Optional.empty());
    }

    public GoogleIdentityProvider withKeys(String clientIdKey, String clientSecretKey) {
        return new GoogleIdentityProvider(secret, clientIdKey, clientSecretKey, hostedDomain);
    }

    public GoogleIdentityProvider withHostedDomain(String domain) {
        return new GoogleIdentityProvider(secret, clientIdKey, clientSecretKey, Optional.of(domain));
    }
}
