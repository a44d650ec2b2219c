package dev.citadel.database;

import java.util.Locale;

/**
 * The libpq {@code sslmode}s that encrypt. {@code disable}, {@code allow} and {@code prefer} are not here: RDS
 * with {@code rds.force_ssl=1} refuses them ("no pg_hba.conf entry ... no encryption", seed 004), and
 * {@code prefer} silently falls back to plain text where it does not.
 */
public enum SslMode {
    REQUIRE, VERIFY_CA, VERIFY_FULL;

    /** As libpq and JDBC spell it: {@code require}, {@code verify-ca}, {@code verify-full}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
