package dev.citadel.verify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsServer;
import dev.citadel.identity.OidcContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What verify does when an IdP misbehaves, against a small HTTPS server that answers as told: the password never
 * leaves for another origin, plain-http endpoints and malformed documents are FAIL lines, never a crash.
 */
class OidcVerifierAgainstAFakeIdpTest {
    static final String PASSWORD = "fake-idp-password-3c1e";
    static HttpsServer server;
    static SSLContext trust;
    static String base;
    /** Path to answer; what the fake IdP says. */
    static volatile Function<HttpExchange, String> discovery;
    static volatile String authorizationPage;
    static volatile String certs = "{\"keys\":[]}";
    /** The ID token the token endpoint hands out, given the nonce of the last authorization request. */
    static volatile Function<String, String> idToken = nonce -> "";
    static volatile Map<String, String> lastAuthorization = Map.of();
    static final ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();
    /** How the IdP answers the password post (the posted form, the state): null for Keycloak's redirect with a code. */
    static volatile java.util.function.BiFunction<String, String, String[]> afterPassword = null;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        var https = LocalHttps.start(dir, exchange -> {
            var body = exchange.getRequestMethod().equals("POST")
                    ? new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) : "";
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + body);
            var path = exchange.getRequestURI().getPath();
            if (path.endsWith("/auth")) {
                lastAuthorization = IdpHttp.query(exchange.getRequestURI().toString());
            }
            var status = 200;
            if (path.endsWith("/authenticate") && afterPassword != null) {
                var answer = afterPassword.apply(body, lastAuthorization.getOrDefault("state", ""));
                if (answer[0].equals("302")) {
                    exchange.getResponseHeaders().add("Location", answer[1]);
                    exchange.sendResponseHeaders(302, -1);
                } else {
                    var bytes = answer[1].getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "text/html");
                    exchange.sendResponseHeaders(200, bytes.length);
                    exchange.getResponseBody().write(bytes);
                }
                exchange.close();
                return;
            }
            if (path.endsWith("/authenticate")) {
                // The password was accepted: back to kubelogin's listener with a code, as Keycloak answers.
                status = 302;
                exchange.getResponseHeaders().add("Location", "http://localhost:8000/?code=c0de-1&state="
                        + lastAuthorization.getOrDefault("state", ""));
            }
            var answer = path.endsWith("/.well-known/openid-configuration") ? discovery.apply(exchange)
                    : path.endsWith("/auth") ? authorizationPage : path.endsWith("/certs") ? certs
                    : path.endsWith("/token") ? "{\"id_token\":\"" + idToken.apply(lastAuthorization.get("nonce")) + "\"}" : "";
            var bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", path.endsWith("/auth") ? "text/html" : "application/json");
            exchange.sendResponseHeaders(status, status == 302 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server = https.server();
        base = https.base();
        trust = https.trust();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static OidcContract contract(List<String> clientIds) {
        return new OidcContract(base + "/realms/r", "r", "kubernetes", List.of("http://localhost:8000/*"),
                List.of("profile", "email", "groups"), "email", "oidc:", "groups", "oidc:", List.of("RS256"),
                Map.of("oidc:admin", "cluster-admin"), clientIds);
    }

    private static String discoveryDocument(String authorization, String token, String jwks) {
        return "{\"issuer\":\"" + base + "/realms/r\",\"authorization_endpoint\":\"" + authorization + "\",\"token_endpoint\":\""
                + token + "\",\"jwks_uri\":\"" + jwks + "\",\"id_token_signing_alg_values_supported\":[\"RS256\", 7, {}]}";
    }

    private static List<String> verify(List<String> clientIds) {
        return verify(clientIds, Clock.systemUTC());
    }

    @org.junit.jupiter.api.BeforeEach
    void keycloakLike() {
        afterPassword = null;
    }

    private static List<String> verify(List<String> clientIds, Clock clock) {
        requests.clear();
        var lines = new ArrayList<String>();
        new OidcVerifier(contract(clientIds), OidcVerifier.Options.login("ada", PASSWORD, List.of(), trust), clock)
                .run(r -> lines.add(r.line()));
        return lines;
    }

    private static String loginForm(String action) {
        return "<html><body><form id=\"kc-form-login\" action=\"" + action + "\" method=\"post\">"
                + "<input name=\"username\"><input name=\"password\" type=\"password\"></form></body></html>";
    }

    @Test
    void aLoginFormPostingToAnotherOriginNeverGetsThePassword() {
        discovery = x -> discoveryDocument(base + "/realms/r/auth", base + "/realms/r/token", base + "/realms/r/certs");
        var elsewhere = "https://127.0.0.1:" + server.getAddress().getPort() + "/steal";
        authorizationPage = loginForm(elsewhere);

        var lines = verify(List.of("kubernetes"));

        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("FAIL login:").contains("posts to https://127.0.0.1:",
                "refusing to send the password there"));
        assertThat(requests).noneMatch(r -> r.contains(PASSWORD)).noneMatch(r -> r.contains("/steal"));
        assertThat(String.join("\n", lines)).doesNotContain(PASSWORD);
    }

    @Test
    void aPlainHttpEndpointInTheDiscoveryDocumentIsAFail() {
        discovery = x -> discoveryDocument(base + "/realms/r/auth", "http://localhost:1/token", base + "/realms/r/certs");
        authorizationPage = loginForm(base + "/realms/r/authenticate");

        var lines = verify(List.of("kubernetes"));

        assertThat(lines.get(0)).startsWith("FAIL discovery:").contains("token_endpoint", "http://localhost:1/token", "not an https URL");
        assertThat(requests).noneMatch(r -> r.startsWith("POST"));
    }

    @Test
    void aMalformedDiscoveryDocumentIsAFailNotACrash() {
        discovery = x -> "{\"issuer\":\"" + base + "/realms/r\"}";
        assertThat(verify(List.of("kubernetes")).get(0)).startsWith("FAIL discovery:").contains("authorization_endpoint");

        discovery = x -> "[1, 2]";
        assertThat(verify(List.of("kubernetes")).get(0)).startsWith("FAIL discovery:");
    }

    @Test
    void anAnswerThatShowsNeitherALoginFormNorAMissingClientDoesNotPassAClient() {
        discovery = x -> discoveryDocument(base + "/realms/r/auth", base + "/realms/r/token", base + "/realms/r/certs");
        authorizationPage = "<html><head><title>Maintenance</title></head><body>Back soon</body></html>";

        var lines = verify(List.of("kubernetes", "grafana"));

        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("FAIL client grafana:").contains("Maintenance"));
        assertThat(lines).noneMatch(l -> l.startsWith("PASS client"));
    }

    /**
     * A fake IdP that logs ada in and issues a token with these times (seconds from {@link Tokens#NOW}); the
     * verifier's clock stands at {@link Tokens#NOW}. The lines of the run.
     */
    private static List<String> loginWithTokenTimes(long iat, long exp, Long nbf) {
        discovery = x -> discoveryDocument(base + "/realms/r/auth", base + "/realms/r/token", base + "/realms/r/certs");
        authorizationPage = loginForm(base + "/realms/r/login-actions/authenticate?session_code=s1");
        certs = Tokens.jwks();
        idToken = nonce -> {
            var claims = Tokens.claims();
            claims.addProperty("iss", base + "/realms/r");
            claims.addProperty("nonce", nonce);
            claims.addProperty("iat", Tokens.NOW.getEpochSecond() + iat);
            claims.addProperty("exp", Tokens.NOW.getEpochSecond() + exp);
            if (nbf != null) {
                claims.addProperty("nbf", Tokens.NOW.getEpochSecond() + nbf);
            }
            return Tokens.sign(claims);
        };
        var lines = verify(List.of("kubernetes"), Clock.fixed(Tokens.NOW, ZoneOffset.UTC));
        assertThat(lines).as(String.join("\n", lines)).contains("PASS id-token-signature: RS256, signature valid against JWKS key 'key-1'")
                .anySatisfy(l -> assertThat(l).startsWith("PASS login: ada logged in"));
        assertThat(String.join("\n", lines)).doesNotContain(PASSWORD).doesNotContain("eyJ").doesNotContain("c0de-1");
        return lines;
    }

    private static String times(List<String> lines) {
        return lines.stream().filter(l -> l.contains(" " + TokenTimes.CHECK + ": ")).findFirst()
                .orElseThrow(() -> new AssertionError("no token-times line in " + lines));
    }

    @Test
    void aTokenWhoseExpIsPastIsAFailNamingTheIdpsClock() {
        var lines = loginWithTokenTimes(-2 * 3600, -2 * 3600 + 300, null);

        assertThat(times(lines)).startsWith("FAIL token-times: exp ").contains("2h 00m", "IdP's clock is behind this machine's",
                "the API server rejects it as expired", "allowed skew 60 s");
    }

    @Test
    void aTokenNotValidYetIsAFailNamingTheIdpsClock() {
        assertThat(times(loginWithTokenTimes(0, 600, 300L))).startsWith("FAIL token-times: nbf ")
                .contains("5m 00s in the future", "IdP's clock is ahead of this machine's", "allowed skew 60 s");
    }

    @Test
    void aTokenIssuedInTheFutureIsAFailNamingTheIdpsClock() {
        assertThat(times(loginWithTokenTimes(3600, 3900, null))).startsWith("FAIL token-times: iat ")
                .contains("1h 00m in the future", "IdP's clock is ahead of this machine's by about 1h 00m", "allowed skew 60 s");
    }

    @Test
    void tokenTimesWithinTheSkewPass() {
        var lines = loginWithTokenTimes(45, 345, 45L);

        assertThat(times(lines)).isEqualTo("PASS token-times: exp in 5m 45s, iat in 45 s (IdP and local clocks within the allowed skew 60 s)");
        assertThat(lines).noneMatch(l -> l.startsWith("FAIL"));
    }

    @Test
    void anAuthorizationEndpointOnAnotherOriginThanTheIssuerNeverGetsThePassword() {
        // The form posts back to the endpoint's own origin: the old check compared with the endpoint, not the issuer.
        var elsewhere = "https://127.0.0.1:" + server.getAddress().getPort();
        discovery = x -> discoveryDocument(elsewhere + "/realms/r/auth", base + "/realms/r/token", base + "/realms/r/certs");
        authorizationPage = loginForm(elsewhere + "/realms/r/authenticate");

        var lines = verify(List.of("kubernetes"));

        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("FAIL login:").contains("another origin than the issuer", base));
        assertThat(requests).as("the IdP's request log").noneMatch(r -> r.contains(PASSWORD)).noneMatch(r -> r.startsWith("POST"));
    }

    @Test
    void aRedirectToAHostThatOnlyStartsLikeKubeloginsListenerIsNotTakenForIt() {
        discovery = x -> discoveryDocument(base + "/realms/r/auth", base + "/realms/r/token", base + "/realms/r/certs");
        authorizationPage = loginForm(base + "/realms/r/login-actions/authenticate");
        afterPassword = (form, state) -> new String[]{"302", "http://localhost:8000.evil.example/?code=c0de-1&state=" + state};

        var lines = verify(List.of("kubernetes"));

        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("FAIL login:").contains("redirected to http://localhost:8000.evil.example"));
        assertThat(requests).noneMatch(r -> r.contains("/token"));
    }

    @Test
    void anIdpPageThatEchoesThePasswordIsPrintedScrubbed() {
        discovery = x -> discoveryDocument(base + "/realms/r/auth", base + "/realms/r/token", base + "/realms/r/certs");
        authorizationPage = loginForm(base + "/realms/r/login-actions/authenticate");
        afterPassword = (form, state) -> new String[]{"200", "<html><body><span class=\"kc-feedback-text\">Invalid password "
                + IdpHttp.query("?" + form).get("password") + " for ada</span>" + loginForm(base + "/realms/r/login-actions/authenticate")
                .replace("<html><body>", "")};

        var lines = verify(List.of("kubernetes"));

        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("FAIL login:").contains("Invalid password [redacted] for ada"));
        assertThat(String.join("\n", lines)).doesNotContain(PASSWORD);
    }

    @Test
    void controlCharactersFromTheIdpAreEscapedSoTheyCannotRedrawALine() {
        discovery = x -> discoveryDocument(base + "/realms/r/auth", base + "/realms/r/token", base + "/realms/r/certs");
        authorizationPage = loginForm(base + "/realms/r/login-actions/authenticate");
        afterPassword = (form, state) -> new String[]{"302", "http://localhost:8000/?error=access_denied&error_description="
                + "%1B%5B2K%0DPASS+login%3A+fine&state=" + state};

        var lines = verify(List.of("kubernetes"));

        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("FAIL login:").contains("\\u001b[2K"));
        assertThat(lines).allSatisfy(l -> assertThat(l).doesNotContain("\u001b", "\r"));
    }

    @Test
    void aTrickledBodyEndsAtTheDeadlineAndAHugeOneAtTheCap() {
        server.createContext("/trickle", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (var out = exchange.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write(' ');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (InterruptedException | IOException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.createContext("/huge", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (var out = exchange.getResponseBody()) {
                var block = new byte[64 * 1024];
                for (int i = 0; i < 1024; i++) {
                    out.write(block);
                }
            } catch (IOException ignored) {
                // verify hung up at the cap, as it should
            }
        });
        var http = new IdpHttp(trust, java.time.Duration.ofSeconds(2));

        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> http.get(java.net.URI.create(base + "/trickle")))
                    .isInstanceOf(java.net.http.HttpTimeoutException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> http.get(java.net.URI.create(base + "/huge")))
                    .isInstanceOf(IOException.class).hasMessageContaining("larger than " + IdpHttp.MAX_BODY_BYTES);
        });
    }
}
