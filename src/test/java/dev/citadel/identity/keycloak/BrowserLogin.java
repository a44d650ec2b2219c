package dev.citadel.identity.keycloak;

import dev.citadel.verify.LoginPage;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user logging in through a public realm client as a browser app does (Headlamp, an SPA): authorization code + PKCE
 * S256, the login form posted, the code read from the redirect to the app (never followed), exchanged at the token
 * endpoint. Test plumbing for the real-Keycloak ITs.
 */
final class BrowserLogin {
    private BrowserLogin() {
    }

    static HttpClient browser(KeycloakServer keycloak) {
        return HttpClient.newBuilder().sslContext(keycloak.sslContext()).cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** The token endpoint's answer (id_token, access_token, ...) for {@code user} through {@code clientId}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> tokens(KeycloakServer keycloak, String realm, String clientId, String redirect, String scope,
                                      String user, String password) throws Exception {
        var verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(new SecureRandom().generateSeed(32));
        var challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        var http = browser(keycloak);
        var q = new LinkedHashMap<String, String>();
        q.put("client_id", clientId);
        q.put("redirect_uri", redirect);
        q.put("response_type", "code");
        q.put("scope", scope);
        q.put("state", "s-" + realm);
        q.put("code_challenge", challenge);
        q.put("code_challenge_method", "S256");
        var auth = URI.create(keycloak.issuer(realm) + "/protocol/openid-connect/auth?" + form(q));
        var page = http.send(HttpRequest.newBuilder(auth).GET().build(), HttpResponse.BodyHandlers.ofString());
        var login = LoginPage.parse(page.body());
        assertThat(login.hasLoginForm()).as(page.body()).isTrue();
        var fields = new LinkedHashMap<>(login.hiddenFields());
        fields.put("username", user);
        fields.put("password", password);
        var posted = http.send(HttpRequest.newBuilder(page.uri().resolve(login.action().orElseThrow()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build(), HttpResponse.BodyHandlers.ofString());
        var location = URI.create(posted.headers().firstValue("location").orElseThrow(() -> new AssertionError(
                "no redirect after the password: HTTP " + posted.statusCode())));
        assertThat(location.toString()).startsWith(redirect);
        var code = location.getRawQuery().replaceAll(".*(?:^|&)code=([^&]*).*", "$1");
        var token = new LinkedHashMap<String, String>();
        token.put("grant_type", "authorization_code");
        token.put("client_id", clientId);
        token.put("code", URLDecoder.decode(code, StandardCharsets.UTF_8));
        token.put("redirect_uri", redirect);
        token.put("code_verifier", verifier);
        var response = http.send(HttpRequest.newBuilder(URI.create(keycloak.issuer(realm) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form(token))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new com.google.gson.Gson().fromJson(response.body(), Map.class);
    }
}
