package dev.citadel.verify;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The IdP's JWKS as nimbus-jose-jwt reads it, kept to the RSA keys: a key of a type verify does not use (an EC
 * key a newer realm adds) must not make the whole set unreadable, while a malformed RSA key is an error.
 */
final class SigningKeys {
    /** What an RS256 signature may be checked with: an RSA key not marked for another alg or for encryption. */
    private static final JWKMatcher RS256 = new JWKMatcher.Builder().keyType(KeyType.RSA)
            .keyUses(KeyUse.SIGNATURE, null).algorithms(JWSAlgorithm.RS256, null).build();

    private SigningKeys() {
    }

    static JWKSet parse(String json) {
        Map<String, Object> document;
        try {
            document = JSONObjectUtils.parse(json);
        } catch (ParseException e) {
            throw new IllegalArgumentException("the JWKS is not JSON");
        }
        if (!(document.get("keys") instanceof List<?> entries)) {
            throw new IllegalArgumentException("the JWKS has no 'keys' array");
        }
        var keys = new ArrayList<JWK>();
        for (var entry : entries) {
            if (entry instanceof Map<?, ?> k && "RSA".equals(k.get("kty"))) {
                @SuppressWarnings("unchecked")
                var key = (Map<String, Object>) k;
                try {
                    keys.add(RSAKey.parse(key));
                } catch (ParseException e) {
                    throw new IllegalArgumentException("the JWKS key '" + key.getOrDefault("kid", "") + "' is not a valid RSA key ("
                            + e.getMessage() + ")");
                }
            }
        }
        return new JWKSet(keys);
    }

    /** The RS256-capable keys. */
    static List<RSAKey> rs256(JWKSet keys) {
        return new JWKSelector(RS256).select(keys).stream().map(RSAKey.class::cast).toList();
    }

    /**
     * The key nimbus's matcher picks for the token's header (kty from alg, its kid, a signing key); without a
     * kid only a set with exactly one such key names the key.
     */
    static Optional<RSAKey> forHeader(JWKSet keys, JWSHeader header) {
        var matches = new JWKSelector(JWKMatcher.forJWSHeader(header)).select(keys).stream()
                .filter(RSAKey.class::isInstance).map(RSAKey.class::cast).toList();
        return header.getKeyID() != null || matches.size() == 1 ? matches.stream().findFirst() : Optional.empty();
    }
}
