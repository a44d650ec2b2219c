package dev.citadel.verify;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.util.DateUtils;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Locale;

import static dev.citadel.verify.CheckResult.fail;
import static dev.citadel.verify.CheckResult.pass;

/**
 * The ID token's times ({@code exp}, {@code nbf}, {@code iat}) against this machine's clock, which stands for the
 * API server's. The token was issued a moment ago, so {@code iat} tells how far the IdP's clock is from this one:
 * an IdP whose clock is off issues tokens the API server rejects (expired on arrival, not yet valid) although
 * every other check passes. The comparisons are nimbus's {@link DateUtils} with {@link #CLOCK_SKEW}, as its
 * {@code DefaultJWTClaimsVerifier} makes them; {@code iat} in the future is judged like {@code nbf}.
 */
public final class TokenTimes {
    public static final String CHECK = "token-times";
    /**
     * How far the IdP's clock may be from this machine's before verify calls it a failure: NTP keeps hosts within a
     * second, so a minute apart is drift nobody is correcting, while a login's own duration stays well inside it.
     */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private TokenTimes() {
    }

    public static CheckResult check(JWTClaimsSet claims, Instant now) {
        var skew = CLOCK_SKEW.toSeconds();
        var allowed = "allowed skew " + skew + " s";
        var reference = Date.from(now);
        var exp = claims.getExpirationTime();
        var nbf = claims.getNotBeforeTime();
        var iat = claims.getIssueTime();
        if (exp == null) {
            return fail(CHECK, "the ID token has no exp: the API server rejects a token without an expiry time;"
                    + " the IdP must set exp on its ID tokens");
        }
        if (iat != null && !DateUtils.isBefore(iat, reference, skew)) {
            var ahead = between(now, iat);
            return fail(CHECK, "iat " + at(iat) + " is " + human(ahead) + " in the future by this machine's clock: the IdP's clock"
                    + " is ahead of this machine's by about " + human(ahead) + " (" + allowed + "); relying parties that check iat"
                    + " reject a token issued in the future, and every token outlives the realm's lifespan by as much:"
                    + " set the IdP host's clock right (NTP)");
        }
        if (nbf != null && !DateUtils.isBefore(nbf, reference, skew)) {
            var ahead = between(now, nbf);
            return fail(CHECK, "nbf " + at(nbf) + " is " + human(ahead) + " in the future by this machine's clock: the IdP's clock"
                    + " is ahead of this machine's by about " + human(ahead) + " (" + allowed + "); the API server rejects the"
                    + " token until then: set the IdP host's clock right (NTP)");
        }
        if (!DateUtils.isAfter(exp, reference, skew)) {
            var ago = between(exp, now);
            if (iat != null && !DateUtils.isAfter(iat, reference, skew)) {
                var behind = between(iat, now);
                return fail(CHECK, "exp " + at(exp) + " is " + human(ago) + " past by this machine's clock, in a token issued"
                        + " just now: the IdP's clock is behind this machine's by about " + human(behind) + " (iat " + at(iat)
                        + ", " + allowed + "); the API server rejects it as expired: set the IdP host's clock right (NTP)");
            }
            if (iat != null) {
                return fail(CHECK, "exp " + at(exp) + " is " + human(ago) + " past although the clocks agree (iat " + at(iat)
                        + ", " + allowed + "): the token lives " + human(Duration.between(iat.toInstant(), exp.toInstant()))
                        + ", less than a login takes, and the API server rejects it as expired: raise the realm's token lifespan");
            }
            return fail(CHECK, "exp " + at(exp) + " is " + human(ago) + " past by this machine's clock: the IdP's clock is behind"
                    + " this machine's or its token lifespan is shorter than a login (" + allowed + "); the API server rejects"
                    + " it as expired: check the IdP host's clock (NTP) and the realm's token lifespan");
        }
        var issued = iat == null ? "no iat" : "iat " + relative(iat.toInstant(), now);
        return pass(CHECK, "exp " + relative(exp.toInstant(), now) + ", " + issued + " (IdP and local clocks within the " + allowed + ")");
    }

    /** {@code in 4m 58s}, {@code 2 s ago}, {@code now}: a time as this machine's clock sees it. */
    private static String relative(Instant t, Instant now) {
        var d = Duration.between(now, t);
        return d.isNegative() ? human(d) + " ago" : d.toSeconds() == 0 ? "now" : "in " + human(d);
    }

    private static Duration between(Date from, Instant to) {
        return Duration.between(from.toInstant(), to);
    }

    private static Duration between(Instant from, Date to) {
        return Duration.between(from, to.toInstant());
    }

    private static String at(Date d) {
        return d.toInstant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * {@code 3h 02m}, {@code 4m 05s}, {@code 45 s}, rounded: iat and exp are whole seconds, so a clock 2 hours off
     * reads 1:59:59.6 and must still say {@code 2h 00m}.
     */
    static String human(Duration d) {
        var s = (Math.abs(d.toMillis()) + 500) / 1000;
        if (s >= 3600) {
            var m = (s + 30) / 60;
            return String.format(Locale.ROOT, "%dh %02dm", m / 60, m % 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return s + " s";
    }
}
