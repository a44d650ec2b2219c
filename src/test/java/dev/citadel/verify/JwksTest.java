package dev.citadel.verify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwksTest {

    @Test
    void readsTheRsaKeysAndSignsOnlyWithSigningKeys() {
        var jwks = Jwks.parse(Tokens.jwks());

        assertThat(jwks.keys()).extracting(Jwks.Key::kid).containsExactly("enc-1", "key-1");
        assertThat(jwks.signingKeys()).extracting(Jwks.Key::kid).containsExactly("key-1");
        assertThat(jwks.signingKey("key-1").orElseThrow().publicKey()).isEqualTo(Tokens.KEY.getPublic());
        assertThat(jwks.signingKey("enc-1")).isEmpty();
    }

    @Test
    void aKeyWithoutAlgOrUseCanSign() {
        var jwks = Jwks.parse("{\"keys\":[" + Tokens.jwk("k", "RS256", "sig", (java.security.interfaces.RSAPublicKey) Tokens.KEY.getPublic())
                .replace("\"alg\":\"RS256\",", "").replace(",\"use\":\"sig\"", "") + "]}");

        assertThat(jwks.signingKeys()).extracting(Jwks.Key::kid).containsExactly("k");
    }

    @Test
    void malformedDocumentsAreErrors() {
        assertThatThrownBy(() -> Jwks.parse("{\"keys\": [")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> Jwks.parse("{}")).hasMessageContaining("no 'keys'");
        assertThatThrownBy(() -> Jwks.parse("{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"x\"}]}")).hasMessageContaining("'x' lacks n or e");
    }
}
