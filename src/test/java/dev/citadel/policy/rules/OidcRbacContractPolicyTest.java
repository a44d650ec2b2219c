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

    /** What OidcRbac emits is the contract: realm groups from the stack's realm import, the prefix from EKS. */
    @Test
    void unconfiguredItReadsRealmGroupsFromTheRealmImportAndThePrefixFromEks() {
        var violations = RuleRun.run(policy, """
                resources:
                  - apiVersion: k8s.keycloak.org/v2alpha1
                    kind: KeycloakRealmImport
                    metadata: {name: homelab, namespace: identity}
                    spec:
                      keycloakCRName: keycloak
                      realm:
                        realm: homelab
                        groups:
                          - {name: admin, path: /admin}
                          - {name: platform, path: /platform, subGroups: [{name: sre, path: /platform/sre}]}
                  - type: aws:eks/identityProviderConfig:IdentityProviderConfig
                    name: dev-oidc
                    inputs:
                      clusterName: dev
                      oidc: {identityProviderConfigName: dev-oidc, clientId: kubernetes, groupsPrefix: "kc:",
                             issuerUrl: "https://sso.example.com/realms/homelab"}
                  - apiVersion: rbac.authorization.k8s.io/v1
                    kind: ClusterRoleBinding
                    metadata: {name: ok}
                    roleRef: {kind: ClusterRole, name: edit}
                    subjects: [{kind: Group, name: "kc:sre"}, {kind: Group, name: "kc:admin"}]
                  - apiVersion: rbac.authorization.k8s.io/v1
                    kind: ClusterRoleBinding
                    metadata: {name: no-such-group}
                    roleRef: {kind: ClusterRole, name: view}
                    subjects: [{kind: Group, name: "kc:developers"}]
                  - apiVersion: rbac.authorization.k8s.io/v1
                    kind: ClusterRoleBinding
                    metadata: {name: old-prefix}
                    roleRef: {kind: ClusterRole, name: view}
                    subjects: [{kind: Group, name: "oidc:admin"}]
                """);
        assertThat(violations).extracting(v -> v.message()).hasSize(2)
                .anySatisfy(m -> assertThat(m).contains("no-such-group", "no group 'developers'", "admin, platform, sre"))
                .anySatisfy(m -> assertThat(m).contains("old-prefix", "lacks the OIDC groups prefix 'kc:'"));
    }

    @Test
    void configuredValuesWinOverWhatTheStackSays() {
        var violations = RuleRun.run(policy, """
                config: {groupsPrefix: "oidc:", realmGroups: [admin]}
                resources:
                  - apiVersion: k8s.keycloak.org/v2alpha1
                    kind: KeycloakRealmImport
                    metadata: {name: homelab, namespace: identity}
                    spec: {keycloakCRName: keycloak, realm: {realm: homelab, groups: [{name: admin}, {name: sre}]}}
                  - apiVersion: rbac.authorization.k8s.io/v1
                    kind: ClusterRoleBinding
                    metadata: {name: sre}
                    roleRef: {kind: ClusterRole, name: edit}
                    subjects: [{kind: Group, name: "oidc:sre"}]
                """);
        assertThat(violations).singleElement().satisfies(v -> assertThat(v.message()).contains("no group 'sre'"));
    }

    /** Talos, kubeadm and structured targets leave no API-server resource: the prefix OidcRbac recorded on its bindings is used. */
    @Test
    void unconfiguredItReadsThePrefixOidcRbacRecordedOnItsBindings() {
        var violations = RuleRun.run(policy, """
                resources:
                  - apiVersion: rbac.authorization.k8s.io/v1
                    kind: ClusterRoleBinding
                    metadata: {name: oidc-cluster-admins, annotations: {"citadel.dev/oidc-groups-prefix": "kc:"}}
                    roleRef: {kind: ClusterRole, name: cluster-admin}
                    subjects: [{kind: Group, name: "kc:admin"}]
                  - apiVersion: rbac.authorization.k8s.io/v1
                    kind: ClusterRoleBinding
                    metadata: {name: hand-written}
                    roleRef: {kind: ClusterRole, name: view}
                    subjects: [{kind: Group, name: "oidc:viewer"}]
                """);
        assertThat(violations).singleElement().satisfies(v ->
                assertThat(v.message()).contains("hand-written", "lacks the OIDC groups prefix 'kc:'", "Bind 'kc:viewer'"));
    }

    /** Seed 000 §7.1: Headlamp's ID tokens reach the API server, which accepts only its audiences. */
    @Test
    void aHeadlampClientIdThatIsNoneOfTheApiServersAudiencesIsAFinding() {
        var headlamp = """
                  - type: kubernetes:helm.sh/v3:Release
                    name: homelab-headlamp
                    inputs: {chart: headlamp, version: 0.45.0, values: {config: {oidc: {clientID: headlamp}}}}
                """;
        var flags = """
                resources:
                  - apiVersion: rbac.authorization.k8s.io/v1
                    kind: ClusterRoleBinding
                    metadata: {name: oidc-cluster-admins, annotations: {"citadel.dev/oidc-groups-prefix": "oidc:",
                                                                        "citadel.dev/oidc-audiences": "kubernetes"}}
                    roleRef: {kind: ClusterRole, name: cluster-admin}
                    subjects: [{kind: Group, name: "oidc:admin"}]
                """ + headlamp;
        assertThat(RuleRun.messages(policy, flags)).singleElement().asString()
                .contains("homelab-headlamp", "client 'headlamp', which is none of the API server's audiences [kubernetes]",
                        "401 Unauthorized", "Set config.oidc.clientID to 'kubernetes'");

        var structured = flags.replace("\"citadel.dev/oidc-audiences\": \"kubernetes\"", "\"citadel.dev/oidc-audiences\": \"kubernetes,headlamp\"");
        assertThat(RuleRun.messages(policy, structured)).isEmpty();
        // A structured configuration the stack renders as a resource is read too, each of its audiences.
        assertThat(RuleRun.messages(policy, """
                resources:
                  - type: citadel:identity:AuthenticationConfiguration
                    name: kube-apiserver-oidc
                    inputs:
                      jwt: [{issuer: {url: "https://sso.example.com/realms/x", audiences: [kubernetes, headlamp],
                                      audienceMatchPolicy: MatchAny}}]
                """ + headlamp)).isEmpty();
        assertThat(RuleRun.messages(policy, "config: {audiences: [kubectl]}\n" + structured)).singleElement().asString()
                .contains("none of the API server's audiences [kubectl]");
    }
}
