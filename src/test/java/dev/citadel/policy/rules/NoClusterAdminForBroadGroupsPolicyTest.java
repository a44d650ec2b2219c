package dev.citadel.policy.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NoClusterAdminForBroadGroupsPolicyTest {
    private final NoClusterAdminForBroadGroups policy = new NoClusterAdminForBroadGroups();

    private static String binding(String role, String group) {
        return """
                config: {broadGroups: [staff]}
                resources:
                  - apiVersion: rbac.authorization.k8s.io/v1
                    kind: ClusterRoleBinding
                    metadata: {name: oidc-cluster-admins}
                    roleRef: {kind: ClusterRole, name: "%s"}
                    subjects: [{kind: Group, name: "%s"}]
                """.formatted(role, group);
    }

    @Test
    void anUnknownRoleForAnEveryoneGroupIsUndecidable() {
        assertThat(RuleRun.messages(policy, binding("[unknown]", "system:authenticated")))
                .singleElement().asString().contains("roleRef").contains("not known until deployment");
        assertThat(RuleRun.messages(policy, binding("[unknown]", "oidc:admin"))).isEmpty();
    }

    @Test
    void broadGroupsExtendTheListAndNearMissesPass() {
        assertThat(RuleRun.messages(policy, binding("cluster-admin", "oidc:staff"))).singleElement().asString().contains("oidc:staff");
        assertThat(RuleRun.messages(policy, binding("cluster-admin", "system:serviceaccounts:cnpg-system"))).hasSize(1);
        assertThat(RuleRun.messages(policy, binding("cluster-admin", "oidc:user-admins"))).isEmpty();
        assertThat(RuleRun.messages(policy, binding("admin", "oidc:user"))).isEmpty();
    }
}
