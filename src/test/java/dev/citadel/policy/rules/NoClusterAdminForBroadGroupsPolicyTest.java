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

    /**
     * The component-API issue's drift: OidcRbac with groupsPrefix("kc:") next to a hand-written kc:user →
     * cluster-admin. The policy hard-coded oidc: and passed it; it now reads the stack's prefix from what OidcRbac
     * annotates its bindings with, as oidc-rbac-contract does.
     */
    @Test
    void aKcPrefixedStacksCatchAllBoundToClusterAdminIsCaught() {
        var stack = """
                resources:
                  - apiVersion: rbac.authorization.k8s.io/v1
                    kind: ClusterRoleBinding
                    metadata:
                      name: oidc-cluster-viewers
                      annotations: {citadel.dev/oidc-groups-prefix: "kc:"}
                    roleRef: {kind: ClusterRole, name: view}
                    subjects: [{kind: Group, name: "kc:viewer"}]
                  - apiVersion: rbac.authorization.k8s.io/v1
                    kind: ClusterRoleBinding
                    metadata: {name: everyone-admin}
                    roleRef: {kind: ClusterRole, name: cluster-admin}
                    subjects: [{kind: Group, name: "%s"}]
                """;
        assertThat(RuleRun.messages(policy, stack.formatted("kc:user"))).singleElement().asString()
                .contains("everyone-admin", "'kc:user'", "kc:admin");
        assertThat(RuleRun.messages(policy, stack.formatted("kc:Everyone"))).hasSize(1);
        assertThat(RuleRun.messages(policy, stack.formatted("kc:admin"))).isEmpty();
        // Configured, the parameter wins over what the stack says.
        assertThat(RuleRun.messages(policy, "config: {groupsPrefix: \"oidc:\"}\n" + stack.formatted("kc:user"))).isEmpty();
    }
}
