package dev.citadel.names;

import java.util.regex.Pattern;

/**
 * Vault mount and secret-path rules. The mistakes they catch are the ones that deploy fine and then
 * sync nothing: a KV v2 path written with the API's {@code data/} prefix, a leading slash, an empty segment.
 */
public final class VaultPaths {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private VaultPaths() {
    }

    /** A mount path such as {@code secret} or {@code kv/platform}. */
    public static String mount(String field, String value) {
        return check(field, value, "secret");
    }

    /** A secret's path inside a KV v2 mount, as the vault provider and External Secrets take it. */
    public static String secretPath(String field, String value) {
        check(field, value, "dns/powerdns-api-key");
        if (value.startsWith("data/") || value.startsWith("metadata/")) {
            throw new IllegalArgumentException(field + ": '" + value + "' starts with the KV v2 API prefix '"
                    + value.substring(0, value.indexOf('/') + 1) + "'; give the path inside the mount, e.g. '"
                    + value.substring(value.indexOf('/') + 1) + "'");
        }
        return value;
    }

    private static String check(String field, String value, String example) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is empty; give a Vault path such as '" + example + "'");
        }
        if (value.startsWith("/") || value.endsWith("/")) {
            // Suggest the fully cleaned path, so that following the hint does not hit the '//' check next.
            var cleaned = value.replaceAll("/+", "/").replaceAll("^/|/$", "");
            throw new IllegalArgumentException(field + ": '" + value + "' has a leading or trailing '/'; write '"
                    + (cleaned.isEmpty() ? example : cleaned) + "'");
        }
        for (var segment : value.split("/", -1)) {
            if (segment.isEmpty()) {
                throw new IllegalArgumentException(field + ": '" + value + "' has an empty segment ('//'); write '"
                        + value.replaceAll("/+", "/") + "'");
            }
            if (segment.equals(".") || segment.equals("..") || !SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException(field + ": '" + value + "' has the segment '" + segment
                        + "'; Vault path segments are letters, digits, '.', '_' and '-', starting with a letter or digit, e.g. '"
                        + example + "'");
            }
        }
        return value;
    }
}
