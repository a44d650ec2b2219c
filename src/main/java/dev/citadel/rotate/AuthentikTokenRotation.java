package dev.citadel.rotate;

import com.google.gson.JsonObject;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Seed 003's procedure for authentik's bootstrap token: authentik created the token from {@code AUTHENTIK_BOOTSTRAP_TOKEN}
 * at first start and ignores the variable since, so after a rotation wrote a new value to Vault and the Secret, the
 * token itself must be given the new key. The previous key still works (nothing changed in authentik), so it
 * authenticates the change through authentik's API ({@code POST /api/v3/core/tokens/<identifier>/set_key/}); then the
 * new key is tried ({@code GET /api/v3/core/users/me/}), so a success line means callers holding the new value get in.
 * https only and the server's certificate verified: a token is a superuser credential. Neither key is ever printed.
 */
public final class AuthentikTokenRotation {
    private final HttpClient client;
    private final Duration timeout;

    public AuthentikTokenRotation(SSLContext tls, Duration timeout) {
        this.client = HttpClient.newBuilder().sslContext(tls).connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
        this.timeout = timeout;
    }

    /** A step that did not work, said without either key. */
    public static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;

        Failed(String message) {
            super(message);
        }
    }

    /** Sets {@code next} as the key of token {@code identifier}, authenticated with {@code previous}; returns the line to print. */
    public String rotate(URI authentik, String identifier, String previous, String next) throws Failed {
        if (!"https".equals(authentik.getScheme()) || authentik.getHost() == null) {
            throw new Failed("authentik URL '" + authentik + "' is not https://<host>; the token is a superuser credential and goes "
                    + "only to a server that proves who it is");
        }
        if (identifier == null || !identifier.matches("[A-Za-z0-9_.-]+")) {
            throw new Failed("token identifier '" + identifier + "' is not one; give e.g. authentik-bootstrap-token");
        }
        if (previous == null || previous.isBlank() || next == null || next.isBlank()) {
            throw new Failed("the previous and the new value are both needed (from Vault: the version before the rotation and the "
                    + "current one)");
        }
        if (previous.equals(next)) {
            throw new Failed("the previous and the new value are the same; take the previous one from the Vault version before the rotation");
        }
        var base = authentik.toString().replaceAll("/+$", "");
        var setKey = send(HttpRequest.newBuilder(URI.create(base + "/api/v3/core/tokens/" + identifier + "/set_key/"))
                .header("Authorization", "Bearer " + previous).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(Map.of("key", next)))), "set_key");
        if (setKey == 401 || setKey == 403) {
            throw new Failed("authentik refused the previous value (HTTP " + setKey + "): it is not the key token " + identifier
                    + " has now; take it from the Vault version before the rotation (or the token was already given the new key)");
        }
        if (setKey == 404) {
            throw new Failed("authentik has no token " + identifier + " (HTTP 404); check the identifier under Directory > Tokens");
        }
        if (setKey / 100 != 2) {
            throw new Failed("authentik answered set_key with HTTP " + setKey + "; the token was not changed");
        }
        var me = send(HttpRequest.newBuilder(URI.create(base + "/api/v3/core/users/me/")).header("Authorization", "Bearer " + next).GET(),
                "users/me");
        if (me != 200) {
            throw new Failed("authentik took the new key for " + identifier + " but does not accept it (HTTP " + me + " on "
                    + "/api/v3/core/users/me/); callers holding the new value will be refused");
        }
        return "token " + identifier + " now has the new key: authentik accepts it (checked with /api/v3/core/users/me/)";
    }

    private int send(HttpRequest.Builder request, String step) throws Failed {
        try {
            return client.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (javax.net.ssl.SSLException e) {
            throw new Failed("TLS with authentik failed at " + step + " (" + e.getMessage() + "); give its CA with --ca");
        } catch (IOException e) {
            throw new Failed("authentik did not answer " + step + ": " + (e.getMessage() == null ? "connection failed" : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted at " + step);
        }
    }

    private static String json(Map<String, String> body) {
        var o = new JsonObject();
        body.forEach(o::addProperty);
        return o.toString();
    }
}
