package dev.citadel.verify;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;

import java.security.interfaces.RSAPublicKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeysTest {

    @Test
    void readsTheRsaKeysAndSignsOnlyWithSigningKeys() throws Exception {
        var jwks = SigningKeys.parse(Tokens.jwks());

        assertThat(jwks.getKeys()).extracting(k -> k.getKeyID()).containsExactly("enc-1", "key-1");
        assertThat(SigningKeys.rs256(jwks)).extracting(RSAKey::getKeyID).containsExactly("key-1");
        var header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("key-1").build();
        assertThat(SigningKeys.forHeader(jwks, header).orElseThrow().toRSAPublicKey()).isEqualTo(Tokens.KEY.getPublic());
        assertThat(SigningKeys.forHeader(jwks, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("enc-1").build())).isEmpty();
        // Without a kid the one signing key is the key; the encryption key does not count.
        assertThat(SigningKeys.forHeader(jwks, new JWSHeader(JWSAlgorithm.RS256))).map(RSAKey::getKeyID).contains("key-1");
    }

    @Test
    void aKeyWithoutAlgOrUseCanSign() {
        var jwks = SigningKeys.parse("{\"keys\":[" + Tokens.jwk("k", "RS256", "sig", (RSAPublicKey) Tokens.KEY.getPublic())
                .replace("\"alg\":\"RS256\",", "").replace(",\"use\":\"sig\"", "") + "]}");

        assertThat(SigningKeys.rs256(jwks)).extracting(RSAKey::getKeyID).containsExactly("k");
    }

    @Test
    void malformedDocumentsAreErrors() {
        assertThatThrownBy(() -> SigningKeys.parse("{\"keys\": [")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> SigningKeys.parse("{}")).hasMessageContaining("no 'keys'");
        assertThatThrownBy(() -> SigningKeys.parse("{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"x\"}]}"))
                .hasMessageContaining("'x' is not a valid RSA key");
    }
}
