package dev.citadel.cli;

import dev.citadel.verify.LocalHttps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code citadel rotate-authentik-token} as a user runs it after a persistedAtInit rotation: the values from the
 * environment, authentik's CA from a file, one line out, neither value printed, exit 1 when authentik refuses.
 */
class RotateTokenCommandTest {
    private static final String OLD = "previous-token-value-5e1b";
    private static final String NEW = "rotated-token-value-0c4d";
    private static LocalHttps authentik;
    private static volatile String key = OLD;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        authentik = LocalHttps.start(dir, exchange -> {
            var path = exchange.getRequestURI().getPath();
            var body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            var ok = ("Bearer " + key).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            int status = 404;
            if (path.equals("/api/v3/core/tokens/authentik-bootstrap-token/set_key/")) {
                status = ok ? 204 : 403;
                if (ok) {
                    key = com.google.gson.JsonParser.parseString(body).getAsJsonObject().get("key").getAsString();
                }
            } else if (path.equals("/api/v3/core/users/me/")) {
                status = ok ? 200 : 403;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
    }

    @AfterAll
    static void stop() {
        authentik.server().stop(0);
    }

    private static String[] run(Map<String, String> env) {
        var out = new StringWriter();
        var err = new StringWriter();
        var cli = new CommandLine(new RotateTokenCommand(env::get)).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        var code = cli.execute("--url", authentik.base(), "--ca-file", authentik.caPem().toString());
        return new String[]{Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void theRotatedValueReachesTheTokenAndASecondRunIsRefusedNamingWhereTheValuesCameFrom() {
        var env = Map.of("CITADEL_PREVIOUS_TOKEN", OLD, "CITADEL_NEW_TOKEN", NEW);
        var first = run(env);
        assertThat(first[0]).isEqualTo("0");
        assertThat(first[1].lines()).containsExactly(
                "token authentik-bootstrap-token now has the new key: authentik accepts it (checked with /api/v3/core/users/me/)");
        assertThat(key).isEqualTo(NEW);
        var second = run(env);
        assertThat(second[0]).isEqualTo("1");
        assertThat(second[2].lines()).hasSize(1);
        assertThat(second[2]).startsWith("citadel: authentik refused the previous value (HTTP 403)")
                .contains("$CITADEL_PREVIOUS_TOKEN and $CITADEL_NEW_TOKEN");
        assertThat(first[1] + first[2] + second[1] + second[2]).doesNotContain(OLD, NEW);
    }
}
