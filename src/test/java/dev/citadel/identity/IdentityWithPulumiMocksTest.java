package dev.citadel.identity;

import com.pulumi.test.PulumiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KeycloakRealm and OidcRbac under the Pulumi SDK's own public mocks (not Citadel's recorder): what a user's
 * unit test of a stack that uses them would see, EKS target included.
 */
class IdentityWithPulumiMocksTest {

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRealmTheBindingsAndTheEksConfigReachTheEngine() {
        var mocks = new RealmRenderings.Recording();
        var result = PulumiTest.withMocks(mocks).runTest(ctx -> {
            var realm = IdentityPlans.homelabRealm(ctx);
            var rbac = new OidcRbac("dev-oidc", IdentityPlans.seed000(realm.contract(), ApiServer.eks("dev")).build());
            ctx.export("eks", ((ApiServerConfig.EksIdentityProvider) rbac.apiServer()).identityProviderConfigId());
        });
        assertThat(result.exceptions()).isEmpty();
        assertThat(result.exitCode()).isZero();

        var realmImport = mocks.of(IdentityPlans.REALM_IMPORT);
        assertThat(realmImport).hasSize(1);
        var spec = (Map<String, Object>) realmImport.get(0).inputs.get("spec");
        assertThat(((Map<String, Object>) spec.get("realm")).get("realm")).isEqualTo("homelab");
        assertThat(spec.toString()).doesNotContain(IdentityPlans.GOOGLE_SECRET_CANARY);

        assertThat(mocks.of(IdentityPlans.BINDING)).extracting(r -> r.name).containsExactlyInAnyOrder(
                "dev-oidc-oidc-cluster-admins", "dev-oidc-oidc-cluster-operators", "dev-oidc-oidc-cluster-developers",
                "dev-oidc-oidc-cluster-viewers", "dev-oidc-oidc-cluster-users");
        var eks = mocks.of(IdentityPlans.EKS);
        assertThat(eks).hasSize(1);
        assertThat((Map<String, Object>) eks.get(0).inputs.get("oidc")).containsEntry("issuerUrl", "https://sso.homelab.lan/realms/homelab")
                .containsEntry("groupsPrefix", "oidc:").containsEntry("clientId", "kubernetes");
        assertThat(result.resources()).extracting(r -> r.pulumiResourceType())
                .contains(KeycloakRealm.TYPE, OidcRbac.TYPE);
    }
}
