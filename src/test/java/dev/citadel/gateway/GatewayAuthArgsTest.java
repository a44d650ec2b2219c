package dev.citadel.gateway;

import dev.citadel.identity.ClientScopes;
import dev.citadel.identity.IdpContract;
import dev.citadel.identity.KeycloakRealmArgs;
import dev.citadel.identity.OidcClient;
import dev.citadel.secrets.SecretRef;
import org.junit.jupiter.api.Test;

import static dev.citadel.gateway.GatewayFixtures.API;
import static dev.citadel.gateway.GatewayFixtures.GRAFANA;
import static dev.citadel.gateway.GatewayFixtures.args;
import static dev.citadel.gateway.GatewayFixtures.grafana;
import static dev.citadel.gateway.GatewayFixtures.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gateway args' defaults, and each refusal with the reason and the fix, at build(), without a deployment. */
class GatewayAuthArgsTest {

    private static KeycloakRealmArgs realmWith(OidcClient grafanaClient, OidcClient apiClient) {
        return KeycloakRealmArgs.builder().keycloakUrl("https://sso.homelab.lan").namespace("identity").realm("homelab")
                .groups("admin").client(OidcClient.kubernetesCli())
                .client(grafanaClient).client(GatewayFixtures.hubble().realmClient(secret(GatewayFixtures.HUBBLE, "identity")))
                .client(apiClient).build();
    }

    @Test
    void defaultsFromTheSeed() {
        var args = args(GatewayFixtures.realm().build()).build();
        assertThat(args.cacheDuration()).isEqualTo("300s");
        assertThat(args.jwksUri()).isEqualTo("https://sso.homelab.lan/realms/homelab/protocol/openid-connect/certs");
        var app = OidcApp.of(GRAFANA, secret(GRAFANA, "monitoring"));
        assertThat(app.redirectUrl()).isEqualTo("https://grafana.homelab.lan/oauth2/callback");
        assertThat(app.logoutPath()).isEqualTo("/logout");
        assertThat(app.cookieDomain()).isEqualTo("grafana.homelab.lan");
        assertThat(app.clientId()).isEqualTo("grafana");
        assertThat(GatewayFixtures.api().realmClient().scopes()).contains(ClientScopes.ROLES);
        assertThat(GatewayFixtures.api().withClaimToHeaders("sub", "x-user-id").realmClient().scopes()).doesNotContain(ClientScopes.ROLES);
    }

    @Test
    void aClientSecretUnderAnotherKeyIsRefusedNamingEnvoysError() {
        var app = OidcApp.of(GRAFANA, SecretRef.of("monitoring", "grafana-oidc", "clientSecret"));
        assertThatThrownBy(() -> GatewayAuthArgs.builder().realm(GatewayFixtures.realm().build()).gateway("network", "gw").oidc(app).build())
                .hasMessageContaining("'clientSecret'").hasMessageContaining("client secret not found in secret")
                .hasMessageContaining("generate(\"client-secret\")");
    }

    @Test
    void aClientSecretInAnotherNamespaceThanThePolicyIsRefused() {
        var app = OidcApp.of(GRAFANA, secret(GRAFANA, "identity"));
        assertThatThrownBy(() -> GatewayAuthArgs.builder().realm(GatewayFixtures.realm().build()).gateway("network", "gw").oidc(app).build())
                .hasMessageContaining("not in the route's namespace 'monitoring'").hasMessageContaining("syncTo(\"monitoring\")");
    }

    @Test
    void aRealmClientWhoseRedirectUriDiffersFromThePolicysIsRefused() {
        var offByOne = OidcClient.web("grafana", secret(GRAFANA, "identity")).withRedirectUris("https://grafana.homelab.lan/oauth2/callbak");
        var realm = realmWith(offByOne, GatewayFixtures.api().realmClient());
        assertThatThrownBy(() -> args(realm).build())
                .hasMessageContaining("[https://grafana.homelab.lan/oauth2/callbak]")
                .hasMessageContaining("the policy sends [https://grafana.homelab.lan/oauth2/callback]")
                .hasMessageContaining("app.realmClient(secretRef)");
    }

    @Test
    void anAppWhoseClientTheRealmLacksIsRefused() {
        var realm = GatewayFixtures.realm().build();
        assertThatThrownBy(() -> args(realm).oidc(OidcApp.of(new Route("storage", "rustfs", "rustfs.homelab.lan", "rustfs", 9001),
                SecretRef.of("storage", "rustfs-oidc", "client-secret"))).build())
                .hasMessageContaining("oidc app 'rustfs': clientId 'rustfs': realm 'homelab' has no such client").hasMessageContaining("realmClient(...)");
    }

    @Test
    void forwardingRealmRolesFromAClientWithoutTheRolesScopeIsRefused() {
        var noRoles = GatewayFixtures.api().withClaimToHeaders("sub", "x-user-id").realmClient();
        var realm = realmWith(grafana().realmClient(secret(GRAFANA, "identity")), noRoles);
        assertThatThrownBy(() -> args(realm).build())
                .hasMessageContaining("realm_access.roles").hasMessageContaining("lacks the 'roles' scope")
                .hasMessageContaining("api.realmClient()");
    }

    @Test
    void anApiClientWhoseTokensDoNotNameItInAudIsRefused() {
        var noAudience = OidcClient.browser("homelab-api").withRedirectUris("https://api.homelab.lan/*")
                .withDefaultScopes(ClientScopes.PROFILE, ClientScopes.ROLES);
        var realm = realmWith(grafana().realmClient(secret(GRAFANA, "identity")), noAudience);
        assertThatThrownBy(() -> args(realm).build()).hasMessageContaining("aud").hasMessageContaining("withOwnAudience()");
    }

    @Test
    void aCookieDomainTheHostIsNotInIsRefused() {
        var realm = GatewayFixtures.realm().build();
        assertThatThrownBy(() -> GatewayAuthArgs.builder().realm(realm).gateway("network", "gw")
                .oidc(grafana().withCookieDomain("example.com")).build())
                .hasMessageContaining("cookieDomain 'example.com' is not grafana.homelab.lan or a parent")
                .hasMessageContaining("'homelab.lan'");
    }

    @Test
    void aHostnameWithASchemeOrWildcardIsRefused() {
        var realm = GatewayFixtures.realm().build();
        for (var host : new String[] {"https://api.homelab.lan", "*.homelab.lan", "API.homelab.lan"}) {
            assertThatThrownBy(() -> GatewayAuthArgs.builder().realm(realm).gateway("network", "gw")
                    .jwt(JwtApi.of(new Route("apps", "api", host, "api", 8080), "homelab-api")).build())
                    .hasMessageContaining("hostname '" + host + "' is not a host name");
        }
    }

    @Test
    void theSameCallbackAndLogoutPathIsRefused() {
        var realm = GatewayFixtures.realm().build();
        assertThatThrownBy(() -> GatewayAuthArgs.builder().realm(realm).gateway("network", "gw")
                .oidc(grafana().withLogoutPath("/oauth2/callback")).build())
                .hasMessageContaining("every login would end the session");
    }

    @Test
    void aCacheDurationEnvoyRejectsAndTwoClaimsOnOneHeaderAreRefused() {
        var realm = GatewayFixtures.realm().build();
        assertThatThrownBy(() -> args(realm).jwksCacheDuration("5 minutes").build()).hasMessageContaining("'5 minutes'");
        assertThatThrownBy(() -> GatewayAuthArgs.builder().realm(realm).gateway("network", "gw")
                .jwt(GatewayFixtures.api().withClaimToHeaders("sub", "x-user", "email", "X-User")).build())
                .hasMessageContaining("header 'X-User' carries two claims");
    }

    @Test
    void noIdentityProviderOrGatewayOrRouteIsRefused() {
        assertThatThrownBy(() -> GatewayAuthArgs.builder().gateway("network", "gw").jwt(GatewayFixtures.api()).build())
                .hasMessageContaining("no identity provider");
        assertThatThrownBy(() -> GatewayAuthArgs.builder().realm(GatewayFixtures.realm().build()).jwt(GatewayFixtures.api()).build())
                .hasMessageContaining("gateway is not set");
        assertThatThrownBy(() -> GatewayAuthArgs.builder().realm(GatewayFixtures.realm().build()).gateway("network", "gw").build())
                .hasMessageContaining("no routes to protect");
    }

    @Test
    void anExternalIdpMustListTheAppsClients() {
        var idp = IdpContract.external("https://login.example.com", "kubernetes", "admin");
        assertThatThrownBy(() -> GatewayAuthArgs.builder().idp(idp).gateway("network", "gw").jwt(GatewayFixtures.api()).build())
                .hasMessageContaining("clientId 'homelab-api': the identity provider").hasMessageContaining("has no such client");
        var args = GatewayAuthArgs.builder().idp(idp).gateway("network", "gw").jwt(JwtApi.of(API, "kubernetes")).build();
        assertThat(args.jwksUri()).isEqualTo("https://login.example.com/protocol/openid-connect/certs");
    }

    /** A fix that is a Java call for the builder reads as keys in stack config (Refused carries both). */
    @Test
    void aHeaderNameWithSpacesIsRefusedWithTheJavaCallAndTheConfigKeys() {
        var realm = GatewayFixtures.realm().build();
        assertThatThrownBy(() -> GatewayAuthArgs.builder().realm(realm).gateway("network", "envoy-internal")
                .jwt(GatewayFixtures.api().withClaimToHeaders("email", "x user")).build())
                .isInstanceOfSatisfying(dev.citadel.value.Refused.class, e -> {
                    assertThat(e.getMessage()).startsWith("jwt api 'api': claimToHeaders: claim 'email' to header 'x user'")
                            .contains("withClaimToHeaders(\"email\", \"x-user-email\")");
                    assertThat(e.inConfig()).startsWith("jwt api 'api': claimToHeaders:").contains("claimToHeaders: {email: x-user-email}")
                            .doesNotContain("(\"");
                });
    }
}
