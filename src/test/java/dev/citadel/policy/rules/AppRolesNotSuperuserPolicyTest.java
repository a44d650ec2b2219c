package dev.citadel.policy.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AppRolesNotSuperuserPolicyTest {
    private final AppRolesNotSuperuser policy = new AppRolesNotSuperuser();

    @Test
    void unknownPowersOrNamesAreUndecidableAndCreatedbAloneIsFine() {
        var messages = RuleRun.messages(policy, """
                config: {allowedRoles: [rds_admin]}
                resources:
                  - type: postgresql:index/role:Role
                    name: backstage-app
                    inputs: {name: backstage_app, createDatabase: true, superuser: "[unknown]"}
                  - type: postgresql:index/role:Role
                    name: computed
                    inputs: {name: "[unknown]", superuser: true}
                  - apiVersion: postgresql.cnpg.io/v1
                    kind: Cluster
                    metadata: {name: platform-db, namespace: dbaas}
                    spec: {managed: {roles: [{name: backstage_app, createdb: true}, {name: rds_admin, superuser: true}]}}
                """);
        assertThat(messages).hasSize(2);
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("superuser of role backstage_app").contains("not known"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("the name of a role with superuser").contains("allowedRoles"));
    }

    /** Issue 23: a membership is a privilege; the plan passed an app role that was a member of postgres. */
    @Test
    void aMembershipInASuperuserEquivalentRoleIsAViolation() {
        var messages = RuleRun.messages(policy, """
                config: {allowedRoles: [ops_admin]}
                resources:
                  - type: postgresql:index/role:Role
                    name: backstage-app
                    inputs: {name: backstage_app, roles: [pg_execute_server_program, app_readers]}
                  - type: postgresql:index/grantRole:GrantRole
                    name: keycloak-member
                    inputs: {role: keycloak_app, grantRole: rds_superuser}
                  - type: postgresql:index/grantRole:GrantRole
                    name: master-member
                    inputs: {role: postgres, grantRole: keycloak_app}
                  - apiVersion: postgresql.cnpg.io/v1
                    kind: Cluster
                    metadata: {name: platform-db, namespace: dbaas}
                    spec: {managed: {roles: [{name: grafana, inRoles: [postgres]}, {name: ops_admin, inRoles: [postgres]},
                                             {name: reader, inRoles: [pg_monitor]}]}}
                """);
        assertThat(messages).hasSize(3);
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("role backstage_app is a member of pg_execute_server_program"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("role keycloak_app is a member of rds_superuser"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("managed role grafana is a member of postgres"));
    }
}
