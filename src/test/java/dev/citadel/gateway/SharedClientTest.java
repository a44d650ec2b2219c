package dev.citadel.gateway;

import com.networknt.schema.Schema;
import dev.citadel.identity.KeycloakRealm;
import dev.citadel.identity.KeycloakRealmArgs;
import dev.citadel.identity.OidcClient;
import dev.citadel.plan.Plan;
import dev.citadel.plan.PlanRunner;
import dev.citadel.policy.PackConfig;
import dev.citadel.policy.PolicyEngine;
import dev.citadel.policy.PolicyResource;
import dev.citadel.policy.Violation;
import dev.citadel.policy.rules.PolicyPack;
import dev.citadel.secrets.SecretRef;
import dev.citadel.secrets.SecretStoreRef;
import dev.citadel.secrets.VaultBackedSecret;
import dev.citadel.secrets.VaultBackedSecretArgs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.citadel.gateway.GatewayAuthTest.POLICY;
import static dev.citadel.gateway.GatewayAuthTest.ROUTE;
import static dev.citadel.gateway.GatewayAuthTest.object;
import static dev.citadel.gateway.GatewayAuthTest.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Seed 002's single SSO client: Grafana, Hubble UI and the RustFS console log in as one realm client, whose one generated
 * secret External Secrets syncs into each app's namespace (and Keycloak's).
 */
class SharedClientTest {
    static final String ES = "kubernetes:external-secrets.io/v1:ExternalSecret";
    static final Route RUSTFS = new Route("storage", "rustfs-console", "rustfs.homelab.lan", "rustfs", 9001);
    static final List<Route> ROUTES = List.of(GatewayFixtures.GRAFANA, GatewayFixtures.HUBBLE, RUSTFS);
    private static Plan plan;

    static OidcApp app(Route route) {
        return OidcApp.of(route, SecretRef.of(route.namespace(), "oidc-sso", "client-secret")).withClientId("oidc-sso");
    }

    static List<OidcApp> apps() {
        return ROUTES.stream().map(SharedClientTest::app).toList();
    }

    static KeycloakRealmArgs realm(OidcClient shared) {
        return KeycloakRealmArgs.builder().keycloakUrl("https://sso.homelab.lan").namespace("identity").realm("homelab")
                .groups("admin").client(OidcClient.kubernetesCli()).client(shared).build();
    }

    static OidcClient sharedClient() {
        return OidcApp.sharedRealmClient(SecretRef.of("identity", "oidc-sso", "client-secret"), apps().toArray(OidcApp[]::new));
    }

    static GatewayAuthArgs.Builder args(KeycloakRealmArgs realm, List<OidcApp> apps) {
        var b = GatewayAuthArgs.builder().realm(realm).gateway("network", "envoy-internal");
        apps.forEach(b::oidc);
        return b;
    }

    @BeforeAll
    static void planTheSharedClient() {
        var realm = realm(sharedClient());
        plan = new PlanRunner("citadel", "test", Map.of(), Set.of()).run(ctx -> {
            var secret = VaultBackedSecretArgs.builder().store(SecretStoreRef.cluster("vault-kv", "secret"))
                    .path("gateway/oidc-sso").generate("client-secret").syncTo("identity");
            ROUTES.forEach(r -> secret.syncTo(r.namespace()));
            new VaultBackedSecret("oidc-sso", secret.build());
            new KeycloakRealm("homelab", realm);
            new GatewayAuth("homelab-gateway", args(realm, apps()).build());
        });
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> realmClients(Plan p) {
        var realmImport = object(p.find("kubernetes:k8s.keycloak.org/v2alpha1:KeycloakRealmImport", "homelab").orElseThrow());
        return (List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) realmImport.get("spec")).get("realm")).get("clients");
    }

    @Test
    void theRealmHasOneClientAcceptingEachAppsRedirectUrl() {
        var clients = realmClients(plan);
        assertThat(clients).extracting(c -> c.get("clientId")).containsExactly("kubernetes", "oidc-sso");
        var sso = clients.get(1);
        assertThat(sso.get("redirectUris")).isEqualTo(List.of("https://grafana.homelab.lan/oauth2/callback",
                "https://hubble.homelab.lan/oauth2/callback", "https://rustfs.homelab.lan/oauth2/callback"));
        assertThat(sso.get("publicClient")).isEqualTo(false);
    }

    @SuppressWarnings("unchecked")
    @Test
    void eachAppsPolicyLogsInAsTheOneClientWithTheOneSecretSyncedIntoItsNamespace() {
        var namespaces = new ArrayList<String>();
        for (var route : ROUTES) {
            var policy = object(plan.find(POLICY, "homelab-gateway-" + route.name()).orElseThrow());
            var oidc = (Map<String, Object>) ((Map<String, Object>) policy.get("spec")).get("oidc");
            assertThat(oidc.get("clientID")).isEqualTo("oidc-sso");
            assertThat(oidc.get("clientSecret")).isEqualTo(Map.of("kind", "Secret", "name", "oidc-sso"));
            assertThat(oidc.get("redirectURL")).isEqualTo("https://" + route.hostname() + "/oauth2/callback");
            namespaces.add((String) ((Map<String, Object>) policy.get("metadata")).get("namespace"));
        }
        assertThat(plan.ofType(POLICY)).hasSize(3);
        assertThat(plan.ofType(dev.citadel.provider.VaultKvSecretV2.TYPE)).hasSize(1);
        assertThat(plan.resources().stream().filter(r -> r.type().equals(dev.citadel.provider.RandomPassword.TYPE))).hasSize(1);
        // One ExternalSecret per app namespace, each making the Secret 'oidc-sso' the policy there reads, and Keycloak's.
        var synced = plan.ofType(ES).stream().map(GatewayAuthTest::object).toList();
        assertThat(synced).extracting(o -> ((Map<String, Object>) o.get("metadata")).get("namespace"))
                .containsExactlyInAnyOrder("identity", "monitoring", "kube-system", "storage");
        assertThat(synced).allSatisfy(o -> assertThat(((Map<String, Object>) ((Map<String, Object>) o.get("spec")).get("target"))
                .get("name")).isEqualTo("oidc-sso"));
        assertThat(namespaces).containsExactly("monitoring", "kube-system", "storage");
    }

    @Test
    void everySharedPolicyAndRouteConformsToTheCrdsAndPassesTheGatewayContract() throws IOException {
        Schema policySchema = GatewayAuthTest.schema("/gateway/securitypolicy-v1alpha1.schema.json");
        Schema routeSchema = GatewayAuthTest.schema("/gateway/httproute-v1.schema.json");
        var failures = new ArrayList<String>();
        plan.ofType(POLICY).forEach(r -> GatewayAuthTest.validate(policySchema, r, failures));
        plan.ofType(ROUTE).forEach(r -> GatewayAuthTest.validate(routeSchema, r, failures));
        assertThat(plan.ofType(ROUTE)).hasSize(3);
        assertThat(failures).isEmpty();
        assertThat(violations(plan)).isEmpty();
    }

    /** The realm client missing one app's redirect: the policy reports that app's policy, naming the client. */
    @Test
    void aSharedClientMissingOneAppsRedirectIsAFindingOfThatAppsPolicy() {
        var twoApps = OidcApp.sharedRealmClient(SecretRef.of("identity", "oidc-sso", "client-secret"),
                app(GatewayFixtures.GRAFANA), app(GatewayFixtures.HUBBLE));
        var realm = realm(twoApps);
        var unchecked = new PlanRunner("citadel", "test", Map.of(), Set.of()).run(ctx -> {
            new KeycloakRealm("homelab", realm);
            // The args' own check refuses this realm (below); a hand-written policy beside it is what the policy is for.
            new GatewayAuth("homelab-gateway", args(realm(sharedClient()), apps()).build());
        });
        assertThat(violations(unchecked)).singleElement().satisfies(v -> {
            assertThat(v.urn()).endsWith("homelab-gateway-rustfs-console");
            assertThat(v.message()).contains("redirectURL 'https://rustfs.homelab.lan/oauth2/callback' is not a redirect URI of "
                    + "realm client 'oidc-sso'").contains("Invalid parameter: redirect_uri");
        });
        assertThatThrownBy(() -> args(realm, apps()).build())
                .hasMessageContaining("oidc app 'rustfs-console': clientId 'oidc-sso': the realm client accepts redirect URIs "
                        + "[https://grafana.homelab.lan/oauth2/callback, https://hubble.homelab.lan/oauth2/callback]")
                .hasMessageContaining("OidcApp.sharedRealmClient(secretRef, apps...)");
    }

    @Test
    void appsSharingAClientButReadingDifferentSecretsAreRefused() {
        var other = OidcApp.of(RUSTFS, SecretRef.of("storage", "rustfs-oidc", "client-secret")).withClientId("oidc-sso");
        assertThatThrownBy(() -> args(realm(sharedClient()), List.of(app(GatewayFixtures.GRAFANA), app(GatewayFixtures.HUBBLE), other)).build())
                .hasMessageContaining("oidc app 'rustfs-console': clientId 'oidc-sso' is shared with app 'grafana'")
                .hasMessageContaining("Secret 'oidc-sso', this app from 'rustfs-oidc'")
                .hasMessageContaining("Invalid client credentials")
                .hasMessageContaining("one VaultBackedSecret, syncTo(...) per namespace");
    }

    @Test
    void aScopeTheSharedClientDoesNotOfferIsRefusedAndSharedRealmClientOffersWhatTheAppsAsk() {
        var offline = app(RUSTFS).withScopes("openid", "email", "offline_access");
        var roles = app(RUSTFS).withScopes("openid", "roles");
        assertThatThrownBy(() -> args(realm(sharedClient()), List.of(app(GatewayFixtures.GRAFANA), roles)).build())
                .hasMessageContaining("oidc app 'rustfs-console': scopes [roles] are not scopes of realm client 'oidc-sso'")
                .hasMessageContaining("invalid_scope");
        assertThat(args(realm(sharedClient()), List.of(app(GatewayFixtures.GRAFANA), app(GatewayFixtures.HUBBLE), offline))
                .build().oidcApps()).hasSize(3);
        var withRoles = OidcApp.sharedRealmClient(SecretRef.of("identity", "oidc-sso", "client-secret"), app(GatewayFixtures.GRAFANA), roles);
        assertThat(withRoles.optionalScopes()).containsExactly("offline_access", "roles");
        assertThat(args(realm(withRoles), List.of(app(GatewayFixtures.GRAFANA), roles)).build().oidcApps()).hasSize(2);
    }

    /** A client made for something else (more redirect URIs than the apps send) is not taken over. */
    @Test
    void aClientAcceptingMoreThanTheAppsSendIsRefused() {
        var wider = sharedClient().withRedirectUris("https://grafana.homelab.lan/oauth2/callback", "https://hubble.homelab.lan/oauth2/callback",
                "https://rustfs.homelab.lan/oauth2/callback", "https://grafana.homelab.lan/login/generic_oauth");
        assertThatThrownBy(() -> args(realm(wider), apps()).build())
                .hasMessageContaining("clientId 'oidc-sso': the realm client also accepts redirect URIs "
                        + "[https://grafana.homelab.lan/login/generic_oauth], which no app logging in as it sends");
        assertThatThrownBy(() -> OidcApp.sharedRealmClient(SecretRef.of("identity", "oidc-sso", "client-secret"),
                app(GatewayFixtures.GRAFANA), GatewayFixtures.hubble()))
                .hasMessageContaining("app 'hubble-ui' logs in as client 'hubble-ui', not 'oidc-sso'");
    }

    /** The API server's public kubernetes client is not a client Envoy can log in as. */
    @Test
    void anAppNamingTheApiServersClientIsRefused() {
        var kube = OidcApp.of(RUSTFS, SecretRef.of("storage", "oidc-sso", "client-secret")).withClientId("kubernetes");
        assertThatThrownBy(() -> args(realm(sharedClient()), List.of(kube)).build())
                .hasMessageContaining("clientId 'kubernetes' is a public realm client");
    }

    private static List<Violation> violations(Plan p) {
        var resources = p.resources().stream().map(PolicyResource::of).toList();
        return new PolicyEngine(PolicyPack.policies(), PackConfig.empty()).analyzeStack(resources).stream()
                .filter(v -> v.policyId().equals("gateway-auth-contract")).toList();
    }
}
