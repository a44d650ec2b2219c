package dev.citadel.verify;

import dev.citadel.identity.OidcContract;

import java.net.URI;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;

/**
 * What kubelogin sends to the IdP for the stack's CLI client: its redirect, its scopes, an authorization request
 * with PKCE S256, state and nonce. The client probes and the login send the same request, so a client that passes
 * its probe is one kubelogin can log in through.
 */
final class Kubelogin {
    /** kubelogin's default redirect: it listens on localhost:8000. */
    static final String REDIRECT = "http://localhost:8000";

    private final OidcContract contract;
    private final SecureRandom random = new SecureRandom();

    Kubelogin(OidcContract contract) {
        this.contract = contract;
    }

    /** The redirect kubelogin uses for the CLI client: {@code http://localhost:8000} when a pattern covers it. */
    String redirect() {
        var concrete = contract.redirectUris().stream().map(Kubelogin::concreteRedirect).toList();
        return concrete.contains(REDIRECT) || concrete.isEmpty() ? REDIRECT : concrete.get(0);
    }

    /** A URI a redirect pattern covers: {@code http://localhost:8000/*} gives {@code http://localhost:8000}. */
    static String concreteRedirect(String pattern) {
        var p = pattern.endsWith("*") ? pattern.substring(0, pattern.length() - 1) : pattern;
        return p.endsWith("/") && p.indexOf('/', p.indexOf("//") + 2) == p.length() - 1 ? p.substring(0, p.length() - 1) : p;
    }

    /**
     * Whether the IdP sent the browser to kubelogin's listener: scheme, host and port exactly, and the
     * redirect's path. A prefix match took {@code http://localhost:8000.evil.example/} for kubelogin's.
     */
    static boolean isRedirect(URI next, String redirect) {
        var expected = URI.create(redirect);
        if (next.getScheme() == null || next.getHost() == null || !next.getScheme().equalsIgnoreCase(expected.getScheme())
                || !next.getHost().equalsIgnoreCase(expected.getHost()) || port(next) != port(expected) || next.getRawUserInfo() != null) {
            return false;
        }
        var path = expected.getRawPath() == null || expected.getRawPath().isEmpty() ? "/" : expected.getRawPath();
        var actual = next.getRawPath() == null || next.getRawPath().isEmpty() ? "/" : next.getRawPath();
        return actual.equals(path);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** What kubelogin asks for: openid and the contract's scopes. */
    String scope() {
        var scopes = new LinkedHashSet<String>();
        scopes.add("openid");
        scopes.addAll(contract.scopes());
        return String.join(" ", scopes);
    }

    Pkce pkce() {
        return Pkce.generate(random);
    }

    /** A fresh state or nonce: 128 random bits. */
    String secret() {
        var bytes = new byte[16];
        random.nextBytes(bytes);
        return Pkce.base64Url(bytes);
    }

    URI authorizationRequest(String endpoint, String clientId, Pkce pkce, String state, String nonce) {
        var params = new LinkedHashMap<String, String>();
        params.put("response_type", "code");
        params.put("client_id", clientId);
        params.put("redirect_uri", redirect());
        params.put("scope", scope());
        params.put("state", state);
        params.put("nonce", nonce);
        params.put("code_challenge", pkce.challenge());
        params.put("code_challenge_method", Pkce.METHOD);
        // The probes read Keycloak's messages ("Client not found"); ask for them in English whatever the realm's default.
        params.put("ui_locales", "en");
        return URI.create(endpoint + "?" + IdpHttp.form(params));
    }
}
