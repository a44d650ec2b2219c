package dev.citadel.database;

import dev.citadel.value.Shown;

import java.util.regex.Pattern;

/** PostgreSQL names Citadel accepts without quoting, and Kubernetes quantities. */
final class Identifiers {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern QUANTITY = Pattern.compile("([0-9]+(\\.[0-9]+)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?");

    private Identifiers() {
    }

    static String check(String field, String value) {
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            throw new IllegalArgumentException(field + ": '" + Shown.cut(value) + "' is not a PostgreSQL name Citadel accepts "
                    + "(lower-case letters, digits and '_', starting with a letter or '_', at most 63); write e.g. "
                    + suggestion(value));
        }
        return value;
    }

    /**
     * Role names PostgreSQL refuses at CREATE ROLE ("role name \"public\" is reserved"), or that SQL reads as something
     * else (CURRENT_USER): they planned clean and failed at apply (issue 23). {@code pg_} is reserved for system roles.
     */
    static final java.util.Set<String> RESERVED_ROLES = java.util.Set.of("public", "none", "current_role", "current_user",
            "session_user", "user", "all");

    /** A role name Citadel creates: {@link #check} plus PostgreSQL's reserved names and prefix. */
    static String role(String field, String value) {
        check(field, value);
        if (RESERVED_ROLES.contains(value) || value.startsWith("pg_")) {
            throw new IllegalArgumentException(field + ": '" + value + "' is " + (value.startsWith("pg_")
                    ? "in pg_, which PostgreSQL reserves for system roles" : "a name PostgreSQL reserves")
                    + "; name the role after the application, e.g. " + value.replaceFirst("^pg_", "") + "_app");
        }
        return value;
    }

    private static String suggestion(String value) {
        if (value == null) {
            return "app";
        }
        var s = value.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]+", "_").replaceAll("^_+|_+$", "");
        s = s.length() > 63 ? s.substring(0, 63) : s;
        return s.isEmpty() || Character.isDigit(s.charAt(0)) ? "app_" + s.substring(0, Math.min(s.length(), 59)) : s;
    }

    static String quantity(String field, String value) {
        if (value == null || !QUANTITY.matcher(value).matches()) {
            throw new IllegalArgumentException(field + ": '" + Shown.cut(value) + "' is not a Kubernetes quantity; write e.g. 10Gi, 512Mi or 500m");
        }
        return value;
    }
}
