package dev.citadel.database;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.citadel.database.RdsPlans.plain;
import static dev.citadel.database.RdsPlans.rejection;
import static org.assertj.core.api.Assertions.assertThat;

/** The rds.force_ssl=1 parameter group: its family follows the engine, and the mistake is an error at build. */
class RdsParameterGroupTest {
    static final String GROUP = "aws:rds/parameterGroup:ParameterGroup";

    @Test
    void aPostgres15GroupSetsForceSslExplicitly() {
        var plan = RdsPlans.plan(ctx -> {
            var group = new RdsParameterGroup("platform-db", RdsParameterGroupArgs.of("15.15"));
            ctx.export("parameterGroupName", group.groupName());
        });
        var group = RdsPlans.only(plan, GROUP);
        assertThat(group.name()).isEqualTo("platform-db-params");
        assertThat(group.parent()).isEqualTo(plan.find(RdsParameterGroup.TYPE, "platform-db").orElseThrow().urn());
        assertThat(plain(group, "family")).isEqualTo("postgres15");
        assertThat(plain(group, "parameters")).isEqualTo(List.of(Map.of("name", "rds.force_ssl", "value", "1", "applyMethod", "pending-reboot")));
    }

    @Test
    void aFamilyOfAnotherEngineVersionIsRefusedWithTheRightOne() {
        assertThat(rejection(() -> new RdsParameterGroupArgs("15.15", "postgres14")))
                .hasMessageStartingWith("family: 'postgres14' does not match engineVersion 15.15")
                .hasMessageEndingWith("use postgres15");
        assertThat(rejection(() -> new RdsParameterGroupArgs("15.15", "mysql8.0")))
                .hasMessageStartingWith("family: 'mysql8.0' is not an RDS for PostgreSQL parameter group family");
        assertThat(rejection(() -> RdsParameterGroupArgs.of("latest"))).hasMessageStartingWith("engineVersion: 'latest'");
        assertThat(RdsParameterGroupArgs.of("16.4").family()).isEqualTo("postgres16");
    }

    @Test
    void onPostgres14WhereTheDefaultIsOffTheGroupIsOfThatFamily() {
        var plan = RdsPlans.plan(ctx -> new RdsParameterGroup("platform-db", RdsParameterGroupArgs.of("14.12")));
        assertThat(plain(RdsPlans.only(plan, GROUP), "family")).isEqualTo("postgres14");
    }
}
