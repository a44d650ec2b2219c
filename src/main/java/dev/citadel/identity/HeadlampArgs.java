package dev.citadel.identity;

import dev.citadel.names.KubernetesNames;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Headlamp logging people in through the same contract as the API server ({@link OidcRbacArgs}): Headlamp sends the
 * user's ID token to the API server, which accepts it only when its {@code aud} is one of the API server's audiences
 * (seed 000 §7.1). By default Headlamp's client is the API server's {@code --oidc-client-id}, its scopes include
 * {@code groups} (OidcRbacArgs already refuses a client without it), and its callback is one of that client's
 * redirect URIs.
 * <pre>{@code
 * HeadlampArgs.builder().rbac(rbacArgs).url("https://headlamp.example.com").namespace("kube-system").build()
 * }</pre>
 * Or Headlamp with its own client, a second audience of a structured AuthenticationConfiguration:
 * <pre>{@code
 * realm.client(HeadlampArgs.realmClient("headlamp", "https://headlamp.example.com"));
 * rbac.apiServer(ApiServer.authenticationConfiguration()).audience("headlamp");
 * HeadlampArgs.builder().rbac(rbacArgs).realm(realmArgs).clientId("headlamp").url("https://headlamp.example.com").build()
 * }</pre>
 */
public final class HeadlampArgs {
    /** Headlamp's OIDC callback path (its backend serves it). */
    public static final String CALLBACK_PATH = "/oidc-callback";
    public static final String CHART = "headlamp";
    public static final String REPO = "https://kubernetes-sigs.github.io/headlamp/";
    public static final String CHART_VERSION = "0.45.0";

    private final OidcContract contract;
    private final String clientId;
    private final String url;
    private final String namespace;
    private final String chartVersion;

    private HeadlampArgs(OidcContract contract, String clientId, String url, String namespace, String chartVersion) {
        this.contract = contract;
        this.clientId = clientId;
        this.url = url;
        this.namespace = namespace;
        this.chartVersion = chartVersion;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String namespace() { return namespace; }
    public String chartVersion() { return chartVersion; }
    /** {@code https://<headlamp>/oidc-callback}: must be a redirect URI of the API server's client. */
    public String callbackUrl() { return url + CALLBACK_PATH; }
    /** The client Headlamp logs in through: the API server's, or another of its audiences. */
    public String clientId() { return clientId; }

    /**
     * Headlamp's own realm client, for a Headlamp that is a second audience: public with PKCE (Headlamp's backend holds
     * no secret here), its one redirect URI {@code <url>/oidc-callback}, and the {@code groups} scope RBAC reads. The
     * realm takes it with {@code client(...)}; {@link Builder#build()} checks the realm has it.
     */
    public static OidcClient realmClient(String clientId, String url) {
        return OidcClient.browser(clientId).withName("Headlamp").withRedirectUris(Builder.checkedUrl(url) + CALLBACK_PATH);
    }

    /** The chart's {@code config.oidc}: issuer and client the API server trusts, its scopes, PKCE (a public client). */
    public Map<String, Object> values() {
        var scopes = new ArrayList<String>();
        scopes.add("openid");
        contract.scopes().stream().filter(s -> !s.equals(ClientScopes.OFFLINE_ACCESS)).forEach(scopes::add);
        var oidc = new LinkedHashMap<String, Object>();
        oidc.put("clientID", clientId);
        oidc.put("issuerURL", contract.issuerUrl());
        oidc.put("scopes", String.join(",", scopes));
        oidc.put("callbackURL", callbackUrl());
        oidc.put("usePKCE", true);
        var config = new LinkedHashMap<String, Object>();
        config.put("oidc", oidc);
        var values = new LinkedHashMap<String, Object>();
        values.put("config", config);
        return values;
    }

    public static final class Builder {
        private OidcRbacArgs rbac;
        private KeycloakRealmArgs realm;
        private String url;
        private String namespace = "kube-system";
        private String clientId;
        private String chartVersion = CHART_VERSION;

        private Builder() {
        }

        /** The API server's OIDC: Headlamp's issuer, client and scopes are read from it. */
        public Builder rbac(OidcRbacArgs rbac) { this.rbac = rbac; return this; }

        /** Headlamp's public https URL, e.g. {@code https://headlamp.example.com}. */
        public Builder url(String url) { this.url = url; return this; }

        public Builder namespace(String namespace) { this.namespace = namespace; return this; }

        /**
         * The client Headlamp logs in through; default the API server's. Another must be one of the API server's
         * audiences ({@link OidcRbacArgs.Builder#audience(String)}) and a client of {@link #realm} shaped as
         * {@link #realmClient(String, String)} makes it.
         */
        public Builder clientId(String clientId) { this.clientId = clientId; return this; }

        /** The realm holding Headlamp's own client, when {@link #clientId} is not the API server's. */
        public Builder realm(KeycloakRealmArgs realm) { this.realm = realm; return this; }

        public Builder chartVersion(String version) { this.chartVersion = version; return this; }

        public HeadlampArgs build() {
            if (rbac == null) {
                throw new IllegalArgumentException("rbac is not set; pass the OidcRbacArgs of the API server Headlamp talks to: "
                        + "rbac(rbacArgs)");
            }
            var contract = rbac.contract().orElseThrow(() -> new IllegalArgumentException("rbac's identity provider is an "
                    + "Output (another stack's realm); Headlamp needs its client id now: give OidcRbacArgs a known contract"));
            KubernetesNames.label("namespace", namespace);
            if (chartVersion == null || !chartVersion.matches("[0-9]+\\.[0-9]+\\.[0-9]+")) {
                throw new IllegalArgumentException("chartVersion: '" + chartVersion + "' is not a chart version; e.g. " + CHART_VERSION);
            }
            var base = checkedUrl(url);
            var callback = base + CALLBACK_PATH;
            var client = clientId == null ? contract.clientId() : clientId;
            if (client.equals(contract.clientId())) {
                checkApiServerClient(contract, callback);
            } else {
                checkOwnClient(contract, client, callback);
            }
            return new HeadlampArgs(contract, client, base, namespace, chartVersion);
        }

        private static void checkApiServerClient(OidcContract contract, String callback) {
            if (!contract.redirectUris().contains(callback)) {
                throw new dev.citadel.value.Refused("url: Headlamp's callback " + callback + " is not a redirect URI of client '"
                        + contract.clientId() + "' (it has " + contract.redirectUris() + "), so Keycloak refuses the login; "
                        + "add it: OidcClient.kubernetesCli().withRedirectUris(..., \"" + callback + "\")",
                        "url: Headlamp's callback " + callback + " is not a redirect URI of client '" + contract.clientId()
                        + "' (it has " + contract.redirectUris() + "), so Keycloak refuses the login; add it to that "
                        + "client's redirectUris");
            }
        }

        /** A client other than the API server's: an audience it accepts, and a realm client Headlamp can log in through. */
        private void checkOwnClient(OidcContract contract, String client, String callback) {
            var audiences = rbac.audiences().orElseThrow();
            if (!audiences.contains(client)) {
                var why = "clientId: '" + client + "' is none of the API server's audiences " + audiences + ": it accepts only ID "
                        + "tokens whose aud is one of them, so every Headlamp request would be 401 Unauthorized; ";
                throw new dev.citadel.value.Refused(why + "leave clientId unset to use '" + contract.clientId() + "', or accept '"
                        + client + "' too: OidcRbacArgs.builder()...audience(\"" + client + "\") with ApiServer.authenticationConfiguration()",
                        why + "remove clientId (Headlamp then uses '" + contract.clientId() + "')");
            }
            if (realm == null) {
                throw new dev.citadel.value.Refused("clientId: '" + client + "' is not the API server's own client, so Headlamp "
                        + "needs it in the realm: give realm(realmArgs), the realm holding client(HeadlampArgs.realmClient(\""
                        + client + "\", url))", "clientId: '" + client + "' is not the API server's own client, and Citadel "
                        + "manages no realm here to give Headlamp its own (the IdP is an issuer); remove clientId (Headlamp then "
                        + "uses '" + contract.clientId() + "')");
            }
            var derived = realmClient(client, url);
            var found = realm.clients().stream().filter(c -> c.clientId().equals(client)).findFirst();
            var fix = "client(HeadlampArgs.realmClient(\"" + client + "\", \"" + url + "\"))";
            if (found.isEmpty()) {
                throw new IllegalArgumentException("clientId: realm '" + realm.realm() + "' has no client '" + client
                        + "', so Keycloak answers Headlamp's login with 'Client not found'; add it to the realm: " + fix);
            }
            var c = found.get();
            if (!c.isPublic() || !c.redirectUris().contains(callback) || !c.scopes().contains(ClientScopes.GROUPS)) {
                throw new IllegalArgumentException("clientId: realm client '" + client + "' is not Headlamp's: it must be public "
                        + "(Headlamp logs in with PKCE, no secret), redirect to " + callback + " and have the groups scope "
                        + "(it is " + (c.isPublic() ? "public" : "confidential") + ", redirects to " + c.redirectUris() + ", scopes "
                        + c.scopes() + "); make it " + fix + " (public, " + derived.redirectUris() + ", " + derived.scopes() + ")");
            }
        }

        static String checkedUrl(String url) {
            try {
                var uri = url == null ? null : new URI(url);
                if (uri != null && "https".equals(uri.getScheme()) && uri.getHost() != null
                        && (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"))
                        && uri.getQuery() == null && uri.getFragment() == null) {
                    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
                }
            } catch (URISyntaxException e) {
                // refused below
            }
            throw new IllegalArgumentException("url: '" + url + "' is not Headlamp's https base URL; e.g. https://headlamp.example.com "
                    + "(Keycloak sends the code back to <url>" + CALLBACK_PATH + ", and only over https)");
        }
    }
}
