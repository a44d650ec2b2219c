package dev.citadel.gateway;

import dev.citadel.identity.KeycloakRealm;
import dev.citadel.identity.KeycloakRealmArgs;
import dev.citadel.identity.OidcClient;
import dev.citadel.plan.Plan;
import dev.citadel.plan.PlanRunner;
import dev.citadel.policy.PolicyResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.citadel.gateway.GatewayAuthTest.POLICY;
import static dev.citadel.gateway.GatewayAuthTest.ROUTE;
import static dev.citadel.gateway.GatewayAuthTest.object;
import static dev.citadel.gateway.GatewayAuthTest.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An HTTPRoute made outside the stack (Flux, a chart): only the policy is rendered, on the hostname the entry gives. */
class ExternalRouteTest {
    private static final Route GRAFANA = Route.existing("monitoring", "grafana", "grafana.homelab.lan");
    private static final OidcApp APP = OidcApp.of(GRAFANA, GatewayFixtures.secret(GRAFANA, "monitoring"));

    private static KeycloakRealmArgs realm() {
        return KeycloakRealmArgs.builder().keycloakUrl("https://sso.homelab.lan").namespace("identity").realm("homelab")
                .groups("admin").client(OidcClient.kubernetesCli())
                .client(APP.realmClient(GatewayFixtures.secret(GRAFANA, "identity"))).build();
    }

    private static GatewayAuthArgs.Builder args(OidcApp app) {
        return GatewayAuthArgs.builder().realm(realm()).gateway("network", "envoy-internal").oidc(app);
    }

    @SuppressWarnings("unchecked")
    @Test
    void onlyThePolicyIsRenderedTargetingTheRouteByNameWithTheEntrysHostname() {
        var realm = realm();
        Plan plan = new PlanRunner("citadel", "test", Map.of(), Set.of()).run(ctx -> {
            new KeycloakRealm("homelab", realm);
            new GatewayAuth("homelab-gateway", args(APP).build());
        });
        assertThat(plan.ofType(ROUTE)).isEmpty();
        var spec = spec(plan, POLICY, "homelab-gateway-grafana");
        assertThat(spec.get("targetRefs")).isEqualTo(List.of(Map.of("group", "gateway.networking.k8s.io", "kind", "HTTPRoute",
                "name", "grafana")));
        assertThat(((Map<String, Object>) spec.get("oidc")).get("redirectURL")).isEqualTo("https://grafana.homelab.lan/oauth2/callback");

        // The plan says so: the gateway policy cannot see the route, so the redirect is a violation naming the declaration.
        var resources = plan.resources().stream().map(PolicyResource::of).toList();
        var violations = new dev.citadel.policy.PolicyEngine(dev.citadel.policy.rules.PolicyPack.policies(),
                dev.citadel.policy.PackConfig.empty()).analyzeStack(resources).stream()
                .filter(v -> v.policyId().equals("gateway-auth-contract")).toList();
        assertThat(violations).singleElement().satisfies(v -> assertThat(v.message())
                .contains("declare it in gateway-auth-contract's externalRoutes"));
        assertThat(object(plan.find(POLICY, "homelab-gateway-grafana").orElseThrow())).isNotNull();
    }

    @Test
    void aRouteTheStackRendersNeedsItsServiceAndAnExternalOneTakesNone() {
        assertThatThrownBy(() -> args(OidcApp.of(new Route("monitoring", "grafana", "grafana.homelab.lan", null, 0),
                GatewayFixtures.secret(GRAFANA, "monitoring"))).build())
                .hasMessageContaining("oidc app 'grafana': service is missing")
                .hasMessageContaining("Route.existing(namespace, name, hostname)");
        assertThatThrownBy(() -> args(OidcApp.of(new Route("monitoring", "grafana", "grafana.homelab.lan", "grafana", 80, true),
                GatewayFixtures.secret(GRAFANA, "monitoring"))).build())
                .hasMessageContaining("external HTTPRoute 'grafana' has its own backends: remove them");
    }
}
