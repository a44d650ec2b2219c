package dev.citadel.identity.keycloak;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.citadel.gateway.GatewayAuth;
import dev.citadel.gateway.GatewayAuthArgs;
import dev.citadel.gateway.JwtApi;
import dev.citadel.gateway.OidcApp;
import dev.citadel.gateway.Route;
import dev.citadel.identity.ClientScopes;
import dev.citadel.identity.KeycloakRealm;
import dev.citadel.identity.KeycloakRealmArgs;
import dev.citadel.identity.OidcClient;
import dev.citadel.plan.Plan;
import dev.citadel.plan.PlanRunner;
import dev.citadel.secrets.SecretRef;
import dev.citadel.value.Redacted;
import dev.citadel.verify.LoginPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 002's gateway against a real Keycloak 26 (the shared server of {@link KeycloakExtension}): the realm and the
 * SecurityPolicies rendered by one program, the realm imported, then what Envoy would do done by hand from the rendered
 * policies alone. Envoy itself does not run here: what it does with these fields is taken from its CRD and docs.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayRealmIT {
    static final String REALM = "citadel-gateway";
    static final String REALM_WITHOUT_ROLES = "citadel-gateway-noroles";
    static final String REALM_WITHOUT_AUDIENCE = "citadel-gateway-noaud";
    static final String PASSWORD = "Gw-7qP2-staple-horse";
    static final Route GRAFANA = new Route("monitoring", "grafana", "grafana.homelab.lan", "grafana", 80);
    static final Route API = new Route("apps", "api", "api.homelab.lan", "api", 8080);
    /** Seed 002's single SSO client: Grafana, Hubble UI and the RustFS console logging in as one client. */
    static final String REALM_SHARED = "citadel-gateway-shared";
    static final List<Route> SHARED_ROUTES = List.of(GRAFANA, new Route("kube-system", "hubble-ui", "hubble.homelab.lan", "hubble-ui", 80),
            new Route("storage", "rustfs-console", "rustfs.homelab.lan", "rustfs", 9001));

    final KeycloakServer keycloak;
    Map<String, Object> jwtProvider;
    Map<String, Object> oidc;
    List<Map<String, Object>> sharedOidc;

    GatewayRealmIT(KeycloakServer keycloak) {
        this.keycloak = keycloak;
    }

    private KeycloakRealmArgs realm(String name, OidcClient apiClient) {
        var grafana = OidcApp.of(GRAFANA, SecretRef.of("monitoring", "grafana-oidc", "client-secret"));
        return KeycloakRealmArgs.builder().keycloakUrl(keycloak.baseUrl().toString()).namespace("identity").realm(name)
                .groups("admin", "viewer").client(OidcClient.kubernetesCli())
                .client(grafana.realmClient(SecretRef.of("identity", "grafana-oidc", "client-secret")))
                .client(apiClient).build();
    }

    @SuppressWarnings("unchecked")
    @BeforeAll
    void importTheRealmAndRenderThePolicies() {
        var api = JwtApi.of(API, "homelab-api");
        var withRoles = realm(REALM, api.realmClient());
        var withoutRoles = realm(REALM_WITHOUT_ROLES, api.realmClient().withoutScope(ClientScopes.ROLES));
        var c = api.realmClient();
        // The API client as it was before withOwnAudience: same scopes, no audience mapper.
        var withoutAudience = realm(REALM_WITHOUT_AUDIENCE, new OidcClient(c.clientId(), c.name(), c.access(), c.redirectUris(),
                c.webOrigins(), c.defaultScopes(), c.optionalScopes(), false));
        var sharedApps = SHARED_ROUTES.stream().map(r -> OidcApp.of(r, SecretRef.of(r.namespace(), "oidc-sso", "client-secret"))
                .withClientId("oidc-sso")).toArray(OidcApp[]::new);
        var shared = KeycloakRealmArgs.builder().keycloakUrl(keycloak.baseUrl().toString()).namespace("identity").realm(REALM_SHARED)
                .groups("admin").client(OidcClient.kubernetesCli())
                .client(OidcApp.sharedRealmClient(SecretRef.of("identity", "oidc-sso", "client-secret"), sharedApps)).build();
        var sharedArgs = GatewayAuthArgs.builder().realm(shared).gateway("network", "envoy-internal");
        java.util.Arrays.stream(sharedApps).forEach(sharedArgs::oidc);
        Plan plan = new PlanRunner("citadel", "it", Map.of(), Set.of()).run(ctx -> {
            ctx.export("sharedJson", new KeycloakRealm(REALM_SHARED, shared).realmJson());
            new GatewayAuth("sso", sharedArgs.build());
            ctx.export("realmJson", new KeycloakRealm(REALM, withRoles).realmJson());
            ctx.export("noRolesJson", new KeycloakRealm(REALM_WITHOUT_ROLES, withoutRoles).realmJson());
            ctx.export("noAudienceJson", new KeycloakRealm(REALM_WITHOUT_AUDIENCE, withoutAudience).realmJson());
            new GatewayAuth("gw", GatewayAuthArgs.builder().realm(withRoles).gateway("network", "envoy-internal")
                    .oidc(OidcApp.of(GRAFANA, SecretRef.of("monitoring", "grafana-oidc", "client-secret"))).jwt(api).build());
        });
        var jwtPolicy = Redacted.kubernetesObject(plan.find("kubernetes:gateway.envoyproxy.io/v1alpha1:SecurityPolicy", "gw-api")
                .orElseThrow().inputs());
        jwtProvider = ((List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) jwtPolicy.get("spec")).get("jwt"))
                .get("providers")).get(0);
        var oidcPolicy = Redacted.kubernetesObject(plan.find("kubernetes:gateway.envoyproxy.io/v1alpha1:SecurityPolicy", "gw-grafana")
                .orElseThrow().inputs());
        oidc = (Map<String, Object>) ((Map<String, Object>) oidcPolicy.get("spec")).get("oidc");
        sharedOidc = SHARED_ROUTES.stream().map(r -> (Map<String, Object>) ((Map<String, Object>) Redacted.kubernetesObject(plan
                .find("kubernetes:gateway.envoyproxy.io/v1alpha1:SecurityPolicy", "sso-" + r.name()).orElseThrow().inputs())
                .get("spec")).get("oidc")).toList();

        var admin = keycloak.admin();
        for (var name : List.of(REALM, REALM_WITHOUT_ROLES, REALM_WITHOUT_AUDIENCE, REALM_SHARED)) {
            admin.deleteRealm(name);
        }
        admin.importRealm((String) Redacted.plain(plan.outputs().get("realmJson")));
        admin.importRealm((String) Redacted.plain(plan.outputs().get("noRolesJson")));
        admin.importRealm((String) Redacted.plain(plan.outputs().get("noAudienceJson")));
        admin.importRealm((String) Redacted.plain(plan.outputs().get("sharedJson")));
        for (var name : List.of(REALM, REALM_WITHOUT_ROLES, REALM_WITHOUT_AUDIENCE)) {
            admin.createUser(name, "alice", "alice@example.test", PASSWORD, List.of("admin"));
        }
    }

    @AfterAll
    void dropRealms() {
        keycloak.admin().deleteRealm(REALM);
        keycloak.admin().deleteRealm(REALM_WITHOUT_ROLES);
        keycloak.admin().deleteRealm(REALM_WITHOUT_AUDIENCE);
        keycloak.admin().deleteRealm(REALM_SHARED);
    }

    private HttpClient browser() {
        return BrowserLogin.browser(keycloak);
    }

    private URI authorize(String realm, String clientId, String redirect, String extra) {
        return authorize(realm, clientId, redirect, "openid", extra);
    }

    private URI authorize(String realm, String clientId, String redirect, String scope, String extra) {
        var q = new LinkedHashMap<String, String>();
        q.put("client_id", clientId);
        q.put("redirect_uri", redirect);
        q.put("response_type", "code");
        q.put("scope", scope);
        q.put("state", "s-" + realm);
        return URI.create(keycloak.issuer(realm) + "/protocol/openid-connect/auth?" + BrowserLogin.form(q) + extra);
    }

    /** The access token alice gets for the API client: authorization code + PKCE, the code read from the redirect. */
    private String accessToken(String realm) throws Exception {
        return BrowserLogin.tokens(keycloak, realm, "homelab-api", "https://api.homelab.lan/callback", "openid", "alice", PASSWORD)
                .get("access_token").toString();
    }

    /** A validator built from the rendered JWT policy alone: its issuer, its audiences, the keys at the JWKS URI it names. */
    @SuppressWarnings("unchecked")
    private JWTClaimsSet validate(String token) throws Exception {
        var jwks = keycloak.newHttpClient().send(HttpRequest.newBuilder(URI.create((String) ((Map<String, Object>) jwtProvider
                .get("remoteJWKS")).get("uri"))).GET().build(), HttpResponse.BodyHandlers.ofString());
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(JWKSet.parse(jwks.body()))));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(Set.copyOf((List<String>) jwtProvider.get("audiences")),
                new JWTClaimsSet.Builder().issuer((String) jwtProvider.get("issuer")).build(), Set.of("sub", "exp"), null));
        return processor.process(token, null);
    }

    @SuppressWarnings("unchecked")
    private List<String> forwardedClaims() {
        return ((List<Map<String, Object>>) jwtProvider.get("claimToHeaders")).stream().map(m -> (String) m.get("claim")).toList();
    }

    private static Object claim(JWTClaimsSet claims, String dotted) {
        Object value = claims.getClaims();
        for (var part : dotted.split("\\.")) {
            value = value instanceof Map<?, ?> m ? m.get(part) : null;
        }
        return value;
    }

    @Test
    void aliceAccessTokenValidatesFromTheRenderedJwtPolicyAloneAndCarriesEveryForwardedClaim() throws Exception {
        var claims = validate(accessToken(REALM));
        assertThat(claims.getAudience()).contains("homelab-api");
        assertThat(forwardedClaims()).containsExactly("sub", "email", "groups", "preferred_username", "realm_access.roles");
        for (var name : forwardedClaims()) {
            assertThat(claim(claims, name)).as(name).isNotNull();
        }
        assertThat(claim(claims, "email")).isEqualTo("alice@example.test");
        assertThat((List<String>) claims.getClaim("groups")).contains("admin");
    }

    /** The rendered JWT policy with only its issuer and JWKS moved to the twin realm {@code realm}. */
    private JWTClaimsSet validateInTwin(String realm) throws Exception {
        var twin = new LinkedHashMap<>(jwtProvider);
        twin.put("issuer", keycloak.issuer(realm));
        twin.put("remoteJWKS", Map.of("uri", keycloak.issuer(realm) + "/protocol/openid-connect/certs"));
        var original = jwtProvider;
        jwtProvider = twin;
        try {
            return validate(accessToken(realm));
        } finally {
            jwtProvider = original;
        }
    }

    /** The negative twin: the same client without the roles scope; the token validates, realm_access.roles is absent. */
    @Test
    void withoutTheRolesScopeTheRealmRolesClaimIsMissing() throws Exception {
        var claims = validateInTwin(REALM_WITHOUT_ROLES);
        assertThat(claim(claims, "realm_access.roles")).isNull();
        assertThat(claim(claims, "email")).isEqualTo("alice@example.test");
    }

    /** Without the audience mapper (the client as OidcClient rendered it before), the policy's audience check refuses every token. */
    @Test
    void withoutTheAudienceMapperEveryTokenIsRefusedByTheAudienceCheck() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> validateInTwin(REALM_WITHOUT_AUDIENCE))
                .isInstanceOf(com.nimbusds.jwt.proc.BadJWTException.class).hasMessageContaining("aud claim rejected");
    }

    @Test
    void theRenderedOidcClientIdAndRedirectReachTheLoginPageAndOneCharacterOffIsRefused() throws Exception {
        var http = browser();
        var redirect = (String) oidc.get("redirectURL");
        var ok = http.send(HttpRequest.newBuilder(authorize(REALM, (String) oidc.get("clientID"), redirect, "")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(LoginPage.parse(ok.body()).hasLoginForm()).isTrue();

        var offByOne = redirect.substring(0, redirect.length() - 1);
        var refused = http.send(HttpRequest.newBuilder(authorize(REALM, (String) oidc.get("clientID"), offByOne, "")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(LoginPage.parse(refused.body()).hasLoginForm()).isFalse();
        assertThat(refused.body()).contains("Invalid parameter: redirect_uri");
    }

    /**
     * The shared client, from the three rendered policies alone: each app's client_id and redirectURL (with the scopes
     * the policy asks for) reach the login page; each redirect one character off is refused by Keycloak itself.
     */
    @SuppressWarnings("unchecked")
    @Test
    void theSharedClientReachesTheLoginPageForEachAppsRedirectAndRefusesOneCharacterOff() throws Exception {
        assertThat(sharedOidc).extracting(o -> o.get("clientID")).containsOnly("oidc-sso");
        assertThat(sharedOidc).extracting(o -> o.get("redirectURL")).doesNotHaveDuplicates().hasSize(3);
        var http = browser();
        for (var policy : sharedOidc) {
            var redirect = (String) policy.get("redirectURL");
            var scopes = String.join(" ", (List<String>) policy.get("scopes"));
            var ok = http.send(HttpRequest.newBuilder(authorize(REALM_SHARED, "oidc-sso", redirect, scopes, "")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).as(redirect).isEqualTo(200);
            assertThat(LoginPage.parse(ok.body()).hasLoginForm()).as(redirect).isTrue();

            var offByOne = redirect.substring(0, redirect.length() - 1);
            var refused = http.send(HttpRequest.newBuilder(authorize(REALM_SHARED, "oidc-sso", offByOne, scopes, "")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(offByOne).isEqualTo(400);
            assertThat(LoginPage.parse(refused.body()).hasLoginForm()).isFalse();
            assertThat(refused.body()).contains("Invalid parameter: redirect_uri");
        }
    }

    /** Why build() refuses an app asking for a scope its client lacks: Keycloak sends it back with invalid_scope, no login. */
    @Test
    void aScopeTheSharedClientLacksIsRefusedByKeycloak() throws Exception {
        var redirect = (String) sharedOidc.get(0).get("redirectURL");
        var refused = browser().send(HttpRequest.newBuilder(authorize(REALM_SHARED, "oidc-sso", redirect, "openid roles", "")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(LoginPage.parse(refused.body()).hasLoginForm()).isFalse();
        assertThat(refused.headers().firstValue("location")).hasValueSatisfying(l -> assertThat(l).startsWith(redirect)
                .contains("error=invalid_scope"));
    }
}
