package dev.citadel.policy.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InertHelmValuesPolicyTest {
    private final InertHelmValues policy = new InertHelmValues();

    @Test
    void anUnknownExistingSecretIsUndecidableAndValuesAreNeverPrinted() {
        var unknown = RuleRun.messages(policy, """
                resources:
                  - type: kubernetes:helm.sh/v3:Release
                    name: authentik
                    inputs:
                      chart: authentik
                      values: {authentik: {existingSecret: {secretName: "[unknown]"}, secret_key: s3cr3t-value}}
                """);
        assertThat(unknown).singleElement().asString()
                .contains("authentik.existingSecret.secretName").contains("authentik.secret_key").contains("not known")
                .doesNotContain("s3cr3t-value");
        var known = RuleRun.messages(policy, """
                resources:
                  - type: kubernetes:helm.sh/v3:Release
                    name: authentik
                    inputs:
                      chart: authentik
                      values: {authentik: {existingSecret: {secretName: authentik-secrets}, secret_key: s3cr3t-value, email: {host: ""}}}
                """);
        assertThat(known).singleElement().asString().contains("sets authentik.secret_key while").contains("AUTHENTIK_SECRET_KEY")
                .doesNotContain("s3cr3t-value").doesNotContain("email");
    }

    @Test
    void otherChartsAreIgnored() {
        assertThat(RuleRun.messages(policy, """
                resources:
                  - type: kubernetes:helm.sh/v3:Release
                    name: keycloak
                    inputs: {chart: keycloak, values: {authentik: {existingSecret: {secretName: x}, web: {workers: 4}}}}
                """)).isEmpty();
    }
}
