package dev.citadel.verify;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PkceTest {

    @Test
    void theS256ChallengeOfRfc7636AppendixB() {
        var pkce = Pkce.of("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

        assertThat(pkce.challenge()).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void generatedVerifiersAreFreshAndValid() {
        var random = new SecureRandom();
        var a = Pkce.generate(random);
        var b = Pkce.generate(random);

        assertThat(a.verifier()).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(b.verifier());
        assertThat(a.challenge()).isEqualTo(Pkce.challengeOf(a.verifier()));
        assertThat(a.toString()).doesNotContain(a.verifier());
    }

    @Test
    void aShortVerifierIsRejected() {
        assertThatThrownBy(() -> Pkce.of("short")).hasMessageContaining("43 to 128");
    }
}
