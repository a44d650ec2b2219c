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
}
