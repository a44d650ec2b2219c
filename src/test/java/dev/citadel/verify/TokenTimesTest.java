package dev.citadel.verify;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

/** exp, nbf and iat against the clock with the 60 s skew: a clock failure says it is the clock. */
class TokenTimesTest {
    static final Instant NOW = Tokens.NOW;

    static JWTClaimsSet times(Duration iat, Duration exp, Duration nbf) {
        var b = new JWTClaimsSet.Builder();
        if (iat != null) {
            b.issueTime(Date.from(NOW.plus(iat)));
        }
        if (exp != null) {
            b.expirationTime(Date.from(NOW.plus(exp)));
        }
        if (nbf != null) {
            b.notBeforeTime(Date.from(NOW.plus(nbf)));
        }
        return b.build();
    }

    static String line(JWTClaimsSet claims) {
        return TokenTimes.check(claims, NOW).line();
    }

    @Test
    void theSkewIsSixtySeconds() {
        assertThat(TokenTimes.CLOCK_SKEW).isEqualTo(Duration.ofSeconds(60));
    }

    /** Whole-second claims against a millisecond clock: two hours off, less the moment the login took, is 2h 00m. */
    @Test
    void durationsAreRounded() {
        assertThat(TokenTimes.human(Duration.ofHours(2).minusMillis(1300))).isEqualTo("2h 00m");
        assertThat(TokenTimes.human(Duration.ofMinutes(-5).plusMillis(400))).isEqualTo("5m 00s");
        assertThat(TokenTimes.human(Duration.ofSeconds(59).plusMillis(400))).isEqualTo("59 s");
    }

    @Test
    void anIdpClockBehindMakesExpPastAndSaysSo() {
        var behind = Duration.ofHours(-3);
        assertThat(line(times(behind, behind.plusMinutes(5), null))).isEqualTo("FAIL token-times: exp 2026-03-01T09:05:00Z is"
                + " 2h 55m past by this machine's clock, in a token issued just now: the IdP's clock is behind this machine's by"
                + " about 3h 00m (iat 2026-03-01T09:00:00Z, allowed skew 60 s); the API server rejects it as expired: set the"
                + " IdP host's clock right (NTP)");
    }

    @Test
    void anIatInTheFutureBeyondTheSkewIsTheIdpClockAhead() {
        assertThat(line(times(Duration.ofMinutes(10), Duration.ofMinutes(15), null))).startsWith("FAIL token-times: iat")
                .contains("10m 00s in the future", "the IdP's clock is ahead of this machine's by about 10m 00s", "allowed skew 60 s");
        assertThat(line(times(Duration.ofSeconds(61), Duration.ofMinutes(5), null))).startsWith("FAIL token-times: iat");
    }

    @Test
    void anNbfInTheFutureBeyondTheSkewIsTheIdpClockAhead() {
        assertThat(line(times(Duration.ZERO, Duration.ofMinutes(5), Duration.ofMinutes(2)))).startsWith("FAIL token-times: nbf")
                .contains("2m 00s in the future", "IdP's clock is ahead", "rejects the token until then", "allowed skew 60 s");
    }

    @Test
    void timesWithinTheSkewPass() {
        assertThat(line(times(Duration.ofSeconds(59), Duration.ofMinutes(5), Duration.ofSeconds(59))))
                .isEqualTo("PASS token-times: exp in 5m 00s, iat in 59 s (IdP and local clocks within the allowed skew 60 s)");
        assertThat(line(times(Duration.ofSeconds(-200), Duration.ofSeconds(-59), null)))
                .isEqualTo("PASS token-times: exp 59 s ago, iat 3m 20s ago (IdP and local clocks within the allowed skew 60 s)");
    }

    @Test
    void anExpPastWithAgreeingClocksIsTheLifespanAndWithoutIatEither() {
        assertThat(line(times(Duration.ZERO, Duration.ofSeconds(-61), null))).startsWith("FAIL token-times: exp")
                .contains("past although the clocks agree", "raise the realm's token lifespan");
        assertThat(line(times(null, Duration.ofMinutes(-5), null))).startsWith("FAIL token-times: exp")
                .contains("5m 00s past", "the IdP's clock is behind this machine's or its token lifespan");
        assertThat(line(times(Duration.ZERO, null, null))).startsWith("FAIL token-times: the ID token has no exp");
    }
}
