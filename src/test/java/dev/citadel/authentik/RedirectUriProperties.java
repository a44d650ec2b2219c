package dev.citadel.authentik;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 23, URLs and blueprint YAML: a strict redirect URI is parsed as a URI. {@code http://localhost.attacker.example/cb}
 * passed a {@code startsWith("http://localhost")} check; now a string is refused at build() with one line, or it is an
 * https (or loopback http) URI that the blueprint's YAML carries as exactly one scalar.
 */
class RedirectUriProperties {

    @Test
    void aHostThatOnlyStartsLikeLocalhostIsNotLocalhost() {
        assertThatThrownBy(() -> BlueprintObject.RedirectUri.strict("http://localhost.attacker.example/cb"))
                .hasMessage("redirect uri 'http://localhost.attacker.example/cb' is not https; authorization codes would cross the "
                        + "network in clear; use https:// (plain http only for localhost, 127.0.0.1 or [::1] itself)");
        assertThatThrownBy(() -> BlueprintObject.RedirectUri.strict("https://grafana.lan@attacker.example/cb"))
                .hasMessageContaining("user info");
        assertThatCode(() -> BlueprintObject.RedirectUri.strict("http://localhost:8000/oauth2/callback")).doesNotThrowAnyException();
        assertThatCode(() -> BlueprintObject.RedirectUri.strict("http://127.0.0.1:18000")).doesNotThrowAnyException();
        assertThatCode(() -> BlueprintObject.RedirectUri.strict("https://grafana.lan/login/generic_oauth")).doesNotThrowAnyException();
    }

    /** The shrunk case the property found: a redirect URI that is only a line break was echoed raw, splitting the error. */
    @Test
    void aBlankRedirectUriIsRefusedOnOneLine() {
        assertThatThrownBy(() -> BlueprintObject.RedirectUri.strict("\r")).hasMessage("redirect uri is '\\u000d'; give the URL the app "
                + "receives the code at");
    }

    @Provide
    Arbitrary<String> urls() {
        var tail = Arbitraries.strings().withChars("az09:/@#?&=.%[] \r\n\t\"'{}\\\u202e-").ofMaxLength(20);
        var scheme = Arbitraries.of("https://", "http://", "http://localhost", "http://127.0.0.1", "HTTPS://", "javascript:", "");
        return Arbitraries.oneOf(scheme.flatMap(s -> tail.map(t -> s + t)),
                Arbitraries.of("http://localhost.attacker.example/cb", "https://a.example/cb\r\nx: y", "http://[::1]:9/cb"));
    }

    @Property(tries = 300)
    void refusedInOneLineOrOneHttpsUriInOneYamlScalar(@ForAll("urls") String url) {
        BlueprintObject.RedirectUri uri;
        try {
            uri = BlueprintObject.RedirectUri.strict(url);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r");
            return;
        }
        var parsed = URI.create(url);
        var scheme = parsed.getScheme().toLowerCase(java.util.Locale.ROOT);
        assertThat(scheme.equals("https") || List.of("localhost", "127.0.0.1", "[::1]").contains(parsed.getHost())).as(url).isTrue();
        assertThat(parsed.getUserInfo()).isNull();
        var yaml = new Yaml();
        Map<?, ?> back = yaml.load(yaml.dump(uri.yaml()));
        assertThat(back.get("url")).isEqualTo(url);
    }
}
