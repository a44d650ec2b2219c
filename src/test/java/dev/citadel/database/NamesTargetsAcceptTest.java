package dev.citadel.database;

import dev.citadel.secrets.SecretRef;
import org.junit.jupiter.api.Test;

import static dev.citadel.database.DatabasePlans.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Issue 23: names the target refuses are refused at build(), and a value echoed in an error stays one readable line.
 */
class NamesTargetsAcceptTest {
    private static final SecretRef PASSWORD = SecretRef.of("authentik", "authentik-postgres", "password");

    /** CNPG's webhook takes DNS-1035 names of at most 50 characters; 1db and 54 characters planned clean before. */
    @Test
    void aClusterNameCnpgRefusesIsRefusedAtBuild() {
        var args = DatabasePlans.authentik(PASSWORD).build();
        for (var bad : new String[]{"1db", "a".repeat(54)}) {
            var e = org.assertj.core.api.Assertions.catchThrowable(() -> DatabasePlans.plan(ctx -> new CnpgCluster(bad, args)));
            assertThat(e).isInstanceOf(dev.citadel.plan.PlanRunner.ProgramFailure.class);
            assertThat(e.getCause()).hasMessageStartingWith("CnpgCluster '" + bad + "': CnpgCluster name (the Cluster object and its pods are named after it): '")
                    .hasMessageContaining("DNS-1035 label of at most 50 characters");
        }
        assertThatCode(() -> DatabasePlans.plan(ctx -> new CnpgCluster("a".repeat(50), args))).doesNotThrowAnyException();
    }

    /** A 10,000-character secret name or namespace came back whole, in a 10,000-character line. */
    @Test
    void aLongValueInAnErrorIsCutWithItsSize() {
        var huge = "x".repeat(10_000);
        for (var e : new IllegalArgumentException[]{rejection(() -> SecretRef.of("authentik", huge, "password")),
                rejection(() -> SecretRef.of(huge, "authentik-postgres", "password")),
                rejection(() -> RdsPlans.keycloak(RdsPlans.someRef()).user(huge).build()),
                rejection(() -> DatabasePlans.authentik(PASSWORD).role(Role.app(huge.toUpperCase(java.util.Locale.ROOT), PASSWORD)).build())}) {
            assertThat(e.getMessage()).contains("… (10,000 characters)").doesNotContain("\n");
            assertThat(e.getMessage().length()).isLessThan(600);
        }
    }
}
