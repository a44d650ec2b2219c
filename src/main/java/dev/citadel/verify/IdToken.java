package dev.citadel.verify;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;

import java.text.ParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An ID token as nimbus-jose-jwt reads it: a compact JWS, its header and its claims set. Messages and
 * {@link #toString()} never quote the token: it is a credential for as long as it is valid.
 */
public final class IdToken {
    private final SignedJWT jws;
    private final JWTClaimsSet claims;

    private IdToken(SignedJWT jws, JWTClaimsSet claims) {
        this.jws = jws;
        this.claims = claims;
    }

    /** Parses a compact JWS; a JWE or an unsigned token is refused, the API server accepts neither. */
    public static IdToken parse(String compact) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(compact);
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a JWT (" + withoutToken(e.getMessage(), compact) + ")");
        }
        if (jwt instanceof EncryptedJWT) {
            throw new IllegalArgumentException("an encrypted token (JWE): ID tokens for the API server must be signed only");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new IllegalArgumentException("unsigned (alg none): the API server accepts only signed ID tokens");
        }
        try {
            return new IdToken(signed, signed.getJWTClaimsSet());
        } catch (ParseException e) {
            throw new IllegalArgumentException("a JWS whose claims are not a JWT claims set ("
                    + withoutToken(e.getMessage(), compact) + ")");
        }
    }

    /** A parser's message, unless it quotes a piece of the token. */
    private static String withoutToken(String message, String compact) {
        var quoted = message == null || Arrays.stream(compact.split("\\.")).anyMatch(p -> p.length() >= 8 && message.contains(p));
        return quoted ? "malformed" : message;
    }

    public JWSHeader header() {
        return jws.getHeader();
    }

    public String alg() {
        return jws.getHeader().getAlgorithm().getName();
    }

    public Optional<String> kid() {
        return Optional.ofNullable(jws.getHeader().getKeyID());
    }

    public JWTClaimsSet claims() {
        return claims;
    }

    /** A claim as JSON gave it (String, Boolean, Number, List, Map); {@code exp}, {@code nbf}, {@code iat} as Dates. */
    public Optional<Object> claim(String name) {
        return Optional.ofNullable(claims.getClaim(name));
    }

    public Optional<String> stringClaim(String name) {
        return claim(name).filter(String.class::isInstance).map(String.class::cast);
    }

    /** {@code aud}, a string or an array of strings, as a list. */
    public List<String> audience() {
        return claims.getAudience();
    }

    /** Whether the signature is a valid RS256 signature by {@code key} (stateless: the token can be checked again). */
    public boolean verifiesWith(RSAKey key) {
        try {
            return new RSASSAVerifier(key).verify(jws.getHeader(), jws.getSigningInput(), jws.getSignature());
        } catch (JOSEException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "IdToken[alg=" + alg() + ", kid=" + kid().orElse("") + "]";
    }
}
