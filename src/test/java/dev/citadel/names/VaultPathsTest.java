package dev.citadel.names;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VaultPathsTest {
    private static final Pattern WRITE = Pattern.compile("write '([^']*)'");

    @Test
    void acceptsPathsInsideTheMount() {
        assertThat(VaultPaths.secretPath("path", "dns/powerdns-api-key")).isEqualTo("dns/powerdns-api-key");
        assertThat(VaultPaths.secretPath("path", "authentik")).isEqualTo("authentik");
        assertThat(VaultPaths.secretPath("path", "team_a/app.v2/db-password")).isEqualTo("team_a/app.v2/db-password");
        assertThat(VaultPaths.mount("kvMount", "kv/platform")).isEqualTo("kv/platform");
    }

    @Test
    void leadingSlash() {
        assertThatThrownBy(() -> VaultPaths.secretPath("path", "/leading"))
                .hasMessage("path: '/leading' has a leading or trailing '/'; write 'leading'");
    }

    @Test
    void trailingSlash() {
        assertThatThrownBy(() -> VaultPaths.secretPath("path", "trailing/"))
                .hasMessage("path: 'trailing/' has a leading or trailing '/'; write 'trailing'");
    }

    @Test
    void emptySegment() {
        assertThatThrownBy(() -> VaultPaths.secretPath("path", "a//b"))
                .hasMessage("path: 'a//b' has an empty segment ('//'); write 'a/b'");
    }

    @Test
    void kvV2DataPrefix() {
        assertThatThrownBy(() -> VaultPaths.secretPath("path", "data/foo"))
                .hasMessage("path: 'data/foo' starts with the KV v2 API prefix 'data/'; give the path inside the mount, e.g. 'foo'");
    }

    @Test
    void kvV2MetadataPrefix() {
        assertThatThrownBy(() -> VaultPaths.secretPath("path", "metadata/dns/key"))
                .hasMessageContaining("'metadata/'")
                .hasMessageEndingWith("e.g. 'dns/key'");
    }

    @Test
    void dotDotSegment() {
        assertThatThrownBy(() -> VaultPaths.secretPath("path", "../x"))
                .hasMessageStartingWith("path: '../x' has the segment '..'")
                .hasMessageEndingWith("e.g. 'dns/powerdns-api-key'");
    }

    @Test
    void empty() {
        assertThatThrownBy(() -> VaultPaths.secretPath("path", ""))
                .hasMessage("path is empty; give a Vault path such as 'dns/powerdns-api-key'");
        assertThatThrownBy(() -> VaultPaths.mount("kvMount", " "))
                .hasMessage("kvMount is empty; give a Vault path such as 'secret'");
    }

    @Test
    void onlySlashesSuggestAnExampleRatherThanAnEmptyPath() {
        assertThatThrownBy(() -> VaultPaths.secretPath("path", "/"))
                .hasMessageContaining("'/'")
                .hasMessageEndingWith("write 'dns/powerdns-api-key'");
    }

    /** A clean path with stray slashes added is rejected, and the message's fix is exactly the clean path. */
    @Property
    void theSuggestedFixForStraySlashesIsTheCleanPath(@ForAll("segments") List<String> segments,
                                                      @ForAll boolean leading, @ForAll boolean trailing,
                                                      @ForAll("doubled") int doubled) {
        var clean = String.join("/", segments);
        var sloppy = new StringBuilder(leading ? "/" : "");
        for (int i = 0; i < segments.size(); i++) {
            sloppy.append(i > 0 ? (i == doubled % segments.size() ? "//" : "/") : "").append(segments.get(i));
        }
        if (trailing) {
            sloppy.append('/');
        }
        var path = sloppy.toString();
        if (path.equals(clean)) {
            assertThat(VaultPaths.secretPath("path", path)).isEqualTo(clean);
            return;
        }
        assertThatThrownBy(() -> VaultPaths.secretPath("path", path)).satisfies(e -> {
            var m = WRITE.matcher(e.getMessage());
            assertThat(m.find()).as(e.getMessage()).isTrue();
            assertThat(m.group(1)).as(e.getMessage()).isEqualTo(clean);
        });
    }

    @Provide
    Arbitrary<List<String>> segments() {
        var segment = Arbitraries.strings().withChars("abcXYZ019._-").ofMinLength(1).ofMaxLength(8)
                .filter(s -> Character.isLetterOrDigit(s.charAt(0)))
                .filter(s -> !s.equals("data") && !s.equals("metadata"));
        return segment.list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<Integer> doubled() {
        return Arbitraries.integers().between(0, 3);
    }
}
