package dev.citadel.identity;

import dev.citadel.secrets.SecretRef;
import dev.citadel.value.Redacted;
import dev.citadel.value.Refused;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Headlamp with its own realm client (issue 18): the API server accepts only ID tokens whose aud is one of its
 * audiences, so Headlamp's client becomes a second audience of a structured AuthenticationConfiguration; with the
 * flags (one --oidc-client-id) it is refused at build(), and the realm must hold a client Headlamp can log in through.
 */
class HeadlampAudienceTest {
    static final String URL = "https://headlamp.homelab.lan";

    static KeycloakRealmArgs realm(OidcClient... more) {
        var b = IdentityPlans.homelab();
        for (var c : more) {
            b.client(c);
        }
        return b.build();
    }

    static OidcRbacArgs.Builder rbac(KeycloakRealmArgs realm, ApiServer target) {
        return IdentityPlans.seed000(realm.contract(OidcClient.KUBERNETES_CLIENT_ID), target);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> oidcValues(HeadlampArgs args) {
        return (Map<String, Object>) ((Map<String, Object>) args.values().get("config")).get("oidc");
    }

    @SuppressWarnings("unchecked")
    @Test
    void headlampsOwnClientIsASecondAudienceTheStructuredConfigurationMatchesAny() {
        var realm = realm(HeadlampArgs.realmClient("headlamp", URL));
        var rbac = rbac(realm, ApiServer.authenticationConfiguration()).audience("headlamp").build();
        var headlamp = HeadlampArgs.builder().rbac(rbac).realm(realm).clientId("headlamp").url(URL).build();

        assertThat(oidcValues(headlamp)).containsEntry("clientID", "headlamp").containsEntry("callbackURL", URL + "/oidc-callback")
                .containsEntry("usePKCE", true);
        var plan = IdentityPlans.plan(ctx -> new OidcRbac("homelab-oidc", rbac).apiServer().exports().forEach(ctx::export));
        var config = (Map<String, Object>) new Yaml().load((String) Redacted.plain(plan.outputs().get("authenticationConfiguration")));
        var issuer = (Map<String, Object>) ((List<Map<String, Object>>) config.get("jwt")).get(0).get("issuer");
        assertThat(issuer).containsEntry("audiences", List.of("kubernetes", "headlamp")).containsEntry("audienceMatchPolicy", "MatchAny");
        // The policies read the audiences from the bindings OidcRbac renders.
        assertThat(Redacted.kubernetesObject(plan.ofType(IdentityPlans.BINDING).get(0).inputs()).toString())
                .contains("citadel.dev/oidc-audiences=kubernetes,headlamp");
    }

    @Test
    void theRealmClientIsDerivedFromHeadlampsUrlPublicWithPkceItsCallbackAndTheGroupsScope() {
        var client = HeadlampArgs.realmClient("headlamp", URL + "/");
        assertThat(client.isPublic()).isTrue();
        assertThat(client.redirectUris()).containsExactly(URL + "/oidc-callback");
        assertThat(client.scopes()).contains(ClientScopes.GROUPS);
    }

    @Test
    void withTheFlagsASecondAudienceIsRefusedWithTheStructuredConfigurationAsTheFix() {
        var realm = realm(HeadlampArgs.realmClient("headlamp", URL));
        for (var target : List.of(ApiServer.talos(), ApiServer.kubeadm())) {
            assertThatThrownBy(() -> rbac(realm, target).audience("headlamp").build()).isInstanceOf(Refused.class)
                    .hasMessageContaining("'headlamp' would be a second audience of the API server, but its " + target.kind()
                            + " target passes one client id (--oidc-client-id)")
                    .hasMessageContaining("401 Unauthorized").hasMessageContaining("use ApiServer.authenticationConfiguration()")
                    .satisfies(e -> assertThat(((Refused) e).inConfig())
                            .contains("set citadel:identity.rbac.apiServer to authentication-configuration").doesNotContain("()"));
        }
    }

    @Test
    void anAudienceTheRealmHasNoClientForOrGivenTwiceIsRefused() {
        var realm = realm();
        assertThatThrownBy(() -> rbac(realm, ApiServer.authenticationConfiguration()).audience("headlamp").build())
                .hasMessageContaining("audience 'headlamp': the realm 'homelab' has no client 'headlamp'");
        assertThatThrownBy(() -> rbac(realm, ApiServer.authenticationConfiguration()).audience("kubernetes").build())
                .hasMessageContaining("audience 'kubernetes' is given twice (it is the API server's client already)");
    }

    @Test
    void headlampsOwnClientMustBeInTheRealmItIsGiven() {
        var withClient = realm(HeadlampArgs.realmClient("headlamp", URL));
        var rbac = rbac(withClient, ApiServer.authenticationConfiguration()).audience("headlamp").build();

        assertThatThrownBy(() -> HeadlampArgs.builder().rbac(rbac).clientId("headlamp").url(URL).build())
                .hasMessageContaining("give realm(realmArgs)");
        assertThatThrownBy(() -> HeadlampArgs.builder().rbac(rbac).realm(realm()).clientId("headlamp").url(URL).build())
                .hasMessageContaining("realm 'homelab' has no client 'headlamp'")
                .hasMessageContaining("client(HeadlampArgs.realmClient(\"headlamp\", \"" + URL + "\"))");
    }

    @Test
    void aRealmClientOfThatIdThatHeadlampCannotLogInThroughIsRefused() {
        var secret = SecretRef.of("identity", "headlamp-oidc", "client-secret");
        var confidential = OidcClient.web("headlamp", secret).withRedirectUris(URL + "/oidc-callback");
        var wrongCallback = OidcClient.browser("headlamp").withRedirectUris(URL + "/callback");
        var noGroups = HeadlampArgs.realmClient("headlamp", URL).withoutScope(ClientScopes.GROUPS);
        for (var client : List.of(confidential, wrongCallback, noGroups)) {
            var realm = realm(client);
            var rbac = rbac(realm, ApiServer.authenticationConfiguration()).audience("headlamp").build();
            assertThatThrownBy(() -> HeadlampArgs.builder().rbac(rbac).realm(realm).clientId("headlamp").url(URL).build())
                    .as(client.toString()).hasMessageContaining("realm client 'headlamp' is not Headlamp's")
                    .hasMessageContaining("public").hasMessageContaining(URL + "/oidc-callback");
        }
    }
}
