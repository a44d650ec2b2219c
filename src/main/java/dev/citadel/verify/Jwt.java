package dev.citadel.verify;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A compact JWS (an ID token): header and claims decoded, the signature checked with {@link #verifiesWith}.
 * {@link #toString()} never shows the token.
 */
public final class Jwt {
    private final JsonObject header;
    private final JsonObject claims;
    private final byte[] signingInput;
    private final byte[] signature;

    private Jwt(JsonObject header, JsonObject claims, byte[] signingInput, byte[] signature) {
        this.header = header;
        this.claims = claims;
        this.signingInput = signingInput;
        this.signature = signature;
    }

    /** Parses {@code header.payload.signature}; the message of a failure never quotes the token. */
    public static Jwt parse(String compact) {
        var parts = compact.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a signed JWT: " + parts.length + " parts instead of 3"
                    + (parts.length == 5 ? " (an encrypted token; ID tokens for the API server must be signed only)" : ""));
        }
        var decoded = new byte[3][];
        for (var i = 0; i < 3; i++) {
            try {
                decoded[i] = Base64.getUrlDecoder().decode(parts[i]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a signed JWT: part " + (i + 1) + " is not base64url");
            }
        }
        var header = object(new String(decoded[0], StandardCharsets.UTF_8), "header");
        var claims = object(new String(decoded[1], StandardCharsets.UTF_8), "claims");
        return new Jwt(header, claims, (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), decoded[2]);
    }

    private static JsonObject object(String json, String what) {
        try {
            var e = JsonParser.parseString(json);
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException("not a signed JWT: the " + what + " is not a JSON object");
            }
            return e.getAsJsonObject();
        } catch (com.google.gson.JsonParseException e) {
            throw new IllegalArgumentException("not a signed JWT: the " + what + " is not JSON");
        }
    }

    public String alg() {
        return headerString("alg").orElse("");
    }

    public Optional<String> kid() {
        return headerString("kid");
    }

    private Optional<String> headerString(String name) {
        var v = header.get(name);
        return v != null && v.isJsonPrimitive() ? Optional.of(v.getAsString()) : Optional.empty();
    }

    /** A copy of the claims. */
    public JsonObject claims() {
        return claims.deepCopy();
    }

    public Optional<JsonElement> claim(String name) {
        return Optional.ofNullable(claims.get(name)).filter(e -> !e.isJsonNull()).map(JsonElement::deepCopy);
    }

    public Optional<String> stringClaim(String name) {
        return claim(name).filter(e -> e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()).map(JsonElement::getAsString);
    }

    /** {@code aud}, a string or an array of strings, as a list. */
    public List<String> audience() {
        var aud = claims.get("aud");
        var out = new ArrayList<String>();
        if (aud != null && aud.isJsonArray()) {
            aud.getAsJsonArray().forEach(e -> out.add(e.isJsonPrimitive() ? e.getAsString() : e.toString()));
        } else if (aud != null && aud.isJsonPrimitive()) {
            out.add(aud.getAsString());
        }
        return out;
    }

    /** Whether the signature is a valid RS256 (RSASSA-PKCS1-v1_5 with SHA-256) signature by {@code key}. */
    public boolean verifiesWith(RSAPublicKey key) {
        try {
            var verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(signingInput);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "Jwt[alg=" + alg() + ", kid=" + kid().orElse("") + "]";
    }
}
