package dev.citadel.identity;

import dev.citadel.names.KubernetesNames;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Headlamp logging people in through the same contract as the API server ({@link OidcRbacArgs}): Headlamp sends the
 * user's ID token to the API server, which accepts it only when its {@code aud} is the API server's
 * {@code --oidc-client-id} (seed 000 §7.1). So Headlamp's client is that client, its scopes include {@code groups}
 * (OidcRbacArgs already refuses a client without it), and its callback is one of that client's redirect URIs.
 * <pre>{@code
 * HeadlampArgs.builder().rbac(rbacArgs).url("https://headlamp.example.com").namespace("kube-system").build()
 * }</pre>
 */
public final class HeadlampArgs {
    /** Headlamp's OIDC callback path (its backend serves it). */
    public static final String CALLBACK_PATH = "/oidc-callback";
    public static final String CHART = "headlamp";
    public static final String REPO = "https://kubernetes-sigs.github.io/headlamp/";
    public static final String CHART_VERSION = "0.45.0";

    private final OidcContract contract;
    private final String url;
    private final String namespace;
    private final String chartVersion;

    private HeadlampArgs(OidcContract contract, String url, String namespace, String chartVersion) {
        this.contract = contract;
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

    /** The chart's {@code config.oidc}: issuer and client the API server trusts, its scopes, PKCE (a public client). */
    public Map<String, Object> values() {
        var scopes = new ArrayList<String>();
        scopes.add("openid");
        contract.scopes().stream().filter(s -> !s.equals(ClientScopes.OFFLINE_ACCESS)).forEach(scopes::add);
        var oidc = new LinkedHashMap<String, Object>();
        oidc.put("clientID", contract.clientId());
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

        /** Only to state it: anything but the API server's client id is refused. */
        public Builder clientId(String clientId) { this.clientId = clientId; return this; }

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
            if (clientId != null && !clientId.equals(contract.clientId())) {
                throw new dev.citadel.value.Refused("clientId: '" + clientId + "' is not the API server's client '"
                        + contract.clientId() + "': the API server accepts only ID tokens whose aud is its --oidc-client-id (one "
                        + "audience), so every Headlamp request would be 401 Unauthorized; leave clientId unset to use '"
                        + contract.clientId() + "'",
                        "clientId: '" + clientId + "' is not the API server's client '" + contract.clientId() + "': the API "
                        + "server accepts only ID tokens whose aud is its client id, so every Headlamp request would be 401 "
                        + "Unauthorized; remove clientId (Headlamp then uses '" + contract.clientId() + "')");
            }
            var callback = base + CALLBACK_PATH;
            if (!contract.redirectUris().contains(callback)) {
                throw new dev.citadel.value.Refused("url: Headlamp's callback " + callback + " is not a redirect URI of client '"
                        + contract.clientId() + "' (it has " + contract.redirectUris() + "), so Keycloak refuses the login; "
                        + "add it: OidcClient.kubernetesCli().withRedirectUris(..., \"" + callback + "\")",
                        "url: Headlamp's callback " + callback + " is not a redirect URI of client '" + contract.clientId()
                        + "' (it has " + contract.redirectUris() + "), so Keycloak refuses the login; add it to that "
                        + "client's redirectUris");
            }
            return new HeadlampArgs(contract, base, namespace, chartVersion);
        }

        private static String checkedUrl(String url) {
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
