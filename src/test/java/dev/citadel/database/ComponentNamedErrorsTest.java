package dev.citadel.database;

import dev.citadel.secrets.SecretRef;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Issue 19: a Java program with several clusters was told what was wrong ("bootstrap: ... set incarnation(2)") but not
 * which cluster; stack config names the entry's citadel: path, and Java now names the component the same way.
 */
class ComponentNamedErrorsTest {
    private static final SecretRef PASSWORD = SecretRef.of("authentik", "authentik-postgres", "password");

    @Test
    void aRefusalOfTheComponentNamesItsClassAndName() {
        var args = DatabasePlans.authentik(PASSWORD)
                .bootstrap(Bootstrap.recoveryFrom("app-db-1"))
                .build();
        var e = catchThrowable(() -> DatabasePlans.plan(ctx -> new CnpgCluster("app-db", args)));
        assertThat(e.getCause()).hasMessageStartingWith("CnpgCluster 'app-db': bootstrap: cluster 'app-db' would recover from server name");
    }

    @Test
    void aComponentDeclaredTwiceIsNamedNotItsFirstChildsUrn() {
        var args = DatabasePlans.authentik(PASSWORD).build();
        var e = catchThrowable(() -> DatabasePlans.plan(ctx -> {
            new CnpgCluster("app-db", args);
            new CnpgCluster("app-db", args);
        }));
        assertThat(e.getCause()).hasMessage("CnpgCluster 'app-db' is declared twice; pulumi up rejects a URN registered twice "
                + "(urn:pulumi:test::citadel::pulumi:pulumi:Stack$citadel:database:CnpgCluster::app-db): give one of them another name");
    }
}
