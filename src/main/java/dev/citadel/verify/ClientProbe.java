package dev.citadel.verify;

import dev.citadel.identity.OidcContract;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.function.Consumer;

import static dev.citadel.verify.CheckResult.fail;
import static dev.citadel.verify.CheckResult.pass;
import static dev.citadel.verify.OidcVerifier.CLIENT;

/**
 * Whether a client exists and, for the CLI client, accepts kubelogin's request, judged from what the
 * authorization endpoint answers: no admin credentials needed, nothing logged in.
 */
final class ClientProbe {

    /** What the authorization endpoint said to a client id and redirect URI. */
    enum Probe { LOGIN_FORM, REDIRECT_REJECTED, CLIENT_NOT_FOUND, OTHER }

    private final OidcContract contract;
    private final IdpHttp http;
    private final Kubelogin kubelogin;

    ClientProbe(OidcContract contract, IdpHttp http, Kubelogin kubelogin) {
        this.contract = contract;
        this.http = http;
        this.kubelogin = kubelogin;
    }

    /** Probes client {@code id}; whether it can start a login. */
    boolean check(Discovery.Endpoints endpoints, String id, Consumer<CheckResult> record) {
        var check = CLIENT + id;
        var cli = id.equals(contract.clientId());
        var redirect = kubelogin.redirect();
        HttpResponse<String> response;
        try {
            response = http.get(kubelogin.authorizationRequest(endpoints.authorization(), id, kubelogin.pkce(),
                    kubelogin.secret(), kubelogin.secret()));
        } catch (IOException e) {
            record.accept(fail(check, "cannot reach " + endpoints.authorization() + ": " + IdpHttp.describe(e)));
            return false;
        }
        var page = LoginPage.parse(response.body());
        var message = page.message().orElse(page.title());
        switch (probe(response, page)) {
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
                var error = location.isEmpty() ? message : IdpHttp.query(location).getOrDefault("error_description",
                        IdpHttp.query(location).getOrDefault("error", location));
                if (cli) {
                    var fix = error.toLowerCase(Locale.ROOT).contains("scope")
                            ? "the realm or the client lacks a scope kubelogin asks for (" + kubelogin.scope()
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
}
