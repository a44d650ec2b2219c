package dev.citadel.authentik;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Seed 001's alerts on the authentik outpost that sits on the hot path of every forward-auth request, as a
 * PrometheusRule of the {@link AuthentikRelease}. Their selectors are derived from the outpost's name the way authentik
 * and Traefik derive the series' labels ({@link OutpostNames}), because the seed's hand-written regex named
 * {@code authentik-authentik-outpost-...} and "never could have fired".
 *
 * @param enabled                 emit the PrometheusRule at all
 * @param outpostName             the outpost as authentik names it ({@code authentik Embedded Outpost})
 * @param entrypoint              the Traefik entry point users come in on
 * @param forwardAuth400PerSecond 400 answers per second from the outpost's Service above which the outpost alerts
 * @param fallback401PerSecond    401 answers per second on the entry point above which the auth-proxy fallback is
 *                                taken to be active (seed 001: "&gt;5/s for 5m")
 * @param forDuration             how long a condition must hold before it alerts (seed 001: 5m)
 */
public record OutpostAlerts(boolean enabled, String outpostName, String entrypoint, double forwardAuth400PerSecond,
                            double fallback401PerSecond, String forDuration) {
    private static final Pattern PROM_DURATION = Pattern.compile("([0-9]+(ms|s|m|h|d|w|y))+");

    /** Seed 001's thresholds for the given outpost, on Traefik's {@code websecure} entry point. */
    public static OutpostAlerts forOutpost(String outpostName) {
        return new OutpostAlerts(true, outpostName, "websecure", 1, 5, "5m");
    }

    public static OutpostAlerts off() {
        return new OutpostAlerts(false, AuthentikDefaults.EMBEDDED_OUTPOST, "websecure", 1, 5, "5m");
    }

    public OutpostAlerts withEntrypoint(String name) {
        return new OutpostAlerts(enabled, outpostName, name, forwardAuth400PerSecond, fallback401PerSecond, forDuration);
    }

    public OutpostAlerts withForwardAuth400PerSecond(double rate) {
        return new OutpostAlerts(enabled, outpostName, entrypoint, rate, fallback401PerSecond, forDuration);
    }

    public OutpostAlerts withFallback401PerSecond(double rate) {
        return new OutpostAlerts(enabled, outpostName, entrypoint, forwardAuth400PerSecond, rate, forDuration);
    }

    public OutpostAlerts withFor(String duration) {
        return new OutpostAlerts(enabled, outpostName, entrypoint, forwardAuth400PerSecond, fallback401PerSecond, duration);
    }

    void validate() {
        if (!enabled) {
            return;
        }
        dev.citadel.names.PlainText.check("outpostAlerts.outpost", outpostName);
        OutpostNames.serviceName(outpostName);
        // Checked character by character: a regex's '.' stops at \r, which let a carriage return through (issue 23).
        if (outpostName.chars().anyMatch(c -> c == '"' || c == '\\' || c == '{' || c == '}')) {
            throw new IllegalArgumentException("outpostAlerts.outpost: '" + dev.citadel.value.Shown.cut(outpostName) + "' contains a quote, backslash or brace, "
                    + "which would end the PromQL label value or start an alert template; rename the outpost in authentik");
        }
        if (entrypoint == null || !entrypoint.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("outpostAlerts.entrypoint: '" + entrypoint + "' is not a Traefik entry point name; "
                    + "give the one users arrive on, e.g. websecure");
        }
        positive("outpostAlerts.forwardAuth400PerSecond", forwardAuth400PerSecond, "1");
        positive("outpostAlerts.fallback401PerSecond", fallback401PerSecond, "5 (seed 001)");
        if (forDuration == null || !PROM_DURATION.matcher(forDuration).matches()) {
            throw new IllegalArgumentException("outpostAlerts.for: '" + forDuration + "' is not a Prometheus duration; write e.g. 5m");
        }
    }

    private static void positive(String field, double value, String example) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + ": " + value + " is not a rate above 0 per second; an alert at 0 fires on "
                    + "every single request; use e.g. " + example);
        }
    }

    /** A threshold as PromQL reads it: {@code 5}, {@code 0.5}; never {@code 5.0E-1}. */
    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
