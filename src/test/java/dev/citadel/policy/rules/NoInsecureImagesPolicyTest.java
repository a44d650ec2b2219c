package dev.citadel.policy.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NoInsecureImagesPolicyTest {
    private final NoInsecureImages policy = new NoInsecureImages();

    @Test
    void stringSwitchesCountAndUnknownSwitchesAreUndecidable() {
        var messages = RuleRun.messages(policy, """
                resources:
                  - apiVersion: helm.toolkit.fluxcd.io/v2
                    kind: HelmRelease
                    metadata: {name: keycloak, namespace: keycloak}
                    spec:
                      chart: {spec: {chart: keycloak, version: 24.4.1}}
                      values:
                        global: {security: {allowInsecureImages: "true"}}
                        imageRegistry: {insecure: "[unknown]"}
                """);
        assertThat(messages).hasSize(2);
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("Helm release keycloak (chart keycloak 24.4.1)")
                .contains("values.global.security.allowInsecureImages is true"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("values.imageRegistry.insecure").contains("not known"));
    }
}
