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
 * Several apps may log in as one realm client, by choice (seed 002's single {@code oidc-sso} client): give them the same
 * {@link #withClientId client id} and the same generated secret synced into each app's namespace, and define the client
 * once with {@link #sharedRealmClient}, which accepts every one of their redirect URLs.
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
    /** Not a client scope in Keycloak: every OIDC request carries it, and every client serves it. */
    static final String OPENID = "openid";

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

    /** The scopes Envoy asks for (default {@link #SCOPES}); the realm client must offer each but {@code openid}. */
    public OidcApp withScopes(String... requested) {
        return new OidcApp(route, clientId, clientSecret, callbackPath, logoutPath, cookieDomain, List.of(requested));
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
        return sharedRealmClient(realmSecret, this);
    }

    /**
     * The one realm client several apps log in as: confidential, its secret read from {@code realmSecret}, its redirect
     * URIs exactly the apps' {@link #redirectUrl()}s (Keycloak refuses any other, and accepts no URL no route answers),
     * offering every scope they ask for (Keycloak refuses a scope the client lacks with {@code invalid_scope}).
     *
     * @throws IllegalArgumentException when the apps do not all name one client id
     */
    public static OidcClient sharedRealmClient(SecretRef realmSecret, OidcApp... apps) {
        if (apps.length == 0) {
            throw new IllegalArgumentException("sharedRealmClient: give the apps that log in as the client");
        }
        var id = apps[0].clientId();
        var redirects = new java.util.LinkedHashSet<String>();
        var optional = new java.util.ArrayList<String>();
        var client = OidcClient.web(id, realmSecret);
        for (var app : apps) {
            if (!app.clientId().equals(id)) {
                throw new IllegalArgumentException("sharedRealmClient: app '" + app.route().name() + "' logs in as client '"
                        + app.clientId() + "', not '" + id + "'; give every app sharing the client withClientId(\"" + id + "\")");
            }
            redirects.add(app.redirectUrl());
            app.scopes().stream().filter(s -> !s.equals(OPENID) && !client.scopes().contains(s) && !optional.contains(s))
                    .forEach(optional::add);
        }
        optional.addAll(0, client.optionalScopes());
        return client.withRedirectUris(redirects.toArray(String[]::new)).withOptionalScopes(optional.toArray(String[]::new));
    }

    /** Whether the secret sits where Envoy Gateway looks for it. */
    boolean secretUnderExpectedKey() {
        return EnvoyGateway.CLIENT_SECRET_KEY.equals(clientSecret.key());
    }
}
