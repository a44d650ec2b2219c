package dev.citadel.verify;

import org.junit.jupiter.api.Test;

import java.security.interfaces.RSAPublicKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtTest {

    @Test
    void aTokenSignedWithTheKeyVerifiesAndShowsItsClaims() {
        var jwt = Jwt.parse(Tokens.sign(Tokens.claims()));

        assertThat(jwt.alg()).isEqualTo("RS256");
        assertThat(jwt.kid()).contains("key-1");
        assertThat(jwt.stringClaim("email")).contains("ada@example.test");
        assertThat(jwt.audience()).containsExactly("kubernetes");
        assertThat(jwt.verifiesWith((RSAPublicKey) Tokens.KEY.getPublic())).isTrue();
        assertThat(jwt.verifiesWith((RSAPublicKey) Tokens.OTHER_KEY.getPublic())).isFalse();
    }

    @Test
    void aChangedPayloadNoLongerVerifies() {
        var token = Tokens.sign(Tokens.claims());
        var parts = token.split("\\.");
        var forged = Tokens.claims();
        forged.addProperty("email", "mallory@example.test");
        var tampered = parts[0] + "." + Tokens.b64(forged.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];

        assertThat(Jwt.parse(tampered).verifiesWith((RSAPublicKey) Tokens.KEY.getPublic())).isFalse();
    }

    @Test
    void anAudienceArrayIsRead() {
        var claims = Tokens.claims();
        var aud = new com.google.gson.JsonArray();
        aud.add("kubernetes");
        aud.add("account");
        claims.add("aud", aud);

        assertThat(Jwt.parse(Tokens.sign(claims)).audience()).containsExactly("kubernetes", "account");
    }

    @Test
    void malformedTokensAreNamedWithoutQuotingThem() {
        var token = Tokens.sign(Tokens.claims());

        assertThatThrownBy(() -> Jwt.parse(token + ".x.y")).hasMessageContaining("encrypted").hasMessageNotContaining(token);
        assertThatThrownBy(() -> Jwt.parse("abc")).hasMessageContaining("1 parts instead of 3");
        assertThatThrownBy(() -> Jwt.parse("e30.!!!.e30")).hasMessageContaining("base64url");
        assertThatThrownBy(() -> Jwt.parse("bm9wZQ.e30.e30")).hasMessageContaining("header is not");
        assertThat(Jwt.parse(token).toString()).doesNotContain(token.split("\\.")[1]).contains("RS256", "key-1");
    }
}
