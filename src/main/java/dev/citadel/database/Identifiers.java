package dev.citadel.database;

import java.util.regex.Pattern;

/** PostgreSQL names Citadel accepts without quoting, and Kubernetes quantities. */
final class Identifiers {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern QUANTITY = Pattern.compile("([0-9]+(\\.[0-9]+)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?");

    private Identifiers() {
    }

    static String check(String field, String value) {
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            throw new IllegalArgumentException(field + ": '" + value + "' is not a PostgreSQL name Citadel accepts "
                    + "(lower-case letters, digits and '_', starting with a letter or '_', at most 63); write e.g. "
                    + (value == null ? "app" : value.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_")));
        }
        return value;
    }

    static String quantity(String field, String value) {
        if (value == null || !QUANTITY.matcher(value).matches()) {
            throw new IllegalArgumentException(field + ": '" + value + "' is not a Kubernetes quantity; write e.g. 10Gi, 512Mi or 500m");
        }
        return value;
    }
}
