package dev.citadel.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * RFC 7636 proof key, S256 method, as kubelogin sends it: a random verifier (43 base64url characters) and
 * its challenge {@code BASE64URL(SHA-256(ASCII(verifier)))}.
 */
public record Pkce(String verifier, String challenge) {

    public static final String METHOD = "S256";

    public static Pkce generate(SecureRandom random) {
        var bytes = new byte[32];
        random.nextBytes(bytes);
        return of(base64Url(bytes));
    }

    public static Pkce of(String verifier) {
        if (verifier.length() < 43 || verifier.length() > 128 || !verifier.matches("[A-Za-z0-9._~-]+")) {
            throw new IllegalArgumentException("a PKCE verifier is 43 to 128 unreserved characters");
        }
        return new Pkce(verifier, challengeOf(verifier));
    }

    static String challengeOf(String verifier) {
        try {
            return base64Url(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Never the verifier: it is a credential for the length of one login. */
    @Override
    public String toString() {
        return "Pkce[challenge=" + challenge + "]";
    }
}
