package dev.citadel.verify;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.citadel.identity.OidcContract;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static dev.citadel.verify.CheckResult.fail;
import static dev.citadel.verify.CheckResult.pass;
import static dev.citadel.verify.Discovery.string;
import static dev.citadel.verify.OidcVerifier.LOGIN;

/**
 * A login exactly as kubelogin performs it: authorization code + PKCE S256 through the CLI client, the HTML
 * login form driven with the session's own cookie jar, the code taken from the redirect without following it,
 * exchanged as a public client. The password goes only to the IdP's origin; nothing recorded holds the password,
 * the code, the PKCE verifier or a token.
 */
final class Login {
    private static final int MAX_HOPS = 5;

    private final OidcContract contract;
    private final IdpHttp http;
    private final Kubelogin kubelogin;

    Login(OidcContract contract, IdpHttp http, Kubelogin kubelogin) {
        this.contract = contract;
        this.http = http;
        this.kubelogin = kubelogin;
    }

    /**
     * What the token endpoint answered: the ID token (kubelogin's, the API server's) and the access token when it is a
     * JWT (what an API behind Envoy's JWT policy gets as its bearer token).
     */
    record Tokens(IdToken idToken, Optional<IdToken> accessToken) {
    }

    /** The ID token, or empty after recording the FAIL. */
    Optional<IdToken> idToken(Discovery.Endpoints endpoints, String user, String password, Consumer<CheckResult> record) {
        return tokens(endpoints, user, password, record).map(Tokens::idToken);
    }

    /** The tokens, or empty after recording the FAIL. */
    Optional<Tokens> tokens(Discovery.Endpoints endpoints, String user, String password, Consumer<CheckResult> record) {
        var redirect = kubelogin.redirect();
        var pkce = kubelogin.pkce();
        var state = kubelogin.secret();
        var nonce = kubelogin.secret();
        var browser = http.session();
        try {
            var uri = kubelogin.authorizationRequest(endpoints.authorization(), contract.clientId(), pkce, state, nonce);
            // The password goes to the issuer's own origin only: discovery is the IdP's word, and a discovery
            // document naming another origin's authorization endpoint used to get the password posted there.
            var issuer = URI.create(endpoints.issuer());
            if (!IdpHttp.sameOrigin(uri, issuer) || !IdpHttp.sameOrigin(URI.create(endpoints.token()), issuer)) {
                record.accept(fail(LOGIN, "discovery names an authorization or token endpoint on another origin than the issuer ("
                        + origin(issuer) + "): refusing to send the password or the code there"));
                return Optional.empty();
            }
            var response = browser.get(uri);
            var page = LoginPage.parse(response.body());
            if (response.statusCode() != 200 || !page.hasLoginForm()) {
                record.accept(fail(LOGIN, "the IdP showed no login form (HTTP " + response.statusCode() + ", '"
                        + said(page.message().orElse(page.title()), password) + "')"));
                return Optional.empty();
            }
            var fields = new LinkedHashMap<>(page.hiddenFields());
            fields.put("username", user);
            fields.put("password", password);
            var action = uri.resolve(page.action().orElseThrow());
            if (!IdpHttp.sameOrigin(action, issuer)) {
                record.accept(fail(LOGIN, "the login form posts to " + action.getScheme() + "://" + action.getAuthority()
                        + ", not to the IdP (" + uri.getScheme() + "://" + uri.getAuthority() + "): refusing to send the password there"));
                return Optional.empty();
            }
            response = browser.postForm(action, fields);
            for (var hops = 0; ; hops++) {
                var location = response.headers().firstValue("location");
                if (response.statusCode() / 100 == 3 && location.isPresent()) {
                    var next = response.uri().resolve(location.get());
                    if (Kubelogin.isRedirect(next, redirect)) {
                        return exchange(endpoints, IdpHttp.query(next.getRawQuery() == null ? "" : "?" + next.getRawQuery()),
                                state, nonce, pkce, user, password, record);
                    }
                    if (!IdpHttp.sameOrigin(next, issuer)) {
                        record.accept(fail(LOGIN, "after the password the IdP redirected to " + next.getScheme() + "://"
                                + next.getAuthority() + " instead of " + redirect + ": not following it with the login's cookies"));
                        return Optional.empty();
                    }
                    if (hops >= MAX_HOPS) {
                        record.accept(fail(LOGIN, "the IdP redirected more than " + MAX_HOPS + " times without returning to " + redirect));
                        return Optional.empty();
                    }
                    response = browser.get(next);
                    continue;
                }
                var after = LoginPage.parse(response.body());
                if (response.statusCode() == 200 && after.hasLoginForm() && (after.pageId().isEmpty() || after.pageId().equals(page.pageId()))) {
                    record.accept(fail(LOGIN, "the IdP rejected the login of " + user + " ('" + said(after.message().orElse("no message"), password)
                            + "'): check the user name and password (and that the user is enabled)"));
                } else {
                    record.accept(fail(LOGIN, "after the password the IdP showed '" + said(after.message().orElse(after.title()), password)
                            + "'" + (after.pageId().isEmpty() ? "" : " (page " + after.pageId() + ")") + " instead of returning to "
                            + redirect + ": the user has a pending action (update password or profile, verify email, OTP);"
                            + " clear it in the admin console or complete it once in a browser"));
                }
                return Optional.empty();
            }
        } catch (IOException e) {
            record.accept(fail(LOGIN, "the login broke off: " + IdpHttp.describe(e)));
            return Optional.empty();
        }
    }

    /**
     * Text the IdP wrote, as a FAIL line may quote it: scrubbed of what this login sent (an IdP page that
     * echoed the password, a token error that echoed the code and the PKCE verifier were printed verbatim),
     * and short. Control characters are escaped by {@link CheckResult} itself.
     */
    static String said(String text, String... sent) {
        if (text == null) {
            return "";
        }
        var shown = text;
        for (var secret : sent) {
            if (secret != null && !secret.isEmpty()) {
                shown = shown.replace(secret, "[redacted]")
                        .replace(java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8), "[redacted]");
            }
        }
        return shown.length() > 300 ? shown.substring(0, 300) + "…" : shown;
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    private Optional<Tokens> exchange(Discovery.Endpoints endpoints, Map<String, String> callback, String state, String nonce,
                                       Pkce pkce, String user, String password, Consumer<CheckResult> record) throws IOException {
        var code = callback.get("code");
        var redirect = kubelogin.redirect();
        if (callback.containsKey("error")) {
            record.accept(fail(LOGIN, "the IdP returned error '" + said(callback.get("error"), password, code, pkce.verifier()) + "'"
                    + Optional.ofNullable(callback.get("error_description")).map(d -> ": " + said(d, password, code, pkce.verifier())).orElse("")));
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
        var response = http.postFormForJson(URI.create(endpoints.token()), fields);
        JsonObject body;
        try {
            body = JsonParser.parseString(response.body()).getAsJsonObject();
        } catch (RuntimeException e) {
            body = new JsonObject();
        }
        if (response.statusCode() != 200 || !body.has("id_token")) {
            record.accept(fail(LOGIN, "the token endpoint answered HTTP " + response.statusCode()
                    + (body.has("error") ? " '" + said(string(body, "error"), password, code, pkce.verifier()) + "'" : "")
                    + (body.has("error_description") ? ": " + said(string(body, "error_description"), password, code, pkce.verifier()) : "")
                    + (response.statusCode() == 200 ? " without an id_token: the 'openid' scope must be granted" : "")));
            return Optional.empty();
        }
        IdToken token;
        try {
            token = IdToken.parse(string(body, "id_token"));
        } catch (IllegalArgumentException e) {
            record.accept(fail(LOGIN, "the ID token is " + e.getMessage()));
            return Optional.empty();
        }
        // kubelogin refuses an ID token whose nonce is not the one it sent (a replayed token); so does verify.
        if (!token.stringClaim("nonce").map(nonce::equals).orElse(false)) {
            record.accept(fail(LOGIN, "the ID token's nonce is not the one this login sent: kubelogin would refuse the token"));
            return Optional.empty();
        }
        record.accept(pass(LOGIN, user + " logged in through '" + contract.clientId() + "' (authorization code + PKCE S256,"
                + " redirect " + redirect + ", scopes " + kubelogin.scope() + ")"));
        Optional<IdToken> access;
        try {
            access = body.has("access_token") ? Optional.of(IdToken.parse(string(body, "access_token"))) : Optional.empty();
        } catch (IllegalArgumentException e) {
            // An opaque access token is legal OAuth; only a check that needs a JWT (the gateway's) says so.
            access = Optional.empty();
        }
        return Optional.of(new Tokens(token, access));
    }
}
