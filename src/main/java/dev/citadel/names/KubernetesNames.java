package dev.citadel.names;

import dev.citadel.value.Shown;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Kubernetes object-name rules, checked before anything is sent: the API server would reject the
 * object only at deploy time, after other resources were already created.
 */
public final class KubernetesNames {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern SECRET_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

    private KubernetesNames() {
    }

    /** A DNS-1123 label: namespaces, and names that become labels. */
    public static String label(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + " is empty; give a DNS-1123 label such as 'dns-system'");
        }
        if (value.length() > 63 || !LABEL.matcher(value).matches()) {
            throw new IllegalArgumentException(field + ": '" + Shown.cut(value) + "' is not a valid DNS-1123 label "
                    + "(lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters); "
                    + "use e.g. '" + suggestion(value, 63) + "'");
        }
        return value;
    }

    /**
     * A DNS-1035 label of at most {@code max} characters (starts with a letter): what CNPG's webhook takes as a Cluster
     * name, at most 50 so that the names it derives ({@code -rw}, {@code -pooler-rw}, {@code -1}) stay within 63. Issue 23:
     * {@code 1db} and a 54-character name planned clean and were refused at apply.
     */
    public static String dns1035(String field, String value, int max) {
        label(field, value);
        if (!Character.isLetter(value.charAt(0)) || value.length() > max) {
            throw new IllegalArgumentException(field + ": '" + Shown.cut(value) + "' is not a DNS-1035 label of at most " + max
                    + " characters (it must start with a letter" + (value.length() > max ? "; this one has " + value.length() + " characters" : "")
                    + "); use e.g. '" + suggestion(Character.isLetter(value.charAt(0)) ? value : "pg-" + value, max) + "'");
        }
        return value;
    }

    /** A DNS-1123 subdomain: the names of most objects (Secrets, ExternalSecrets, ConfigMaps). */
    public static String subdomain(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + " is empty; give a DNS-1123 name such as 'powerdns-api-key'");
        }
        if (value.length() > 253 || !SUBDOMAIN.matcher(value).matches()) {
            throw new IllegalArgumentException(field + ": '" + Shown.cut(value) + "' is not a valid Kubernetes object name "
                    + "(DNS-1123 subdomain: lowercase letters, digits, '-' and '.', at most 253 characters); "
                    + "use e.g. '" + suggestion(value, 253) + "'");
        }
        return value;
    }

    /** A key inside a Secret's data. */
    public static String secretKey(String field, String value) {
        if (value == null || value.isEmpty() || value.length() > 253 || !SECRET_KEY.matcher(value).matches()) {
            throw new IllegalArgumentException(field + ": '" + Shown.cut(value) + "' is not a valid Secret key "
                    + "(letters, digits, '-', '_' and '.', at most 253 characters); use e.g. 'password'");
        }
        return value;
    }

    private static String suggestion(String value, int max) {
        var s = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > max) {
            s = s.substring(0, max).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "my-name" : s;
    }
}
