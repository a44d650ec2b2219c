package dev.citadel.verify;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** A JSON Web Key Set, as far as ID-token verification needs it: the RSA signing keys. */
public record Jwks(List<Key> keys) {

    /** One RSA key: {@code kid}, {@code alg} ({@code ""} when absent), {@code use} ({@code ""} when absent). */
    public record Key(String kid, String alg, String use, RSAPublicKey publicKey) {

        /** A key an RS256 signature can be checked with: no other alg, not an encryption key. */
        public boolean rs256Capable() {
            return (alg.isEmpty() || alg.equals("RS256")) && !use.equals("enc");
        }
    }

    public Jwks {
        keys = List.copyOf(keys);
    }

    /** Reads the RSA keys of a JWKS document; keys of other types are left out, a malformed RSA key is an error. */
    public static Jwks parse(String json) {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (com.google.gson.JsonParseException e) {
            throw new IllegalArgumentException("the JWKS is not JSON");
        }
        if (!root.isJsonObject() || !root.getAsJsonObject().has("keys") || !root.getAsJsonObject().get("keys").isJsonArray()) {
            throw new IllegalArgumentException("the JWKS has no 'keys' array");
        }
        var keys = new ArrayList<Key>();
        for (var e : root.getAsJsonObject().getAsJsonArray("keys")) {
            if (!e.isJsonObject()) {
                continue;
            }
            var k = e.getAsJsonObject();
            if (!"RSA".equals(string(k, "kty"))) {
                continue;
            }
            keys.add(new Key(string(k, "kid"), string(k, "alg"), string(k, "use"), rsa(k)));
        }
        return new Jwks(keys);
    }

    private static String string(JsonObject o, String name) {
        var v = o.get(name);
        return v != null && v.isJsonPrimitive() ? v.getAsString() : "";
    }

    private static RSAPublicKey rsa(JsonObject k) {
        var n = string(k, "n");
        var e = string(k, "e");
        if (n.isEmpty() || e.isEmpty()) {
            throw new IllegalArgumentException("the JWKS key '" + string(k, "kid") + "' lacks n or e");
        }
        try {
            var decoder = Base64.getUrlDecoder();
            var spec = new RSAPublicKeySpec(new BigInteger(1, decoder.decode(n)), new BigInteger(1, decoder.decode(e)));
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (IllegalArgumentException | GeneralSecurityException ex) {
            throw new IllegalArgumentException("the JWKS key '" + string(k, "kid") + "' is not a valid RSA key");
        }
    }

    /** The RS256-capable keys. */
    public List<Key> signingKeys() {
        return keys.stream().filter(Key::rs256Capable).toList();
    }

    /** The RS256-capable key with this {@code kid}. */
    public Optional<Key> signingKey(String kid) {
        return signingKeys().stream().filter(k -> k.kid().equals(kid)).findFirst();
    }
}
