package dev.citadel.gateway;

import dev.citadel.contract.EnvoyGateway;
import dev.citadel.identity.OidcClient;
import dev.citadel.secrets.SecretRef;

import java.util.List;

/**
 * A browser application behind Envoy Gateway's OIDC SecurityPolicy (seed 002's Grafana, Hubble UI, RustFS console):
 * Envoy runs the login against the realm client {@link #clientId()}, whose secret it reads from
 * {@link #clientSecret()} (key {@code client-secret}, in the route's namespace).
 * <pre>{@code
 * OidcApp.of(new Route("monitoring", "grafana", "grafana.example.com", "grafana", 80),
 *         grafanaOidc.ref("monitoring", "client-secret"))
 *     .withCookieDomain("example.com")    // one login for every app under example.com
 * }</pre>
 *
 * @param route        the route the policy protects (rendered with it)
 * @param clientId     the realm client; default the route's name
 * @param clientSecret the Secret key Envoy reads the client secret from
 * @param callbackPath the redirect URL's path, answered by the route (Envoy's default {@value #CALLBACK})
 * @param logoutPath   the path that ends the session
 * @param cookieDomain the domain of the session cookies: the hostname itself, or a parent of it to share one login
 * @param scopes       the scopes Envoy asks for
 */
public record OidcApp(Route route, String clientId, SecretRef clientSecret, String callbackPath, String logoutPath,
                      String cookieDomain, List<String> scopes) {
    public static final String CALLBACK = "/oauth2/callback";
    public static final String LOGOUT = "/logout";
    /** Envoy asks for openid only unless told; groups is what lets the backends tell admins from viewers. */
    public static final List<String> SCOPES = List.of("openid", "profile", "email", "groups");

    public OidcApp {
        scopes = List.copyOf(scopes);
    }

    public static OidcApp of(Route route, SecretRef clientSecret) {
        return new OidcApp(route, route.name(), clientSecret, CALLBACK, LOGOUT, route.hostname(), SCOPES);
    }

    public OidcApp withClientId(String id) {
        return new OidcApp(route, id, clientSecret, callbackPath, logoutPath, cookieDomain, scopes);
    }

    public OidcApp withCallbackPath(String path) {
        return new OidcApp(route, clientId, clientSecret, path, logoutPath, cookieDomain, scopes);
    }

    public OidcApp withLogoutPath(String path) {
        return new OidcApp(route, clientId, clientSecret, callbackPath, path, cookieDomain, scopes);
    }

    public OidcApp withCookieDomain(String domain) {
        return new OidcApp(route, clientId, clientSecret, callbackPath, logoutPath, domain, scopes);
    }

    /** Where Keycloak sends the code: https, on the route's hostname, under the route's {@code /} prefix. */
    public String redirectUrl() {
        return route.origin() + callbackPath;
    }

    /**
     * The realm client this app logs in with: confidential, its secret read from {@code realmSecret} (the same
     * generated value, synced into the realm's namespace), its only redirect URI the policy's {@link #redirectUrl()}.
     */
    public OidcClient realmClient(SecretRef realmSecret) {
        return OidcClient.web(clientId, realmSecret).withRedirectUris(redirectUrl());
    }

    /** Whether the secret sits where Envoy Gateway looks for it. */
    boolean secretUnderExpectedKey() {
        return EnvoyGateway.CLIENT_SECRET_KEY.equals(clientSecret.key());
    }
}
