package dev.citadel.policy.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OidcRbacContractPolicyTest {
    private final OidcRbacContract policy = new OidcRbacContract();

    @Test
    void suggestsThePrefixedNameForSeed000sTypo() {
        assertThat(OidcRbacContract.suggest("oidc-admin", "oidc:")).isEqualTo("oidc:admin");
        assertThat(OidcRbacContract.suggest("admin", "oidc:")).isEqualTo("oidc:admin");
        assertThat(OidcRbacContract.suggest("oidcadmin", "oidc:")).isEqualTo("oidc:oidcadmin");
    }

    @Test
    void anUnknownGroupIsUndecidableAndSystemGroupsNeedNoPrefix() {
        var messages = RuleRun.messages(policy, """
                resources:
                  - apiVersion: rbac.authorization.k8s.io/v1
                    kind: ClusterRoleBinding
                    metadata: {name: oidc-cluster-admins}
                    roleRef: {kind: ClusterRole, name: cluster-admin}
                    subjects:
                      - {kind: Group, name: "[unknown]"}
                      - {kind: Group, name: "system:masters"}
                      - {kind: User, name: "alice@example.org"}
                """);
        assertThat(messages).singleElement().asString().contains("subjects[0].name").contains("not known until deployment");
    }

    @Test
    void checksIssuersOfEksAndApiServerFlagsAndTheParameter() {
        var violations = RuleRun.run(policy, """
                config: {issuerUrl: "http://keycloak.keycloak.svc:8080/realms/goldenpath"}
                resources:
                  - type: aws:eks/identityProviderConfig:IdentityProviderConfig
                    name: goldenpath-dev-eks-oidc
                    inputs:
                      clusterName: goldenpath-dev-eks
                      oidc: {identityProviderConfigName: keycloak, clientId: kubernetes,
                             issuerUrl: "http://keycloak.keycloak.svc:8080/realms/goldenpath"}
                  - type: talos:machine/configurationApply:ConfigurationApply
                    name: controlplane
                    inputs:
                      patch:
                        cluster:
                          apiServer:
                            extraArgs: {oidc-issuer-url: "https://sso.matherly.net/realms/matherlynet", oidc-client-id: kubernetes}
                """);
        assertThat(violations).extracting(v -> v.message())
                .anySatisfy(m -> assertThat(m).contains("oidc.issuerUrl").contains("https"))
                .anySatisfy(m -> assertThat(m).startsWith("policy parameter issuerUrl"))
                .hasSize(2);
        assertThat(violations).anySatisfy(v -> assertThat(v.urn()).isEmpty());
    }
}
