package dev.citadel.names;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubernetesNamesTest {
    private static final Pattern SUGGESTION = Pattern.compile("use e\\.g\\. '([^']*)'");

    @Test
    void acceptsTypicalNamespacesAndNames() {
        assertThat(KubernetesNames.label("namespace", "cert-manager")).isEqualTo("cert-manager");
        assertThat(KubernetesNames.label("namespace", "a".repeat(63))).hasSize(63);
        assertThat(KubernetesNames.subdomain("name", "powerdns-api-key.v2")).isEqualTo("powerdns-api-key.v2");
        assertThat(KubernetesNames.secretKey("key", "PDNS_API_KEY")).isEqualTo("PDNS_API_KEY");
        assertThat(KubernetesNames.secretKey("key", "tls.crt")).isEqualTo("tls.crt");
    }

    @Test
    void labelRejectsUppercaseAndUnderscoreAndSuggestsAFix() {
        assertThatThrownBy(() -> KubernetesNames.label("namespace", "Cert_Manager"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("namespace: 'Cert_Manager' is not a valid DNS-1123 label")
                .hasMessageEndingWith("use e.g. 'cert-manager'");
    }

    @Test
    void labelRejectsEmpty() {
        assertThatThrownBy(() -> KubernetesNames.label("namespace", ""))
                .hasMessage("namespace is empty; give a DNS-1123 label such as 'dns-system'");
    }

    @Test
    void labelRejects64Characters() {
        assertThatThrownBy(() -> KubernetesNames.label("namespace", "a".repeat(64)))
                .hasMessageContaining("at most 63 characters")
                .hasMessageEndingWith("use e.g. '" + "a".repeat(63) + "'");
    }

    @Test
    void labelRejectsDotsThatASubdomainAllows() {
        assertThat(KubernetesNames.subdomain("name", "a.b")).isEqualTo("a.b");
        assertThatThrownBy(() -> KubernetesNames.label("namespace", "a.b")).hasMessageEndingWith("use e.g. 'a-b'");
    }

    @Test
    void subdomainRejectsLeadingDash() {
        assertThatThrownBy(() -> KubernetesNames.subdomain("secretName", "-powerdns"))
                .hasMessageContaining("secretName: '-powerdns' is not a valid Kubernetes object name")
                .hasMessageEndingWith("use e.g. 'powerdns'");
    }

    @Test
    void secretKeyRejectsSpacesAndSlashes() {
        assertThatThrownBy(() -> KubernetesNames.secretKey("key", "api key"))
                .hasMessage("key: 'api key' is not a valid Secret key (letters, digits, '-', '_' and '.', at most 253 characters); use e.g. 'password'");
        assertThatThrownBy(() -> KubernetesNames.secretKey("key", "a/b")).hasMessageContaining("'a/b'");
    }

    /** Whatever name is rejected, the name the message suggests instead is accepted. */
    @Property
    void theSuggestedLabelIsAValidLabel(@ForAll @StringLength(min = 1, max = 80) String name) {
        assertSuggestionAccepted(v -> KubernetesNames.label("namespace", v), name);
    }

    @Property
    void theSuggestedNameIsAValidSubdomain(@ForAll @StringLength(min = 1, max = 300) String name) {
        assertSuggestionAccepted(v -> KubernetesNames.subdomain("secretName", v), name);
    }

    private static void assertSuggestionAccepted(UnaryOperator<String> check, String name) {
        try {
            check.apply(name);
        } catch (IllegalArgumentException e) {
            var suggested = suggestion(e);
            assertThat(check.apply(suggested)).isEqualTo(suggested);
        }
    }

    private static String suggestion(IllegalArgumentException e) {
        var m = SUGGESTION.matcher(e.getMessage());
        assertThat(m.find()).as("a suggestion in: " + e.getMessage()).isTrue();
        return m.group(1);
    }
}
