package dev.citadel.verify;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.citadel.identity.OidcContract;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static dev.citadel.verify.CheckResult.fail;
import static dev.citadel.verify.CheckResult.pass;
import static dev.citadel.verify.OidcVerifier.DISCOVERY;
import static dev.citadel.verify.OidcVerifier.JWKS;
import static dev.citadel.verify.OidcVerifier.SIGNING_ALGS;

/**
 * The IdP's discovery document and keys as the API server reads them: the issuer character for character,
 * https endpoints, an RS256 key in the JWKS, the contract's signing algorithms offered.
 */
final class Discovery {

    /** The discovery document's endpoints. */
    record Endpoints(String issuer, String authorization, String token, String jwks, JsonObject document) {
    }

    private final OidcContract contract;
    private final IdpHttp http;

    Discovery(OidcContract contract, IdpHttp http) {
        this.contract = contract;
        this.http = http;
    }

    Optional<Endpoints> endpoints(Consumer<CheckResult> record) {
        var url = contract.discoveryUrl();
        HttpResponse<String> response;
        try {
            response = http.get(URI.create(url));
        } catch (IOException e) {
            record.accept(fail(DISCOVERY, "cannot reach " + url + ": " + IdpHttp.describe(e)));
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
            if (!IdpHttp.httpsUrl(value)) {
                record.accept(fail(DISCOVERY, "the discovery document's " + endpoint + " is '" + value + "', not an https URL: "
                        + "kubelogin and the API server would send codes, tokens or passwords there; fix the IdP's hostname settings"));
                return Optional.empty();
            }
        }
        record.accept(pass(DISCOVERY, "issuer " + issuer));
        return Optional.of(new Endpoints(issuer, string(doc, "authorization_endpoint"), string(doc, "token_endpoint"),
                string(doc, "jwks_uri"), doc));
    }

    Optional<JWKSet> keys(Endpoints endpoints, Consumer<CheckResult> record) {
        if (endpoints.jwks().isEmpty()) {
            record.accept(fail(JWKS, "the discovery document has no jwks_uri: the API server cannot verify tokens"));
            return Optional.empty();
        }
        try {
            var response = http.get(URI.create(endpoints.jwks()));
            if (response.statusCode() != 200) {
                record.accept(fail(JWKS, "GET " + endpoints.jwks() + " answered HTTP " + response.statusCode()));
                return Optional.empty();
            }
            var jwks = SigningKeys.parse(response.body());
            var keys = SigningKeys.rs256(jwks);
            if (keys.isEmpty()) {
                record.accept(fail(JWKS, endpoints.jwks() + " holds no RS256 RSA signing key: the API server cannot verify"
                        + " RS256 tokens; add an active RSA key provider (rsa-generated) to the realm"));
                return Optional.empty();
            }
            record.accept(pass(JWKS, keys.size() + " RS256 key(s): " + keys.stream().map(RSAKey::getKeyID).collect(Collectors.joining(", "))));
            return Optional.of(jwks);
        } catch (IOException e) {
            record.accept(fail(JWKS, "cannot reach " + endpoints.jwks() + ": " + IdpHttp.describe(e)));
        } catch (IllegalArgumentException e) {
            record.accept(fail(JWKS, endpoints.jwks() + ": " + e.getMessage()));
        }
        return Optional.empty();
    }

    void signingAlgs(Endpoints endpoints, Consumer<CheckResult> record) {
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

    static String string(JsonObject o, String name) {
        var v = o.get(name);
        return v != null && v.isJsonPrimitive() ? v.getAsString() : "";
    }
}
