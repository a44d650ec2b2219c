package dev.citadel.cli;

import dev.citadel.authentik.BlueprintSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Every blueprint the homelab stack ships validates against authentik's own blueprint schema ({@link BlueprintSchema}). */
class HomelabBlueprintsAgainstTheSchemaTest {
    private static BlueprintSchema schema;
    private static Map<String, String> blueprints;

    @BeforeAll
    static void load() {
        schema = new BlueprintSchema();
        var plan = PlanCommand.plan(Path.of("."), "homelab");
        blueprints = new TreeMap<String, String>();
        HomelabAuthentikTest.blueprints(plan).forEach((file, yaml) -> blueprints.put(file, (String) yaml));
    }

    @Test
    void everyShippedBlueprintValidates() {
        assertThat(blueprints).hasSizeGreaterThanOrEqualTo(10);
        var failures = new ArrayList<String>();
        blueprints.forEach((file, yaml) -> schema.violations(yaml).forEach(v -> failures.add(file + " " + v)));
        assertThat(failures).isEmpty();
    }

    /**
     * Seed 001's six providers exist and only their consent flow changed by hand: the homelab adopts them, so each
     * blueprint names its provider and sets the authorization flow, and writes no client id, key, scope or redirect URI
     * that would re-key the app's SSO.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theSixAdoptedProvidersCarryOnlyTheirNameAndTheAuthorizationFlow() {
        var apps = Map.of("citadel-app-vault.yaml", "Vault", "citadel-app-forgejo.yaml", "Forgejo", "citadel-app-immich.yaml", "Immich",
                "citadel-app-headscale.yaml", "Headscale", "citadel-app-linkwarden.yaml", "linkwarden",
                "citadel-app-cloudflare-access.yaml", "Cloudflare Access");
        apps.forEach((file, provider) -> {
            var yaml = blueprints.get(file);
            assertThat(yaml).as(file).contains("!Find [authentik_flows.flow, [slug, default-provider-authorization-implicit-consent]]")
                    .doesNotContain("client_id", "signing_key", "redirect_uris", "property_mappings");
            var doc = BlueprintSchema.read(yaml);
            var entries = (List<Map<String, Object>>) doc.get("entries");
            assertThat(entries).as(file).hasSize(1);
            assertThat(entries.get(0)).containsEntry("model", "authentik_providers_oauth2.oauth2provider")
                    .containsEntry("identifiers", Map.of("name", provider));
            assertThat(((Map<String, Object>) entries.get(0).get("attrs")).keySet()).containsExactly("authorization_flow");
            assertThat(((Map<String, Object>) doc.get("metadata")).get("labels").toString()).contains("adopted");
        });
    }

    /** The negative twin: the validator does reject what authentik would, here a designation it does not know. */
    @Test
    void aBlueprintWithAnUnknownFlowDesignationFails() {
        var yaml = blueprints.get("citadel-invitation-enrollment.yaml").replaceFirst("designation: enrollment", "designation: signup");
        assertThat(yaml).contains("designation: signup");
        assertThat(schema.violations(yaml)).isNotEmpty();
    }
}
