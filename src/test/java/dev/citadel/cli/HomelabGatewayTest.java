package dev.citadel.cli;

import dev.citadel.contract.KeycloakObjects;
import dev.citadel.plan.Plan;
import dev.citadel.value.Redacted;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 002 in the homelab stack: Grafana, Hubble UI and the RustFS console behind Envoy Gateway's OIDC policy, one
 * API behind its JWT policy, Headlamp on the API server's client — each reading the realm the stack manages.
 */
class HomelabGatewayTest {
    static final String POLICY = "kubernetes:gateway.envoyproxy.io/v1alpha1:SecurityPolicy";
    private static Plan plan;
    private static List<Map<String, Object>> realmClients;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() {
        plan = PlanCommand.plan(Path.of("."), "homelab");
        // The homelab realm is on the managed target: each client is a keycloak Client, its default scopes the
        // ClientDefaultScopes that depends on it.
        realmClients = plan.ofType(KeycloakObjects.CLIENT).stream().map(c -> {
            var client = new java.util.HashMap<String, Object>();
            client.put("clientId", Redacted.plain(c.inputs().get("clientId")));
            client.put("redirectUris", Redacted.plain(c.inputs().get("validRedirectUris")));
            plan.ofType(KeycloakObjects.CLIENT_DEFAULT_SCOPES).stream().filter(s -> s.dependsOn().contains(c.urn()))
                    .forEach(s -> client.put("defaultClientScopes", Redacted.plain(s.inputs().get("defaultScopes"))));
            return (Map<String, Object>) client;
        }).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(String name) {
        return (Map<String, Object>) Redacted.kubernetesObject(plan.find(POLICY, name).orElseThrow().inputs()).get("spec");
    }

    private static Map<String, Object> client(String id) {
        return realmClients.stream().filter(c -> c.get("clientId").equals(id)).findFirst().orElseThrow();
    }

    /** Seed 002's single SSO client, by choice: one realm client accepting exactly the three apps' redirects, one secret. */
    @SuppressWarnings("unchecked")
    @Test
    void threeAppsBehindOidcShareOneRealmClientAcceptingExactlyTheirRedirects() {
        var redirects = new java.util.ArrayList<Object>();
        for (var app : List.of("grafana", "hubble-ui", "rustfs-console")) {
            var oidc = (Map<String, Object>) spec("homelab-gateway-" + app).get("oidc");
            assertThat(oidc.get("clientID")).isEqualTo("oidc-sso");
            assertThat(oidc.get("redirectURL")).asString().startsWith("https://").endsWith(".homelab.lan/oauth2/callback");
            assertThat(((Map<String, Object>) oidc.get("clientSecret")).get("name")).isEqualTo("oidc-sso");
            redirects.add(oidc.get("redirectURL"));
        }
        assertThat(client("oidc-sso").get("redirectUris")).isEqualTo(redirects);
        assertThat(realmClients).extracting(c -> c.get("clientId")).containsExactlyInAnyOrder("kubernetes", "oidc-sso", "homelab-api");
    }

    @SuppressWarnings("unchecked")
    @Test
    void theApiBehindJwtTrustsTheRealmAndItsClientIssuesRealmRoles() {
        var provider = ((List<Map<String, Object>>) ((Map<String, Object>) spec("homelab-gateway-api").get("jwt")).get("providers")).get(0);
        assertThat(provider.get("issuer")).isEqualTo("https://sso.homelab.lan/realms/homelab");
        assertThat(provider.get("audiences")).isEqualTo(List.of("homelab-api"));
        assertThat((List<String>) client("homelab-api").get("defaultClientScopes")).contains("roles");
    }

    @SuppressWarnings("unchecked")
    @Test
    void headlampLogsInAsTheApiServersClientThroughACallbackThatClientAccepts() {
        var release = plan.resources().stream().filter(r -> r.type().equals("kubernetes:helm.sh/v3:Release")
                && r.name().equals("homelab-headlamp")).findFirst().orElseThrow();
        var oidc = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) Redacted.plain(release.inputs().get("values")))
                .get("config")).get("oidc");
        var talosPatch = plan.outputs().toString();
        assertThat(oidc.get("clientID")).isEqualTo("kubernetes");
        assertThat(talosPatch).contains("oidc-client-id: kubernetes");
        assertThat((List<String>) client("kubernetes").get("redirectUris")).contains((String) oidc.get("callbackURL"));
    }

    @Test
    void thePlanHasNoViolations() {
        var result = Cli.run("plan", "--stack", "homelab");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Policies: no violations");
        assertThat(plan.ofType(POLICY).stream().map(r -> r.name()).collect(Collectors.toSet())).hasSize(4);
    }
}
