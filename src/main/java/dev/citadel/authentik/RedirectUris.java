package dev.citadel.authentik;

import dev.citadel.value.Shown;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * A strict redirect URI is checked as a URI, not as a string prefix: {@code http://localhost.attacker.example/cb}
 * started with {@code http://localhost} and passed (issue 23), sending authorization codes in clear to another host.
 */
final class RedirectUris {
    /** Plain http is only for a client on the same machine (RFC 8252 loopback redirects). */
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private RedirectUris() {
    }

    static void check(String url) {
        dev.citadel.names.PlainText.check("redirect uri", url);
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw refused(url, "is not a URI (" + Shown.cut(e.getReason()) + ")");
        }
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getRawAuthority() == null || uri.getHost() == null) {
            throw refused(url, "is not an absolute URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw refused(url, "has user info before the host, which hides where the code goes");
        }
        if (uri.getRawFragment() != null) {
            throw refused(url, "has a fragment, which OAuth 2 forbids in a redirect URI");
        }
        var scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        var host = uri.getHost().toLowerCase(Locale.ROOT);
        if (scheme.equals("https") || scheme.equals("http") && LOOPBACK.contains(host)) {
            return;
        }
        throw refused(url, "is not https; authorization codes would cross the network in clear; use https:// (plain http only "
                + "for localhost, 127.0.0.1 or [::1] itself)");
    }

    private static IllegalArgumentException refused(String url, String why) {
        return new IllegalArgumentException("redirect uri '" + Shown.cut(url) + "' " + why);
    }
}
