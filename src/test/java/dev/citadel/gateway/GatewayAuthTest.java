package dev.citadel.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.citadel.identity.KeycloakRealm;
import dev.citadel.plan.Plan;
import dev.citadel.plan.PlanRunner;
import dev.citadel.plan.Registration;
import dev.citadel.value.Redacted;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What GatewayAuth renders from the homelab realm, read as Envoy Gateway and the Gateway API read it, and every
 * object against the CRD schemas (vendored subsets of envoy-gateway v1.9.0 and gateway-api v1.6.1).
 */
class GatewayAuthTest {
    static final String POLICY = "kubernetes:gateway.envoyproxy.io/v1alpha1:SecurityPolicy";
    static final String ROUTE = "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Schema policySchema;
    private static Schema routeSchema;
    private static Plan plan;

    @BeforeAll
    static void load() throws IOException {
        policySchema = schema("/gateway/securitypolicy-v1alpha1.schema.json");
        routeSchema = schema("/gateway/httproute-v1.schema.json");
        plan = plan(GatewayFixtures.realm().build());
    }

    static Schema schema(String resource) throws IOException {
        try (var in = GatewayAuthTest.class.getResourceAsStream(resource)) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(JSON.readTree(in));
        }
    }

    static Plan plan(dev.citadel.identity.KeycloakRealmArgs realmArgs) {
        return new PlanRunner("citadel", "test", Map.of(), Set.of()).run(ctx -> {
            new KeycloakRealm("homelab", realmArgs);
            new GatewayAuth("homelab-gateway", GatewayFixtures.args(realmArgs).build());
        });
    }

    static Map<String, Object> object(Registration r) {
        return Redacted.kubernetesObject(r.inputs());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> spec(Plan plan, String type, String name) {
        return (Map<String, Object>) object(plan.find(type, name).orElseThrow()).get("spec");
    }

    @SuppressWarnings("unchecked")
    @Test
    void theJwtPolicyTakesIssuerAudienceAndJwksFromTheRealmAndCachesKeysFor300s() {
        var jwt = (Map<String, Object>) spec(plan, POLICY, "homelab-gateway-api").get("jwt");
        var provider = ((List<Map<String, Object>>) jwt.get("providers")).get(0);
        assertThat(provider.get("issuer")).isEqualTo("https://sso.homelab.lan/realms/homelab");
        assertThat(provider.get("audiences")).isEqualTo(List.of("homelab-api"));
        assertThat(provider.get("remoteJWKS")).isEqualTo(Map.of(
                "uri", "https://sso.homelab.lan/realms/homelab/protocol/openid-connect/certs", "cacheDuration", "300s"));
        assertThat((List<Map<String, Object>>) provider.get("claimToHeaders")).extracting(m -> m.get("claim"))
                .containsExactly("sub", "email", "groups", "preferred_username", "realm_access.roles");
    }

    /** Forwarding realm_access.roles gave the realm client the roles scope: the claim is issued, the header filled. */
    @SuppressWarnings("unchecked")
    @Test
    void theApiClientInTheRealmHasTheRolesScopeAndPutsItsIdInTheAccessTokensAudience() throws IOException {
        var realmImport = object(plan.find("kubernetes:k8s.keycloak.org/v2alpha1:KeycloakRealmImport", "homelab").orElseThrow());
        var clients = (List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) realmImport.get("spec")).get("realm")).get("clients");
        var api = clients.stream().filter(c -> c.get("clientId").equals("homelab-api")).findFirst().orElseThrow();
        assertThat((List<String>) api.get("defaultClientScopes")).contains("roles");
        var mappers = (List<Map<String, Object>>) api.get("protocolMappers");
        assertThat(mappers).extracting(m -> m.get("protocolMapper")).containsExactly("oidc-audience-mapper");
        assertThat(((Map<String, Object>) mappers.get(0).get("config")).get("included.client.audience")).isEqualTo("homelab-api");
    }

    @SuppressWarnings("unchecked")
    @Test
    void theOidcPolicyRedirectsOverHttpsToTheRoutesHostAndTheRealmClientAcceptsExactlyThatUrl() {
        var oidc = (Map<String, Object>) spec(plan, POLICY, "homelab-gateway-grafana").get("oidc");
        assertThat(oidc.get("provider")).isEqualTo(Map.of("issuer", "https://sso.homelab.lan/realms/homelab"));
        assertThat(oidc.get("clientID")).isEqualTo("grafana");
        assertThat(oidc.get("clientSecret")).isEqualTo(Map.of("kind", "Secret", "name", "grafana-oidc"));
        assertThat(oidc.get("redirectURL")).isEqualTo("https://grafana.homelab.lan/oauth2/callback");
        assertThat(oidc.get("logoutPath")).isEqualTo("/logout");
        assertThat(oidc.get("cookieDomain")).isEqualTo("homelab.lan");
        var route = spec(plan, ROUTE, "homelab-gateway-grafana-route");
        assertThat(route.get("hostnames")).isEqualTo(List.of("grafana.homelab.lan"));
        assertThat((List<Map<String, Object>>) route.get("rules")).singleElement()
                .satisfies(r -> assertThat(r.get("matches")).isEqualTo(List.of(Map.of("path", Map.of("type", "PathPrefix", "value", "/")))));

        var realmImport = object(plan.find("kubernetes:k8s.keycloak.org/v2alpha1:KeycloakRealmImport", "homelab").orElseThrow());
        var clients = (List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) realmImport.get("spec")).get("realm")).get("clients");
        var grafana = clients.stream().filter(c -> c.get("clientId").equals("grafana")).findFirst().orElseThrow();
        assertThat(grafana.get("redirectUris")).isEqualTo(List.of(oidc.get("redirectURL")));
        assertThat(grafana.get("publicClient")).isEqualTo(false);
    }

    @Test
    void theHubblePolicyDefaultsItsCookieToItsOwnHost() {
        @SuppressWarnings("unchecked")
        var oidc = (Map<String, Object>) spec(plan, POLICY, "homelab-gateway-hubble-ui").get("oidc");
        assertThat(oidc.get("cookieDomain")).isEqualTo("hubble.homelab.lan");
        assertThat(oidc.get("scopes")).isEqualTo(List.of("openid", "profile", "email", "groups"));
    }

    @Test
    void everyPolicyTargetsTheRouteRenderedBesideIt() {
        for (var policy : plan.ofType(POLICY)) {
            @SuppressWarnings("unchecked")
            var target = ((List<Map<String, Object>>) ((Map<String, Object>) object(policy).get("spec")).get("targetRefs")).get(0);
            var route = object(plan.find(ROUTE, policy.name() + "-route").orElseThrow());
            assertThat(target.get("name")).isEqualTo(((Map<?, ?>) route.get("metadata")).get("name"));
            assertThat(((Map<?, ?>) object(policy).get("metadata")).get("namespace"))
                    .isEqualTo(((Map<?, ?>) route.get("metadata")).get("namespace"));
        }
        assertThat(plan.ofType(POLICY)).hasSize(3);
    }

    @Test
    void everySecurityPolicyAndHttpRouteConformsToTheCrds() {
        var failures = new ArrayList<String>();
        plan.ofType(POLICY).forEach(r -> validate(policySchema, r, failures));
        plan.ofType(ROUTE).forEach(r -> validate(routeSchema, r, failures));
        assertThat(plan.ofType(ROUTE)).hasSize(3);
        assertThat(failures).isEmpty();
    }

    /** The negative twin: the schema does refuse what the API server would prune, here a misspelt field. */
    @SuppressWarnings("unchecked")
    @Test
    void aPolicyWithAFieldTheCrdLacksFailsTheSchema() {
        var object = object(plan.find(POLICY, "homelab-gateway-grafana").orElseThrow());
        var oidc = (Map<String, Object>) ((Map<String, Object>) object.get("spec")).get("oidc");
        oidc.put("redirectUrl", oidc.remove("redirectURL"));
        assertThat(policySchema.validate(JSON.valueToTree(object))).isNotEmpty();
    }

    /** What the component renders passes the gateway policy; the twin with the roles scope taken away does not. */
    @Test
    void theRenderedPoliciesPassTheGatewayContractAndAClientWithoutRolesFailsIt() {
        assertThat(gatewayViolations(plan)).isEmpty();
        var withoutRoles = dev.citadel.identity.KeycloakRealmArgs.builder().keycloakUrl("https://sso.homelab.lan").namespace("identity")
                .realm("homelab").groups("admin").client(dev.citadel.identity.OidcClient.kubernetesCli())
                .client(GatewayFixtures.grafana().realmClient(GatewayFixtures.secret(GatewayFixtures.GRAFANA, "identity")))
                .client(GatewayFixtures.hubble().realmClient(GatewayFixtures.secret(GatewayFixtures.HUBBLE, "identity")))
                .client(GatewayFixtures.api().realmClient().withoutScope(dev.citadel.identity.ClientScopes.ROLES)).build();
        var unchecked = new PlanRunner("citadel", "test", Map.of(), Set.of()).run(ctx -> {
            new KeycloakRealm("homelab", withoutRoles);
            // The args' own check would refuse this realm; a hand-written policy beside it is what the policy is for.
            new GatewayAuth("homelab-gateway", GatewayFixtures.args(GatewayFixtures.realm().build()).build());
        });
        assertThat(gatewayViolations(unchecked)).singleElement().asString().contains("forwards claim 'realm_access.roles'");
    }

    private static List<String> gatewayViolations(Plan p) {
        var resources = p.resources().stream().map(dev.citadel.policy.PolicyResource::of).toList();
        return new dev.citadel.policy.PolicyEngine(dev.citadel.policy.rules.PolicyPack.policies(), dev.citadel.policy.PackConfig.empty())
                .analyzeStack(resources).stream().filter(v -> v.policyId().equals("gateway-auth-contract"))
                .map(dev.citadel.policy.Violation::message).toList();
    }

    static void validate(Schema schema, Registration r, List<String> failures) {
        JsonNode node = JSON.valueToTree(object(r));
        schema.validate(node).forEach(e -> failures.add(r.name() + " " + e.getInstanceLocation() + ": " + e.getMessage()));
    }
}
