package dev.citadel.gateway;

import dev.citadel.contract.EnvoyGateway;
import dev.citadel.identity.ClientScopes;
import dev.citadel.identity.OidcClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An API behind Envoy Gateway's JWT SecurityPolicy (seed 002 item 3): bearer tokens of the realm, their audience the
 * realm client {@link #clientId()}, claims forwarded to the backend as headers.
 *
 * @param route          the route the policy protects (rendered with it)
 * @param clientId       the realm client the tokens are issued to (their {@code aud})
 * @param claimToHeaders claim to request header, in order
 */
public record JwtApi(Route route, String clientId, Map<String, String> claimToHeaders) {
    /** Seed 002's forwarded claims and the headers the backends read them from. */
    public static final Map<String, String> SEED_HEADERS = seedHeaders();

    public JwtApi {
        claimToHeaders = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(claimToHeaders));
    }

    public static JwtApi of(Route route, String clientId) {
        return new JwtApi(route, clientId, SEED_HEADERS);
    }

    /** Forward exactly these claims ({@code claim, header, claim, header, ...}). */
    public JwtApi withClaimToHeaders(String... claimHeaderPairs) {
        if (claimHeaderPairs.length % 2 != 0) {
            throw new IllegalArgumentException("claimToHeaders: give claim, header pairs; '"
                    + claimHeaderPairs[claimHeaderPairs.length - 1] + "' has no header");
        }
        var m = new LinkedHashMap<String, String>();
        for (int i = 0; i < claimHeaderPairs.length; i += 2) {
            m.put(claimHeaderPairs[i], claimHeaderPairs[i + 1]);
        }
        return new JwtApi(route, clientId, m);
    }

    boolean forwardsRealmRoles() {
        return claimToHeaders.containsKey(EnvoyGateway.REALM_ROLES_CLAIM);
    }

    /**
     * The realm client tokens for this API are issued to: its id in the access tokens' {@code aud} (which the policy
     * checks), and, when {@code realm_access.roles} is forwarded, the {@code roles} scope, without which Keycloak
     * never issues that claim and the header is silently absent (issue 18).
     */
    public OidcClient realmClient() {
        var client = OidcClient.browser(clientId).withRedirectUris(route.origin() + "/*").withOwnAudience();
        if (forwardsRealmRoles() && !client.scopes().contains(ClientScopes.ROLES)) {
            var scopes = new java.util.ArrayList<>(client.defaultScopes());
            scopes.add(ClientScopes.ROLES);
            client = client.withDefaultScopes(scopes.toArray(String[]::new));
        }
        return client;
    }

    private static Map<String, String> seedHeaders() {
        var headers = List.of("x-user-id", "x-user-email", "x-user-groups", "x-user-name", "x-user-roles");
        var m = new LinkedHashMap<String, String>();
        for (int i = 0; i < EnvoyGateway.SEED_CLAIMS.size(); i++) {
            m.put(EnvoyGateway.SEED_CLAIMS.get(i), headers.get(i));
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
