package dev.citadel.secrets;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Seed 003's second failure: a workload left on a stale value. Reloader restarts it when its Secrets change. */
class ReloaderTest {

    /** Runs {@code use} inside a program with three secrets: two consumed in authentik, one synced elsewhere. */
    private static <T> T withSecrets(Function<VaultBackedSecret[], T> use) {
        var result = new Object[1];
        SecretPlans.plan(ctx -> {
            var postgres = new VaultBackedSecret("authentik-postgres", args("authentik/postgres").syncTo("authentik").build(), null);
            var bootstrap = new VaultBackedSecret("authentik-bootstrap", args("authentik/bootstrap")
                    .syncTo("authentik").syncTo("authentik-jobs", "bootstrap-token").build(), null);
            var dns = new VaultBackedSecret("powerdns-api-key", args("dns/powerdns-api-key").syncTo("dns-system").build(), null);
            result[0] = use.apply(new VaultBackedSecret[] {postgres, bootstrap, dns});
        });
        @SuppressWarnings("unchecked")
        var typed = (T) result[0];
        return typed;
    }

    private static VaultBackedSecretArgs.Builder args(String path) {
        return VaultBackedSecretArgs.builder().store(SecretPlans.STORE).path(path).generate("password");
    }

    @Test
    void annotationListsTheSecretNamesSortedAndCommaJoined() {
        var annotations = withSecrets(s -> Reloader.annotations("authentik", s[0], s[1]));
        assertThat(annotations).isEqualTo(Map.of(
                "secret.reloader.stakater.com/reload", "authentik-bootstrap,authentik-postgres"));
    }

    @Test
    void annotationUsesTheSecretNameOfThatNamespace() {
        var annotations = withSecrets(s -> Reloader.annotations("authentik-jobs", s[1]));
        assertThat(annotations).containsEntry(Reloader.SECRET_ANNOTATION, "bootstrap-token");
    }

    @Test
    void aSecretGivenTwiceIsListedOnce() {
        var annotations = withSecrets(s -> Reloader.annotations("authentik", s[0], s[0]));
        assertThat(annotations).containsEntry(Reloader.SECRET_ANNOTATION, "authentik-postgres");
    }

    @Test
    void annotateKeepsExistingAnnotationsAndMergesAnExistingReloadList() {
        var merged = withSecrets(s -> Reloader.annotate(ObjectMetaArgs.builder()
                        .name("authentik-server")
                        .annotations(Map.of(
                                "prometheus.io/scrape", "true",
                                Reloader.SECRET_ANNOTATION, "zz-smtp, authentik-postgres"))
                        .build(),
                "authentik", s[0], s[1]));
        assertThat(merged.name().map(SecretPlans::data).map(d -> d.getValueNullable())).contains("authentik-server");
        assertThat(annotationsOf(merged)).isEqualTo(Map.of(
                "prometheus.io/scrape", "true",
                Reloader.SECRET_ANNOTATION, "authentik-bootstrap,authentik-postgres,zz-smtp"));
    }

    @Test
    void annotateAddsTheAnnotationToMetadataWithoutAny() {
        var merged = withSecrets(s -> Reloader.annotate(ObjectMetaArgs.builder().name("powerdns").build(), "dns-system", s[2]));
        assertThat(annotationsOf(merged)).isEqualTo(Map.of(Reloader.SECRET_ANNOTATION, "powerdns-api-key"));
    }

    @Test
    void aNamespaceThatDoesNotConsumeTheSecretIsAnErrorThatSaysHowToFixIt() {
        assertThatThrownBy(() -> withSecrets(s -> Reloader.annotations("monitoring", s[0], s[2])))
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'monitoring'")
                .hasMessageContaining("'authentik-postgres'")
                .hasMessageContaining("does not consume")
                .hasMessageContaining("[authentik]")
                .hasMessageContaining("add 'monitoring' to its syncTo");
    }

    private static Map<String, String> annotationsOf(ObjectMetaArgs metadata) {
        Output<Map<String, String>> annotations = metadata.annotations().orElseThrow();
        return SecretPlans.data(annotations).getValueNullable();
    }

    @Test
    void anAnnotationForNoSecretsIsAMistake() {
        assertThatThrownBy(() -> Reloader.annotations("dns-system"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no secrets given")
                .hasMessageContaining("'dns-system'");
    }
}
