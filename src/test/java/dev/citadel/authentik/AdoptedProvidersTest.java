package dev.citadel.authentik;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.citadel.authentik.ParsedBlueprint.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Adoption (issue 24 item 1): a provider that already runs is changed only in the attribute the intent names (implicit
 * consent: the authorization flow), identified as it is live; a provider Citadel creates gets the full preset. Both
 * validate against authentik's vendored blueprint schema.
 */
class AdoptedProvidersTest {
    private final BlueprintSchema schema = new BlueprintSchema();

    @Test
    void anAdoptedProviderIsNamedAsItIsLiveAndOnlyItsAuthorizationFlowIsWritten() {
        var blueprint = Presets.adoptedFirstPartyOidcApp("Forgejo", "forgejo-oidc");
        var yaml = new BlueprintSet(List.of(blueprint)).files().get("citadel-app-forgejo.yaml");
        var bp = ParsedBlueprint.parse("citadel-app-forgejo.yaml", yaml);
        assertThat(bp.entries()).hasSize(1);
        var provider = bp.byId("provider");
        assertThat(provider).containsEntry("model", Models.OAUTH2_PROVIDER).containsEntry("state", "present");
        assertThat(map(provider, "identifiers")).isEqualTo(Map.of("name", "forgejo-oidc"));
        assertThat(map(provider, "attrs")).isEqualTo(Map.of("authorization_flow",
                new ParsedBlueprint.Find(Models.FLOW, "slug", dev.citadel.contract.AuthentikChartKeys.IMPLICIT_CONSENT_FLOW)));
        assertThat(map(bp.doc(), "metadata").get("labels").toString()).contains("adopted; only the authorization flow changes");
        assertThat(schema.violations(yaml)).isEmpty();
        assertThat(BlueprintSchemaShapeTest.violations(bp)).isEmpty();
    }

    @Test
    void aCreatedProviderGetsTheFullPreset() {
        var yaml = new BlueprintSet(List.of(Presets.firstPartyOidcApp("Forgejo", "https://git.homelab.lan/callback"))).files()
                .get("citadel-app-forgejo.yaml");
        var bp = ParsedBlueprint.parse("citadel-app-forgejo.yaml", yaml);
        assertThat(map(bp.byId("provider"), "attrs")).containsKeys("client_type", "client_id", "redirect_uris", "signing_key",
                "authorization_flow", "invalidation_flow", "property_mappings").containsEntry("client_id", "forgejo");
        assertThat(bp.byId("application")).containsEntry("model", Models.APPLICATION);
        assertThat(schema.violations(yaml)).isEmpty();
    }

    @Test
    void anAppAdoptedAndCreatedAtOnceIsRefused() {
        assertThatThrownBy(() -> new BlueprintSet(List.of(Presets.firstPartyOidcApp("Forgejo", "https://git.homelab.lan/callback"),
                Blueprint.builder("other").add(new BlueprintObject.AdoptedOAuth2Provider("p", "Forgejo", Ref.flow("x"))).build())))
                .hasMessageContaining("is declared twice");
    }
}
