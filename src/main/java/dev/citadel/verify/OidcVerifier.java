package dev.citadel.verify;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.citadel.identity.OidcContract;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static dev.citadel.verify.CheckResult.fail;
import static dev.citadel.verify.CheckResult.pass;
import static dev.citadel.verify.CheckResult.skip;

/**
 * The post-deploy smoke checks of {@code citadel verify}: a live IdP against the stack's {@link OidcContract}.
 * Discovery, JWKS and signing algorithms, the clients (through the authorization endpoint, no admin
 * credentials), and, with a test user, a login exactly as kubelogin performs it (authorization code + PKCE
 * S256 through the CLI client, the HTML login form driven with a cookie jar, the code taken from the
 * redirect without following it, exchanged as a public client) and the resulting ID token judged by
 * {@link ClaimChecks}. Nothing it reports holds the password, the code or a token.
 */
public final class OidcVerifier {
    public static final String DISCOVERY = "discovery";
    public static final String JWKS = "jwks";
    public static final String SIGNING_ALGS = "signing-algs";
    public static final String CLIENT = "client ";
    public static final String LOGIN = "login";
    public static final String UNEXPECTED = "idp-answer";

    /** kubelogin's default redirect: it listens on localhost:8000. */
    static final String KUBELOGIN_REDIRECT = "http://localhost:8000";

    /**
     * @param user         the test user (user name or email), or empty to skip the login checks
     * @param password     the test user's password (required with a user)
     * @param expectGroups plain group names the user must have
     * @param sslContext   the TLS trust for the IdP
     * @param timeout      per request
     */
    public record Options(Optional<String> user, String password, List<String> expectGroups, SSLContext sslContext,
                          Duration timeout) {
        public Options {
            expectGroups = List.copyOf(expectGroups);
            if (user.isPresent() && (password == null || password.isEmpty())) {
                throw new IllegalArgumentException("a login as " + user.get() + " needs a password");
            }
        }

        public static Options withoutLogin(SSLContext sslContext) {
            return new Options(Optional.empty(), null, List.of(), sslContext, Duration.ofSeconds(15));
        }

        public static Options login(String user, String password, List<String> expectGroups, SSLContext sslContext) {
            return new Options(Optional.of(user), password, expectGroups, sslContext, Duration.ofSeconds(15));
        }

        /** Never the password. */
        @Override
        public String toString() {
            return "Options[user=" + user.orElse("") + ", expectGroups=" + expectGroups + ", timeout=" + timeout + "]";
        }
    }

    private final OidcContract contract;
    private final Options options;
    private final HttpClient http;
    private final SecureRandom random = new SecureRandom();

    public OidcVerifier(OidcContract contract, Options options) {
        this.contract = contract;
        this.options = options;
        this.http = client().build();
    }

    /** Redirects are never followed: the code is taken from the redirect to kubelogin's listener, which is not fetched. */
    private HttpClient.Builder client() {
        return HttpClient.newBuilder()
                .sslContext(options.sslContext())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(options.timeout())
                .version(HttpClient.Version.HTTP_1_1);
    }

    /** Runs every check, handing each verdict to {@code sink} as soon as it is known. */
    public Report run(Consumer<CheckResult> sink) {
        var results = new ArrayList<CheckResult>();
        Consumer<CheckResult> record = r -> {
            results.add(r);
            sink.accept(r);
        };
        try {
            checks(record);
        } catch (RuntimeException e) {
            // A malformed answer (a missing field, an odd type) is the IdP's fault, reported as a verdict, not a crash.
            record.accept(fail(UNEXPECTED, "the IdP answered something verify cannot read" + printable(e.getMessage())
                    + "; the checks after it did not run"));
        }
        return new Report(results);
    }

    /** An error's detail, unless it could carry the password, a token or an authorization code. */
    private String printable(String message) {
        if (message == null || message.isBlank()) {
            return "";
        }
        var password = options.password();
        var credential = (password != null && !password.isEmpty() && message.contains(password))
                || message.contains("eyJ") || message.contains("code=");
        return credential ? " (details withheld: they may contain credentials)" : " (" + message + ")";
    }

    private void checks(Consumer<CheckResult> record) {
        var discovery = discovery(record);
        if (discovery.isEmpty()) {
            for (var check : List.of(JWKS, SIGNING_ALGS)) {
                record.accept(skip(check, "no discovery document (see " + DISCOVERY + ")"));
            }
            for (var id : clients()) {
                record.accept(skip(CLIENT + id, "no discovery document (see " + DISCOVERY + ")"));
            }
            record.accept(skip(LOGIN, "no discovery document (see " + DISCOVERY + ")"));
            return;
        }
        var endpoints = discovery.get();
        var jwks = jwks(endpoints, record);
        signingAlgs(endpoints, record);
        var cliClientOk = true;
        for (var id : clients()) {
            var ok = client(endpoints, id, record);
            if (id.equals(contract.clientId())) {
                cliClientOk = ok;
            }
        }
        if (options.user().isEmpty()) {
            record.accept(skip(LOGIN, "no --user given; pass a test user (and its password) to check a real login and its ID token"));
        } else if (!cliClientOk) {
            record.accept(skip(LOGIN, "the CLI client '" + contract.clientId() + "' cannot start a login (see " + CLIENT + contract.clientId() + ")"));
        } else {
            var token = login(endpoints, record);
            if (token.isPresent()) {
                if (jwks.isEmpty()) {
                    record.accept(skip(ClaimChecks.SIGNATURE, "no JWKS (see " + JWKS + ")"));
                    ClaimChecks.all(token.get(), new Jwks(List.of()), contract, options.expectGroups()).stream()
                            .skip(1).forEach(record);
                } else {
                    ClaimChecks.all(token.get(), jwks.get(), contract, options.expectGroups()).forEach(record);
                }
            }
        }
    }

    private List<String> clients() {
        var ids = new LinkedHashSet<String>();
        ids.add(contract.clientId());
        ids.addAll(contract.clientIds());
        return List.copyOf(ids);
    }

    /** The discovery document's endpoints. */
    record Endpoints(String issuer, String authorization, String token, String jwks, JsonObject document) {
    }

    private Optional<Endpoints> discovery(Consumer<CheckResult> record) {
        var url = contract.discoveryUrl();
        HttpResponse<String> response;
        try {
            response = get(URI.create(url));
        } catch (IOException e) {
            record.accept(fail(DISCOVERY, "cannot reach " + url + ": " + describe(e)));
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            record.accept(fail(DISCOVERY, "the issuer '" + contract.issuerUrl() + "' is not a URL: fix the stack's issuer"));
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            record.accept(fail(DISCOVERY, "GET " + url + " answered HTTP " + response.statusCode()
                    + ": the issuer is wrong (realm name? path?) or the IdP is not serving that realm"));
            return Optional.empty();
        }
        JsonObject doc;
        try {
            doc = JsonParser.parseString(response.body()).getAsJsonObject();
        } catch (RuntimeException e) {
            record.accept(fail(DISCOVERY, url + " is not a JSON discovery document: the issuer points at something else"));
            return Optional.empty();
        }
        var issuer = string(doc, "issuer");
        if (!issuer.equals(contract.issuerUrl())) {
            record.accept(fail(DISCOVERY, "the IdP names itself '" + issuer + "', the contract (the API server's issuer URL) says '"
                    + contract.issuerUrl() + "'; they must be equal character for character: set the IdP's public hostname"
                    + " (Keycloak: hostname) or the stack's issuer"));
            return Optional.empty();
        }
        for (var endpoint : List.of("authorization_endpoint", "token_endpoint", "jwks_uri")) {
            var value = string(doc, endpoint);
            if (!httpsUrl(value)) {
                record.accept(fail(DISCOVERY, "the discovery document's " + endpoint + " is '" + value + "', not an https URL: "
                        + "kubelogin and the API server would send codes, tokens or passwords there; fix the IdP's hostname settings"));
                return Optional.empty();
            }
        }
        record.accept(pass(DISCOVERY, "issuer " + issuer));
        return Optional.of(new Endpoints(issuer, string(doc, "authorization_endpoint"), string(doc, "token_endpoint"),
                string(doc, "jwks_uri"), doc));
    }

    private static boolean httpsUrl(String value) {
        try {
            var uri = URI.create(value);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Same scheme, host and port: where the password and the login cookies may go. */
    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort();
    }

    private Optional<Jwks> jwks(Endpoints endpoints, Consumer<CheckResult> record) {
        if (endpoints.jwks().isEmpty()) {
            record.accept(fail(JWKS, "the discovery document has no jwks_uri: the API server cannot verify tokens"));
            return Optional.empty();
        }
        try {
            var response = get(URI.create(endpoints.jwks()));
            if (response.statusCode() != 200) {
                record.accept(fail(JWKS, "GET " + endpoints.jwks() + " answered HTTP " + response.statusCode()));
                return Optional.empty();
            }
            var jwks = Jwks.parse(response.body());
            var keys = jwks.signingKeys();
            if (keys.isEmpty()) {
                record.accept(fail(JWKS, endpoints.jwks() + " holds no RS256 RSA signing key: the API server cannot verify"
                        + " RS256 tokens; add an active RSA key provider (rsa-generated) to the realm"));
                return Optional.empty();
            }
            record.accept(pass(JWKS, keys.size() + " RS256 key(s): " + keys.stream().map(Jwks.Key::kid).collect(Collectors.joining(", "))));
            return Optional.of(jwks);
        } catch (IOException e) {
            record.accept(fail(JWKS, "cannot reach " + endpoints.jwks() + ": " + describe(e)));
        } catch (IllegalArgumentException e) {
            record.accept(fail(JWKS, endpoints.jwks() + ": " + e.getMessage()));
        }
        return Optional.empty();
    }

    private void signingAlgs(Endpoints endpoints, Consumer<CheckResult> record) {
        var supported = new ArrayList<String>();
        var algs = endpoints.document().get("id_token_signing_alg_values_supported");
        if (algs != null && algs.isJsonArray()) {
            algs.getAsJsonArray().forEach(a -> {
                if (a.isJsonPrimitive()) {
                    supported.add(a.getAsString());
                }
            });
        }
        var missing = contract.signingAlgs().stream().filter(a -> !supported.contains(a)).toList();
        if (!missing.isEmpty()) {
            record.accept(fail(SIGNING_ALGS, "the IdP does not offer " + missing + " for ID tokens (it offers " + supported
                    + "); the API server accepts only " + contract.signingAlgs() + ": align the stack's signing algorithms with the IdP"));
        } else {
            record.accept(pass(SIGNING_ALGS, "ID token algorithms " + contract.signingAlgs() + " offered"));
        }
    }

    /** The redirect kubelogin uses for the CLI client: {@code http://localhost:8000} when a pattern covers it. */
    String cliRedirect() {
        var concrete = contract.redirectUris().stream().map(OidcVerifier::concreteRedirect).toList();
        return concrete.contains(KUBELOGIN_REDIRECT) || concrete.isEmpty() ? KUBELOGIN_REDIRECT : concrete.get(0);
    }

    /** A URI a redirect pattern covers: {@code http://localhost:8000/*} gives {@code http://localhost:8000}. */
    static String concreteRedirect(String pattern) {
        var p = pattern.endsWith("*") ? pattern.substring(0, pattern.length() - 1) : pattern;
        return p.endsWith("/") && p.indexOf('/', p.indexOf("//") + 2) == p.length() - 1 ? p.substring(0, p.length() - 1) : p;
    }

    /** What the authorization endpoint said to a client id and redirect URI. */
    enum Probe { LOGIN_FORM, REDIRECT_REJECTED, CLIENT_NOT_FOUND, OTHER }

    private boolean client(Endpoints endpoints, String id, Consumer<CheckResult> record) {
        var check = CLIENT + id;
        var cli = id.equals(contract.clientId());
        var redirect = cliRedirect();
        var pkce = Pkce.generate(random);
        var params = authorizationParams(id, redirect, pkce, token(), token());
        HttpResponse<String> response;
        try {
            response = get(URI.create(endpoints.authorization() + "?" + form(params)));
        } catch (IOException e) {
            record.accept(fail(check, "cannot reach " + endpoints.authorization() + ": " + describe(e)));
            return false;
        }
        var page = LoginPage.parse(response.body());
        var message = page.message().orElse(page.title());
        var probe = probe(response, page);
        switch (probe) {
            case CLIENT_NOT_FOUND -> {
                record.accept(fail(check, "the IdP says '" + message + "': create the client '" + id + "' in realm '"
                        + contract.realm() + "' (or fix the stack's client id)"));
                return false;
            }
            case REDIRECT_REJECTED -> {
                if (cli) {
                    record.accept(fail(check, "exists but rejects kubelogin's redirect " + redirect + " ('" + message
                            + "'): add " + (contract.redirectUris().isEmpty() ? redirect + "/*" : contract.redirectUris().get(0))
                            + " to the client's valid redirect URIs"));
                    return false;
                }
                record.accept(pass(check, "exists"));
                return true;
            }
            case LOGIN_FORM -> {
                record.accept(pass(check, cli ? "exists, accepts redirect " + redirect + " (login form shown)" : "exists"));
                return true;
            }
            default -> {
                var location = response.headers().firstValue("location").orElse("");
                var error = location.isEmpty() ? message : query(location).getOrDefault("error_description",
                        query(location).getOrDefault("error", location));
                if (cli) {
                    var fix = error.toLowerCase(java.util.Locale.ROOT).contains("scope")
                            ? "the realm or the client lacks a scope kubelogin asks for (" + scope()
                              + "): define those client scopes and give them to the client"
                            : "the client must be enabled, public, with the standard flow (authorization code) on";
                    record.accept(fail(check, "the authorization endpoint did not start a login (HTTP " + response.statusCode()
                            + (error.isBlank() ? "" : ", '" + error + "'") + "): " + fix));
                    return false;
                }
                record.accept(fail(check, "the authorization endpoint's answer (HTTP " + response.statusCode()
                        + (error.isBlank() ? "" : ", '" + error + "'") + ") tells neither a login form nor a missing client: "
                        + "check the client in the IdP's admin console"));
                return false;
            }
        }
    }

    static Probe probe(HttpResponse<String> response, LoginPage page) {
        if (response.statusCode() == 200 && page.hasLoginForm()) {
            return Probe.LOGIN_FORM;
        }
        var text = page.message().orElse("") + " " + page.title();
        if (text.contains("Client not found")) {
            return Probe.CLIENT_NOT_FOUND;
        }
        if (text.contains("redirect_uri")) {
            return Probe.REDIRECT_REJECTED;
        }
        return Probe.OTHER;
    }

    /** What kubelogin asks for: openid and the contract's scopes. */
    private String scope() {
        var scopes = new LinkedHashSet<String>();
        scopes.add("openid");
        scopes.addAll(contract.scopes());
        return String.join(" ", scopes);
    }

    private Map<String, String> authorizationParams(String clientId, String redirect, Pkce pkce, String state, String nonce) {
        var params = new LinkedHashMap<String, String>();
        params.put("response_type", "code");
        params.put("client_id", clientId);
        params.put("redirect_uri", redirect);
        params.put("scope", scope());
        params.put("state", state);
        params.put("nonce", nonce);
        params.put("code_challenge", pkce.challenge());
        params.put("code_challenge_method", Pkce.METHOD);
        // The probes read Keycloak's messages ("Client not found"); ask for them in English whatever the realm's default.
        params.put("ui_locales", "en");
        return params;
    }

    /** The kubelogin login; the ID token, or empty after recording the FAIL. */
    private Optional<Jwt> login(Endpoints endpoints, Consumer<CheckResult> record) {
        var user = options.user().orElseThrow();
        var redirect = cliRedirect();
        var pkce = Pkce.generate(random);
        var state = token();
        var nonce = token();
        // The login's own cookie jar (the JDK's, scoped by host and path), as a browser session would have.
        var browser = client().cookieHandler(new java.net.CookieManager()).build();
        try {
            var uri = URI.create(endpoints.authorization() + "?" + form(authorizationParams(contract.clientId(), redirect, pkce, state, nonce)));
            var response = send(browser, HttpRequest.newBuilder(uri).GET());
            var page = LoginPage.parse(response.body());
            if (response.statusCode() != 200 || !page.hasLoginForm()) {
                record.accept(fail(LOGIN, "the IdP showed no login form (HTTP " + response.statusCode() + ", '"
                        + page.message().orElse(page.title()) + "')"));
                return Optional.empty();
            }
            var fields = new LinkedHashMap<>(page.hiddenFields());
            fields.put("username", user);
            fields.put("password", options.password());
            var action = uri.resolve(page.action().orElseThrow());
            if (!sameOrigin(action, uri)) {
                record.accept(fail(LOGIN, "the login form posts to " + action.getScheme() + "://" + action.getAuthority()
                        + ", not to the IdP (" + uri.getScheme() + "://" + uri.getAuthority() + "): refusing to send the password there"));
                return Optional.empty();
            }
            response = send(browser, HttpRequest.newBuilder(action)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
            for (var hops = 0; ; hops++) {
                var location = response.headers().firstValue("location");
                if (response.statusCode() / 100 == 3 && location.isPresent()) {
                    var next = response.uri().resolve(location.get());
                    if (next.toString().startsWith(redirect)) {
                        return exchange(endpoints, query(next.getRawQuery() == null ? "" : "?" + next.getRawQuery()), state, nonce,
                                redirect, pkce, user, record);
                    }
                    if (!sameOrigin(next, uri)) {
                        record.accept(fail(LOGIN, "after the password the IdP redirected to " + next.getScheme() + "://"
                                + next.getAuthority() + " instead of " + redirect + ": not following it with the login's cookies"));
                        return Optional.empty();
                    }
                    if (hops >= 5) {
                        record.accept(fail(LOGIN, "the IdP redirected more than 5 times without returning to " + redirect));
                        return Optional.empty();
                    }
                    response = send(browser, HttpRequest.newBuilder(next).GET());
                    continue;
                }
                var after = LoginPage.parse(response.body());
                if (response.statusCode() == 200 && after.hasLoginForm() && (after.pageId().isEmpty() || after.pageId().equals(page.pageId()))) {
                    record.accept(fail(LOGIN, "the IdP rejected the login of " + user + " ('" + after.message().orElse("no message")
                            + "'): check the user name and password (and that the user is enabled)"));
                } else {
                    record.accept(fail(LOGIN, "after the password the IdP showed '" + after.message().orElse(after.title())
                            + "'" + (after.pageId().isEmpty() ? "" : " (page " + after.pageId() + ")") + " instead of returning to "
                            + redirect + ": the user has a pending action (update password or profile, verify email, OTP);"
                            + " clear it in the admin console or complete it once in a browser"));
                }
                return Optional.empty();
            }
        } catch (IOException e) {
            record.accept(fail(LOGIN, "the login broke off: " + describe(e)));
            return Optional.empty();
        }
    }

    /** kubelogin refuses an ID token whose nonce is not the one it sent (a replayed token); so does verify. */
    private static boolean nonceMatches(Jwt token, String nonce, Consumer<CheckResult> record) {
        if (!token.stringClaim("nonce").map(nonce::equals).orElse(false)) {
            record.accept(fail(LOGIN, "the ID token's nonce is not the one this login sent: kubelogin would refuse the token"));
            return false;
        }
        return true;
    }

    private Optional<Jwt> exchange(Endpoints endpoints, Map<String, String> callback, String state, String nonce, String redirect,
                                   Pkce pkce, String user, Consumer<CheckResult> record) throws IOException {
        if (callback.containsKey("error")) {
            record.accept(fail(LOGIN, "the IdP returned error '" + callback.get("error") + "'"
                    + Optional.ofNullable(callback.get("error_description")).map(d -> ": " + d).orElse("")));
            return Optional.empty();
        }
        if (!state.equals(callback.get("state")) || !callback.containsKey("code")) {
            record.accept(fail(LOGIN, "the redirect to " + redirect + " carried no code or a different state"));
            return Optional.empty();
        }
        var fields = new LinkedHashMap<String, String>();
        fields.put("grant_type", "authorization_code");
        fields.put("code", callback.get("code"));
        fields.put("redirect_uri", redirect);
        fields.put("client_id", contract.clientId());
        fields.put("code_verifier", pkce.verifier());
        var response = send(http, HttpRequest.newBuilder(URI.create(endpoints.token()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
        JsonObject body;
        try {
            body = JsonParser.parseString(response.body()).getAsJsonObject();
        } catch (RuntimeException e) {
            body = new JsonObject();
        }
        if (response.statusCode() != 200 || !body.has("id_token")) {
            record.accept(fail(LOGIN, "the token endpoint answered HTTP " + response.statusCode()
                    + (body.has("error") ? " '" + string(body, "error") + "'" : "")
                    + (body.has("error_description") ? ": " + string(body, "error_description") : "")
                    + (response.statusCode() == 200 ? " without an id_token: the 'openid' scope must be granted" : "")));
            return Optional.empty();
        }
        Jwt token;
        try {
            token = Jwt.parse(string(body, "id_token"));
        } catch (IllegalArgumentException e) {
            record.accept(fail(LOGIN, "the ID token is " + e.getMessage()));
            return Optional.empty();
        }
        if (!nonceMatches(token, nonce, record)) {
            return Optional.empty();
        }
        record.accept(pass(LOGIN, user + " logged in through '" + contract.clientId() + "' (authorization code + PKCE S256,"
                + " redirect " + redirect + ", scopes " + scope() + ")"));
        return Optional.of(token);
    }

    private HttpResponse<String> get(URI uri) throws IOException {
        return send(http, HttpRequest.newBuilder(uri).GET());
    }

    private HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws IOException {
        try {
            return client.send(request.timeout(options.timeout()).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Why a request failed, for a FAIL line: the cause a person can act on, never a stack trace. */
    static String describe(IOException e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t instanceof java.util.concurrent.ExecutionException)) {
            t = t.getCause();
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SSLException) {
                var root = c;
                while (root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                var why = String.valueOf(root.getMessage()).replaceAll("[\\w.$]+(Exception|Error): ", "");
                if (String.valueOf(c.getMessage()).contains("PKIX") || why.contains("certification path")) {
                    return "TLS: the IdP's certificate does not lead to a CA this JDK trusts; if it comes from a private"
                            + " CA (or is self-signed), pass that CA's PEM with --ca-file";
                }
                return "TLS failed (" + why + "); if the IdP's certificate comes from a private CA, pass it with --ca-file";
            }
            if (c instanceof UnknownHostException) {
                return "unknown host " + c.getMessage() + ": check the issuer's hostname and DNS";
            }
            if (c instanceof HttpConnectTimeoutException) {
                return "connection timed out: check the host, the port and any firewall";
            }
            if (c instanceof HttpTimeoutException) {
                return "no answer in time: the IdP is overloaded or not the service at that address";
            }
            if (c instanceof ConnectException) {
                return "connection refused: the IdP is not listening there (down, wrong port or host)";
            }
        }
        return (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
    }

    private String token() {
        var bytes = new byte[16];
        random.nextBytes(bytes);
        return Pkce.base64Url(bytes);
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(f -> URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** The query parameters of a URL (or of {@code ?a=b&c=d}), decoded. */
    static Map<String, String> query(String url) {
        var q = url.indexOf('?');
        var out = new LinkedHashMap<String, String>();
        if (q < 0) {
            return out;
        }
        var end = url.indexOf('#', q);
        for (var pair : url.substring(q + 1, end < 0 ? url.length() : end).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            var eq = pair.indexOf('=');
            var key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.putIfAbsent(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String string(JsonObject o, String name) {
        var v = o.get(name);
        return v != null && v.isJsonPrimitive() ? v.getAsString() : "";
    }
}
