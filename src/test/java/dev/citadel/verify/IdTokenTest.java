package dev.citadel.verify;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdTokenTest {
    static final RSAKey KEY = new RSAKey.Builder((RSAPublicKey) Tokens.KEY.getPublic()).keyID("key-1").build();
    static final RSAKey OTHER = new RSAKey.Builder((RSAPublicKey) Tokens.OTHER_KEY.getPublic()).keyID("key-1").build();

    @Test
    void aTokenSignedWithTheKeyVerifiesAndShowsItsClaims() {
        var token = IdToken.parse(Tokens.sign(Tokens.claims()));

        assertThat(token.alg()).isEqualTo("RS256");
        assertThat(token.kid()).contains("key-1");
        assertThat(token.stringClaim("email")).contains("ada@example.test");
        assertThat(token.stringClaim("email_verified")).isEmpty();
        assertThat(token.audience()).containsExactly("kubernetes");
        assertThat(token.claims().getExpirationTime().toInstant()).isEqualTo(Tokens.NOW.plusSeconds(300));
        assertThat(token.verifiesWith(KEY)).isTrue();
        assertThat(token.verifiesWith(OTHER)).isFalse();
        // Stateless: checking once does not change the next answer.
        assertThat(token.verifiesWith(KEY)).isTrue();
    }

    @Test
    void aChangedPayloadNoLongerVerifies() {
        var parts = Tokens.sign(Tokens.claims()).split("\\.");
        var forged = Tokens.claims();
        forged.addProperty("email", "mallory@example.test");
        var tampered = parts[0] + "." + Tokens.b64(forged.toString().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertThat(IdToken.parse(tampered).verifiesWith(KEY)).isFalse();
    }

    @Test
    void anAudienceArrayIsRead() {
        var claims = Tokens.claims();
        var aud = new com.google.gson.JsonArray();
        aud.add("kubernetes");
        aud.add("account");
        claims.add("aud", aud);

        assertThat(IdToken.parse(Tokens.sign(claims)).audience()).containsExactly("kubernetes", "account");
    }

    @Test
    void encryptedUnsignedAndMalformedTokensAreNamedWithoutQuotingThem() {
        var token = Tokens.sign(Tokens.claims());
        var jwe = Tokens.b64("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\"}".getBytes(StandardCharsets.UTF_8)) + ".a2V5.aXY.Y2lwaGVy.dGFn";
        var unsigned = Tokens.b64("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + token.split("\\.")[1] + ".";

        assertThatThrownBy(() -> IdToken.parse(jwe)).hasMessageContaining("encrypted").hasMessageContaining("signed only");
        assertThatThrownBy(() -> IdToken.parse(unsigned)).hasMessageContaining("unsigned").hasMessageNotContaining(token.split("\\.")[1]);
        assertThatThrownBy(() -> IdToken.parse("abc")).hasMessageStartingWith("not a JWT");
        assertThatThrownBy(() -> IdToken.parse(token.split("\\.")[0] + ".!!!." + token.split("\\.")[2]))
                .hasMessageNotContaining(token.split("\\.")[2]);
        assertThat(IdToken.parse(token).toString()).doesNotContain(token.split("\\.")[1]).contains("RS256", "key-1");
    }
}
