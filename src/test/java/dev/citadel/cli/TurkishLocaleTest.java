package dev.citadel.cli;

import dev.citadel.names.KubernetesNames;
import dev.citadel.testing.Read;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * In Turkish, lower-casing "INGRESS" without Locale.ROOT gives "ıngress" (dotless i): a raw manifest of kind Ingress got another
 * resource name, so another URN, and {@code pulumi up} from a Turkish machine replaced live objects.
 * Names must come out ASCII whatever the JVM's default locale.
 */
class TurkishLocaleTest {
    private Locale saved;

    @BeforeEach
    void turkish() {
        saved = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
    }

    @AfterEach
    void restore() {
        Locale.setDefault(saved);
    }

    @Test
    void aNameSuggestionStaysAscii() {
        assertThatThrownBy(() -> KubernetesNames.label("namespace", "APP_INGRESS"))
                .hasMessageEndingWith("use e.g. 'app-ingress'");
    }

    @Test
    void aManifestOfAnUpperCaseKindKeepsItsAsciiResourceName() {
        var result = Cli.run("plan", "--stack", "zones", "--project-dir", Read.testProject("determinism").toString(), "--format", "json");

        assertThat(result.exitCode()).as("stderr: %s", result.err()).isZero();
        assertThat(result.out()).contains("identity-ingress-app-ingress-web").doesNotContain("ıngress");
    }

    @Test
    void noCaseConversionInTheSourcesDependsOnTheDefaultLocale() throws IOException {
        var bare = Pattern.compile("\\.to(Lower|Upper)Case\\(\\s*\\)");
        try (var files = Files.walk(Path.of("src", "main", "java"))) {
            var offenders = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return bare.matcher(Files.readString(f)).find();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            assertThat(offenders).as("toLowerCase()/toUpperCase() without Locale.ROOT").isEmpty();
        }
    }
}
