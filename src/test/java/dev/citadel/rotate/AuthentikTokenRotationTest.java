package dev.citadel.rotate;

import com.sun.net.httpserver.HttpExchange;
import dev.citadel.verify.LocalHttps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Seed 003's procedure for authentik's bootstrap token, against a fake authentik over verified TLS that keeps one token
 * as authentik does: set_key is accepted only with the token's current key, and afterwards only the new key gets in.
 */
class AuthentikTokenRotationTest {
    private static final String OLD = "old-bootstrap-value-7f3a";
    private static final String NEW = "new-bootstrap-value-91cd";
    private static LocalHttps authentik;
    private static volatile String key = OLD;
    private static final ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        authentik = LocalHttps.start(dir, AuthentikTokenRotationTest::answer);
    }

    @AfterAll
    static void stop() {
        authentik.server().stop(0);
    }

    @BeforeEach
    void reset() {
        key = OLD;
        requests.clear();
    }

    private static void answer(HttpExchange exchange) throws IOException {
        var path = exchange.getRequestURI().getPath();
        var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        var bearer = exchange.getRequestHeaders().getFirst("Authorization");
        requests.add(exchange.getRequestMethod() + " " + path);
        var authorised = ("Bearer " + key).equals(bearer);
        int status;
        if (path.equals("/api/v3/core/tokens/authentik-bootstrap-token/set_key/") && exchange.getRequestMethod().equals("POST")) {
            status = !authorised ? 403 : 204;
            if (authorised) {
                key = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("key").asText();
            }
        } else if (path.startsWith("/api/v3/core/tokens/")) {
            status = 404;
        } else if (path.equals("/api/v3/core/users/me/")) {
            status = authorised ? 200 : 403;
        } else {
            status = 404;
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static String rotate(String identifier, String previous, String next) throws AuthentikTokenRotation.Failed {
        return new AuthentikTokenRotation(authentik.trust(), Duration.ofSeconds(5)).rotate(URI.create(authentik.base() + "/"), identifier,
                previous, next);
    }

    @Test
    void thePreviousValueGivesTheTokenTheNewOneAndTheNewOneGetsIn() throws Exception {
        var line = rotate("authentik-bootstrap-token", OLD, NEW);
        assertThat(key).isEqualTo(NEW);
        assertThat(line).contains("authentik-bootstrap-token now has the new key").doesNotContain(OLD, NEW);
        assertThat(requests).containsExactly("POST /api/v3/core/tokens/authentik-bootstrap-token/set_key/", "GET /api/v3/core/users/me/");
    }

    /** Run twice (or with the values swapped): the previous value no longer works, and the message says where to look. */
    @Test
    void aPreviousValueTheTokenDoesNotHaveIsRefusedWithoutPrintingEither() {
        key = NEW;
        assertThatThrownBy(() -> rotate("authentik-bootstrap-token", OLD, NEW)).isInstanceOf(AuthentikTokenRotation.Failed.class)
                .hasMessageContaining("refused the previous value (HTTP 403)").hasMessageContaining("Vault version before the rotation")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(OLD, NEW));
        assertThat(key).isEqualTo(NEW);
    }

    @Test
    void anUnknownTokenIsNamed() {
        assertThatThrownBy(() -> rotate("no-such-token", OLD, NEW)).hasMessageContaining("authentik has no token no-such-token (HTTP 404)");
        assertThat(key).isEqualTo(OLD);
    }

    @Test
    void plainHttpAndAnUntrustedServerGetNoToken() throws Exception {
        assertThatThrownBy(() -> new AuthentikTokenRotation(authentik.trust(), Duration.ofSeconds(5))
                .rotate(URI.create(authentik.base().replace("https:", "http:")), "authentik-bootstrap-token", OLD, NEW))
                .hasMessageContaining("is not https://<host>");
        assertThatThrownBy(() -> new AuthentikTokenRotation(javax.net.ssl.SSLContext.getDefault(), Duration.ofSeconds(5))
                .rotate(URI.create(authentik.base()), "authentik-bootstrap-token", OLD, NEW))
                .hasMessageContaining("TLS with authentik failed at set_key").hasMessageContaining("--ca");
        assertThat(requests).isEmpty();
        assertThat(key).isEqualTo(OLD);
    }
}
