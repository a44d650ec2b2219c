package dev.citadel.cli;

import dev.citadel.plan.Plan;
import dev.citadel.value.Redacted;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * citadel:identity.headlamp.clientId naming a client other than the API server's: from that one setting the realm gets
 * Headlamp's public client (PKCE, its callback, the groups scope), the structured AuthenticationConfiguration accepts
 * it as a second audience, and the chart logs in through it. The talos twin is refused (PlanErrorsTest).
 */
class HeadlampOwnClientStackTest {
    private static final String PROJECT = "src/test/resources/projects/headlamp-own-client";

    @SuppressWarnings("unchecked")
    @Test
    void oneSettingGivesTheRealmHeadlampsClientAndTheApiServerASecondAudience() {
        Plan plan = PlanCommand.plan(Path.of(PROJECT), "structured");
        var realm = (Map<String, Object>) ((Map<String, Object>) Redacted.kubernetesObject(plan.find(
                "kubernetes:k8s.keycloak.org/v2alpha1:KeycloakRealmImport", "fixture").orElseThrow().inputs()).get("spec")).get("realm");
        var client = ((List<Map<String, Object>>) realm.get("clients")).stream().filter(c -> c.get("clientId").equals("headlamp"))
                .findFirst().orElseThrow();
        assertThat(client).containsEntry("publicClient", true)
                .containsEntry("redirectUris", List.of("https://headlamp.fixture.lan/oidc-callback"));
        assertThat((List<String>) client.get("defaultClientScopes")).contains("groups");
        assertThat((Map<String, Object>) client.get("attributes")).containsEntry("pkce.code.challenge.method", "S256");

        var config = (Map<String, Object>) new Yaml().load((String) Redacted.plain(plan.outputs().get("authenticationConfiguration")));
        var issuer = (Map<String, Object>) ((List<Map<String, Object>>) config.get("jwt")).get(0).get("issuer");
        assertThat(issuer).containsEntry("audiences", List.of("kubernetes", "headlamp")).containsEntry("audienceMatchPolicy", "MatchAny");

        var release = plan.find("kubernetes:helm.sh/v3:Release", "structured-headlamp").orElseThrow();
        var oidc = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) Redacted.plain(release.inputs().get("values")))
                .get("config")).get("oidc");
        assertThat(oidc).containsEntry("clientID", "headlamp").containsEntry("callbackURL", "https://headlamp.fixture.lan/oidc-callback");

        var result = Cli.run("plan", "--stack", "structured", "--project-dir", PROJECT);
        assertThat(result.exitCode()).as("stderr: %s", result.err()).isZero();
        assertThat(result.out()).contains("Policies: no violations");
    }
}
