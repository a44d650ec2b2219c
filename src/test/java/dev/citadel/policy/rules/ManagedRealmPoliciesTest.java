package dev.citadel.policy.rules;

import com.pulumi.core.Output;
import dev.citadel.identity.ClientScopes;
import dev.citadel.identity.Group;
import dev.citadel.identity.KeycloakConnection;
import dev.citadel.identity.KeycloakRealm;
import dev.citadel.identity.KeycloakRealmArgs;
import dev.citadel.identity.OidcClient;
import dev.citadel.identity.RealmTarget;
import dev.citadel.plan.Plan;
import dev.citadel.plan.PlanRunner;
import dev.citadel.policy.PolicyResource;
import dev.citadel.secrets.SecretRef;
import dev.citadel.secrets.SecretValues;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The realm-reading policies see a managed realm as they see an imported one: the same realm, groups, clients,
 * redirect URIs and token claims, so moving a stack to the managed target does not quietly switch their checks off.
 */
class ManagedRealmPoliciesTest {

    private static KeycloakRealmArgs.Builder realm() {
        return KeycloakRealmArgs.builder().keycloakUrl("https://sso.example.com").namespace("identity").realm("platform")
                .groups(Group.of("admin"), Group.of("platform", Group.of("sre")), Group.of("user"))
                .client(OidcClient.kubernetesCli())
                .client(OidcClient.web("grafana", SecretRef.of("identity", "grafana-oidc", "client-secret"))
                        .withRedirectUris("https://grafana.example.com/oauth2/callback"))
                .client(OidcClient.browser("api").withRedirectUris("https://api.example.com/*").withOwnAudience()
                        .withDefaultScopes(ClientScopes.PROFILE, ClientScopes.EMAIL, ClientScopes.GROUPS, ClientScopes.ROLES));
    }

    private static List<PolicyResource> plan(boolean managed) {
        Plan plan = new PlanRunner("citadel", "test", Map.of(), Set.of()).run(ctx -> {
            var b = realm();
            if (managed) {
                var values = SecretValues.none().with(SecretRef.of("identity", "grafana-oidc", "client-secret"), Output.ofSecret("s"));
                b.target(RealmTarget.managed(KeycloakConnection.serviceAccount("citadel-admin"), values));
            }
            new KeycloakRealm("platform", b.build());
        });
        return plan.resources().stream().map(PolicyResource::of).toList();
    }

    private static Map<String, Object> view(GatewayRealm realm) {
        var clients = new TreeMap<String, Object>();
        realm.clients().forEach((id, c) -> clients.put(id, List.of(GatewayRealm.strings(c.redirectUris()), new java.util.TreeSet<>(c.claims()))));
        return Map.of("known", realm.known(), "realms", realm.realms(), "clients", clients);
    }

    @Test
    void theGatewayContractReadsTheSameRealmFromEitherTarget() {
        var imported = GatewayRealm.of(plan(false));
        var managed = GatewayRealm.of(plan(true));
        assertThat(view(managed)).isEqualTo(view(imported));
        assertThat(managed.realms()).containsExactly("platform");
        assertThat(managed.client("api").orElseThrow().claims()).contains("aud", "realm_access.roles", "groups", "preferred_username", "sub");
        assertThat(managed.client("grafana").orElseThrow().claims()).doesNotContain("realm_access.roles");
    }

    @Test
    void theRbacContractReadsTheManagedRealmsGroups() {
        assertThat(OidcRbacContract.realmImportGroups(plan(true))).containsExactlyInAnyOrder("admin", "platform", "sre", "user");
        assertThat(OidcRbacContract.realmImportGroups(plan(false))).containsExactlyInAnyOrder("admin", "platform", "sre", "user");
    }
}
