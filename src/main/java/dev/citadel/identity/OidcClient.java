package dev.citadel.identity;

import dev.citadel.secrets.SecretRef;

import java.util.ArrayList;
import java.util.List;

/**
 * An OpenID Connect client of a {@link KeycloakRealm}. Start from a preset and adjust with {@code with*}:
 * <pre>{@code
 * OidcClient.kubernetesCli()                                  // seed 000's kubelogin client, exactly
 * OidcClient.web("grafana", grafanaOidc.ref("identity", "clientSecret"))
 *     .withRedirectUris("https://grafana.example.com/login/generic_oauth")
 * }</pre>
 *
 * @param clientId       the client id tokens carry in {@code aud}
 * @param name           display name on the login page
 * @param access         public (PKCE) or confidential (secret read from a Secret)
 * @param redirectUris   where Keycloak may send the authorization code
 * @param webOrigins     CORS origins for browser clients
 * @param defaultScopes  client scopes always applied (their claims are in every token)
 * @param optionalScopes client scopes applied when the client asks for them
 * @param ownAudience    access tokens carry the client id in {@code aud} (Keycloak puts only {@code account} there
 *                       otherwise, so an API checking its audience, like an Envoy Gateway JWT policy, rejects them)
 */
public record OidcClient(String clientId, String name, ClientAccess access, List<String> redirectUris,
                         List<String> webOrigins, List<String> defaultScopes, List<String> optionalScopes,
                         boolean ownAudience) {

    /** The client id kube-apiserver, kubelogin and the bindings agree on in seed 000. */
    public static final String KUBERNETES_CLIENT_ID = "kubernetes";

    public OidcClient {
        redirectUris = List.copyOf(redirectUris);
        webOrigins = List.copyOf(webOrigins);
        defaultScopes = List.copyOf(defaultScopes);
        optionalScopes = List.copyOf(optionalScopes);
    }

    /** {@link #kubernetesCli(String)} with the client id {@value #KUBERNETES_CLIENT_ID}. */
    public static OidcClient kubernetesCli() {
        return kubernetesCli(KUBERNETES_CLIENT_ID);
    }

    /**
     * The kubelogin client of seed 000 §1.3: public (PKCE), redirects to kubelogin's local listener on
     * ports 8000 and 18000, and scopes profile, email, offline_access and — the one whose absence lets users
     * log in and then get Forbidden — groups.
     */
    public static OidcClient kubernetesCli(String clientId) {
        return new OidcClient(clientId, "Kubernetes (kubectl)", new ClientAccess.Public(),
                List.of("http://localhost:8000/*", "http://localhost:18000/*"), List.of(),
                List.of(ClientScopes.PROFILE, ClientScopes.EMAIL, ClientScopes.GROUPS), List.of(ClientScopes.OFFLINE_ACCESS), false);
    }

    /**
     * A confidential web application (Grafana, Headlamp, an SSO proxy) whose client secret is read from a
     * Secret key in the realm's namespace (e.g. {@code vaultSecret.ref("identity", "clientSecret")}). Add its
     * callback with {@link #withRedirectUris(String...)}.
     */
    public static OidcClient web(String clientId, SecretRef clientSecret) {
        return new OidcClient(clientId, clientId, new ClientAccess.Confidential(clientSecret), List.of(), List.of(),
                List.of(ClientScopes.PROFILE, ClientScopes.EMAIL, ClientScopes.GROUPS), List.of(ClientScopes.OFFLINE_ACCESS), false);
    }

    /** A public browser application (SPA): PKCE, no secret. Add its callback with {@link #withRedirectUris(String...)}. */
    public static OidcClient browser(String clientId) {
        return new OidcClient(clientId, clientId, new ClientAccess.Public(), List.of(), List.of(),
                List.of(ClientScopes.PROFILE, ClientScopes.EMAIL, ClientScopes.GROUPS), List.of(), false);
    }

    public OidcClient withName(String displayName) {
        return new OidcClient(clientId, displayName, access, redirectUris, webOrigins, defaultScopes, optionalScopes, ownAudience);
    }

    public OidcClient withRedirectUris(String... uris) {
        return new OidcClient(clientId, name, access, List.of(uris), webOrigins, defaultScopes, optionalScopes, ownAudience);
    }

    public OidcClient withWebOrigins(String... origins) {
        return new OidcClient(clientId, name, access, redirectUris, List.of(origins), defaultScopes, optionalScopes, ownAudience);
    }

    /** Replaces the default scopes; the kube client without {@code groups} is exactly seed 000's Forbidden. */
    public OidcClient withDefaultScopes(String... scopes) {
        return new OidcClient(clientId, name, access, redirectUris, webOrigins, List.of(scopes), optionalScopes, ownAudience);
    }

    public OidcClient withOptionalScopes(String... scopes) {
        return new OidcClient(clientId, name, access, redirectUris, webOrigins, defaultScopes, List.of(scopes), ownAudience);
    }

    /** This client without one scope, default or optional. */
    public OidcClient withoutScope(String scope) {
        var d = new ArrayList<>(defaultScopes);
        var o = new ArrayList<>(optionalScopes);
        d.remove(scope);
        o.remove(scope);
        return new OidcClient(clientId, name, access, redirectUris, webOrigins, d, o, ownAudience);
    }

    /** Access tokens of this client name it in {@code aud}: what an API that checks its audience needs. */
    public OidcClient withOwnAudience() {
        return new OidcClient(clientId, name, access, redirectUris, webOrigins, defaultScopes, optionalScopes, true);
    }

    /** Every scope the client can get a token for. */
    public List<String> scopes() {
        var all = new ArrayList<>(defaultScopes);
        optionalScopes.stream().filter(s -> !all.contains(s)).forEach(all::add);
        return all;
    }

    public boolean isPublic() {
        return access instanceof ClientAccess.Public;
    }
}
