package dev.citadel.policy.rules;

import dev.citadel.policy.EnforcementLevel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImplicitConsentFirstPartyPolicyTest {
    private final ImplicitConsentFirstParty policy = new ImplicitConsentFirstParty();

    @Test
    void blueprintTagsAreReadAsText() {
        var blueprint = Blueprints.parse("""
                version: 1
                entries:
                  - model: authentik_flows.flow
                    id: consent
                    identifiers: {slug: my-consent}
                  - model: authentik_providers_oauth2.oauth2provider
                    attrs:
                      authorization_flow: !KeyOf consent
                      signing_key: !Find [authentik_crypto.certificatekeypair, [name, !Env SIGNING_KEY]]
                """).orElseThrow();
        var provider = Blueprints.entries(blueprint, ImplicitConsentFirstParty.OAUTH2_MODEL).get(0);
        assertThat(provider.get("attrs").get("signing_key").string())
                .contains("!Find [authentik_crypto.certificatekeypair, [name, !Env SIGNING_KEY]]");
        assertThat(Blueprints.resolve(blueprint, provider.get("attrs").get("authorization_flow").string().orElseThrow()))
                .isEqualTo("my-consent");
        assertThat(Blueprints.parse("not: [valid")).isEmpty();
        assertThat(Blueprints.parse("just: a map")).isEmpty();
    }

    @Test
    void aComputedFlowWithNothingToDecideItIsUndecidableAndConfiguredFlowIdsCount() {
        var violations = RuleRun.run(policy, """
                config:
                  explicitConsentFlows: [3d9a2f4e-0c1b-4f7a-9a55-6b1f0f2b8c11]
                resources:
                  - type: authentik:index/providerOauth2:ProviderOauth2
                    name: immich
                    inputs: {name: Immich, authorizationFlow: "[unknown]"}
                  - type: authentik:index/providerOauth2:ProviderOauth2
                    name: forgejo
                    inputs: {name: Forgejo, authorizationFlow: 3d9a2f4e-0c1b-4f7a-9a55-6b1f0f2b8c11}
                """);
        assertThat(violations).hasSize(2).allSatisfy(v -> assertThat(v.level()).isEqualTo(EnforcementLevel.ADVISORY));
        assertThat(violations).anySatisfy(v -> assertThat(v.message()).contains("authorizationFlow of authentik:index/providerOauth2:ProviderOauth2 immich")
                .contains("not known"));
        assertThat(violations).anySatisfy(v -> assertThat(v.message()).contains("OAuth2 provider Forgejo asks for explicit consent"));
    }
}
