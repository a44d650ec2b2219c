package dev.citadel.identity.keycloak;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JavaHomesTest {
    @TempDir
    Path jvm;

    Path jdk(String name, String version) throws IOException {
        var home = jvm.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("bin/java"), "");
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"" + version + "\"\nJAVA_VERSION_DATE=\"2026-01-01\"\n");
        return home;
    }

    @Test
    void picksTheNewestJdkOfAtLeast21WhenNothingIsSet() throws IOException {
        jdk("java-17", "17.0.15");
        jdk("jdk-21", "21.0.4");
        var newest = jdk("temurin-25", "25.0.3");
        Files.createDirectories(jvm.resolve("openjdk-17"));   // no bin/java, no release: not a JDK

        assertThat(JavaHomes.find(Map.of(), jvm)).isEqualTo(new JavaHomes.Jdk(newest.toAbsolutePath(), 25));
    }

    @Test
    void theExplicitVariableWinsAndJavaHomeCountsOnlyFrom21() throws IOException {
        var java17 = jdk("java-17", "17.0.15");
        var java21 = jdk("jdk-21", "21");
        jdk("temurin-25", "25.0.3");

        assertThat(JavaHomes.find(Map.of(JavaHomes.ENV, java21.toString()), jvm).feature()).isEqualTo(21);
        assertThat(JavaHomes.find(Map.of("JAVA_HOME", java21.toString()), jvm).feature()).isEqualTo(21);
        assertThat(JavaHomes.find(Map.of("JAVA_HOME", java17.toString()), jvm).feature()).isEqualTo(25);
    }

    @Test
    void anExplicitJdkThatIsTooOldIsAnError() throws IOException {
        var java17 = jdk("java-17", "17.0.15");

        assertThatThrownBy(() -> JavaHomes.find(Map.of(JavaHomes.ENV, java17.toString()), jvm))
                .hasMessageContaining("is Java 17").hasMessageContaining("Keycloak 26 needs Java >= 21");
    }

    @Test
    void withoutAJdk21TheMessageSaysWhatWasFoundAndWhatToSet() throws IOException {
        var java17 = jdk("java-17", "17.0.15");

        assertThatThrownBy(() -> JavaHomes.find(Map.of("JAVA_HOME", java17.toString()), jvm))
                .hasMessageContaining("Keycloak 26 needs Java >= 21")
                .hasMessageContaining("JAVA_HOME " + java17 + " (Java 17)")
                .hasMessageContaining(java17 + " (Java 17)")
                .hasMessageContaining("set CITADEL_KEYCLOAK_JAVA_HOME");
    }

    @Test
    void versionsOldAndNew() {
        assertThat(JavaHomes.feature("1.8.0_402")).contains(8);
        assertThat(JavaHomes.feature("25.0.3")).contains(25);
        assertThat(JavaHomes.feature("21")).contains(21);
        assertThat(JavaHomes.feature("26-ea")).contains(26);
        assertThat(JavaHomes.feature("x")).isEmpty();
    }
}
