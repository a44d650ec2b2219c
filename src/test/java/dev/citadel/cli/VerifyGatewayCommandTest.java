package dev.citadel.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code citadel verify --gateway}: what it reads from the plan, and the mistakes refused before anything is sent. The
 * checks against a live realm run in GatewayVerifyIT.
 */
class VerifyGatewayCommandTest {

    @Test
    void theHomelabsJwtPolicyIsReadWithItsIssuerJwksAudienceClaimsAndTheRedirectOfItsRealmClient() {
        var policies = GatewayVerifyRun.policies(PlanCommand.plan(Path.of("."), "homelab"), "homelab");

        assertThat(policies).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("apps/api-jwt");
            assertThat(p.issuer()).isEqualTo("https://sso.homelab.lan/realms/homelab");
            assertThat(p.jwksUri()).isEqualTo("https://sso.homelab.lan/realms/homelab/protocol/openid-connect/certs");
            assertThat(p.inCluster()).isFalse();
            assertThat(p.audiences()).containsExactly("homelab-api");
            assertThat(p.claims()).containsExactly("sub", "email", "groups", "preferred_username", "realm_access.roles");
            assertThat(p.redirectUris()).containsExactly("https://api.homelab.lan/*");
        });
    }

    @Test
    void inClusterThePolicyIsMarkedSoItsServiceUrlIsNotFetchedFromHere() {
        var policies = GatewayVerifyRun.policies(PlanCommand.plan(Path.of("src/test/resources/projects/gateway-in-cluster"),
                "internal-ca"), "internal-ca");
        assertThat(policies).singleElement().satisfies(p -> {
            assertThat(p.inCluster()).isTrue();
            assertThat(p.jwksUri()).startsWith("https://keycloak-service.identity.svc:8443/");
        });
    }

    @Test
    void aStackWithoutJwtPoliciesIsOneLine() {
        VerifyCommandTest.run("verify", "--stack", "baseline", "--gateway", "--project-dir",
                        dev.citadel.testing.Read.testProject("mistakes").toString())
                .isOneLineUserError("stack 'baseline' plans no JWT SecurityPolicy", "citadel:gateway.jwt");
    }

    @Test
    void mixedWithAnotherCheckOrWithoutThePasswordItIsRefusedBeforeAnythingIsSent() {
        for (var args : List.of(List.of("--postgres"), List.of("--realm-drift"), List.of("--expect-groups", "admin", "--user", "ada"),
                List.of("--user", "ada"))) {
            var all = new java.util.ArrayList<>(List.of("verify", "--stack", "homelab", "--gateway"));
            all.addAll(args);
            var result = VerifyCommandTest.run(all.toArray(String[]::new));
            assertThat(result.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCodes.ERROR);
            assertThat(result.err().lines().count()).as(result.err()).isEqualTo(1);
        }
    }
}
