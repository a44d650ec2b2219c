package dev.citadel.verify;

import com.google.gson.JsonObject;
import dev.citadel.identity.OidcContract;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;

/** ID tokens signed with a locally generated RSA key, and the JWKS that publishes it. */
final class Tokens {
    static final String ISSUER = "https://sso.example.test/realms/citadel";
    /** The moment the tokens are issued and judged: the verifier's clock is fixed there. */
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final KeyPair KEY = generate();
    static final KeyPair OTHER_KEY = generate();

    private Tokens() {
    }

    static KeyPair generate() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static OidcContract contract() {
        var bindings = new LinkedHashMap<String, String>();
        bindings.put("oidc:admin", "cluster-admin");
        bindings.put("oidc:developer", "edit");
        return new OidcContract(ISSUER, "citadel", "kubernetes", List.of("http://localhost:8000/*"),
                List.of("profile", "email", "groups"), "email", "oidc:", "groups", "oidc:", List.of("RS256"), bindings,
                List.of("kubernetes", "grafana"));
    }

    /** Claims a good Keycloak ID token for ada carries, issued at {@link #NOW} for five minutes. */
    static JsonObject claims() {
        return claims(NOW);
    }

    static JsonObject claims(Instant issued) {
        var c = new JsonObject();
        c.addProperty("iat", issued.getEpochSecond());
        c.addProperty("exp", issued.getEpochSecond() + 300);
        c.addProperty("iss", ISSUER);
        c.addProperty("aud", "kubernetes");
        c.addProperty("sub", "8c1f");
        c.addProperty("email", "ada@example.test");
        c.addProperty("email_verified", true);
        var groups = new com.google.gson.JsonArray();
        groups.add("admin");
        groups.add("viewer");
        c.add("groups", groups);
        return c;
    }

    static String sign(JsonObject claims, String alg, String kid, KeyPair key) {
        var header = new JsonObject();
        header.addProperty("alg", alg);
        header.addProperty("typ", "JWT");
        if (kid != null) {
            header.addProperty("kid", kid);
        }
        var input = b64(header.toString().getBytes(StandardCharsets.UTF_8)) + "." + b64(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            var signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key.getPrivate());
            signer.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64(signer.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(JsonObject claims) {
        return sign(claims, "RS256", "key-1", KEY);
    }

    /** A JWKS as Keycloak serves it: the signing key, plus an encryption key the checks must not use. */
    static String jwks() {
        return "{\"keys\":[" + jwk("enc-1", "RSA-OAEP", "enc", (RSAPublicKey) OTHER_KEY.getPublic()) + ","
                + jwk("key-1", "RS256", "sig", (RSAPublicKey) KEY.getPublic()) + ","
                + "{\"kid\":\"ec-1\",\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"AA\"}]}";
    }

    static String jwk(String kid, String alg, String use, RSAPublicKey key) {
        var o = new JsonObject();
        o.addProperty("kid", kid);
        o.addProperty("kty", "RSA");
        o.addProperty("alg", alg);
        o.addProperty("use", use);
        o.addProperty("n", b64(unsigned(key.getModulus().toByteArray())));
        o.addProperty("e", b64(unsigned(key.getPublicExponent().toByteArray())));
        return o.toString();
    }

    private static byte[] unsigned(byte[] twosComplement) {
        return twosComplement[0] == 0 ? java.util.Arrays.copyOfRange(twosComplement, 1, twosComplement.length) : twosComplement;
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
