package dev.citadel.policy.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RdsForceSslPolicyTest {
    private final RdsForceSsl policy = new RdsForceSsl();

    @Test
    void unknownHostsAndParametersAreUndecidableAndTheDefaultModeIsRequire() {
        var messages = RuleRun.messages(policy, """
                resources:
                  - type: pulumi:providers:postgresql
                    name: computed-host
                    inputs: {host: "[unknown]", sslmode: prefer}
                  - type: pulumi:providers:postgresql
                    name: default-mode
                    inputs: {host: goldenpath-dev-goldenpath-platform-db.cxmcacaams2q.eu-west-2.rds.amazonaws.com}
                  - type: aws:rds/parameterGroup:ParameterGroup
                    name: computed-params
                    inputs: {family: postgres15, parameters: [{name: "[unknown]", value: "1"}]}
                """);
        assertThat(messages).hasSize(2);
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("host of pulumi:providers:postgresql computed-host").contains("not known"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("parameter names of aws:rds/parameterGroup:ParameterGroup computed-params"));
    }

    @Test
    void requireSslForAllHostsAppliesOffRdsToo() {
        var messages = RuleRun.messages(policy, """
                config: {requireSslForAllHosts: true}
                resources:
                  - type: pulumi:providers:postgresql
                    name: homelab-dbaas
                    inputs: {host: postgresql.dbaas.svc.cluster.local, sslMode: allow}
                """);
        assertThat(messages).singleElement().asString().contains("homelab-dbaas connects with sslmode allow");
    }

    @Test
    void awsDefaultsDecide_pg15UnsetIsCompliant_zeroNever_pg14MustSetOne() {
        var messages = RuleRun.messages(policy, """
                resources:
                  - type: aws:rds/parameterGroup:ParameterGroup
                    name: pg15-unset
                    inputs: {family: postgres15, parameters: []}
                  - type: aws:rds/parameterGroup:ParameterGroup
                    name: pg17-unset
                    inputs: {family: postgres17, parameters: [{name: work_mem, value: "8192"}]}
                  - type: aws:rds/parameterGroup:ParameterGroup
                    name: pg15-zero
                    inputs: {family: postgres15, parameters: [{name: rds.force_ssl, value: "0"}]}
                  - type: aws:rds/parameterGroup:ParameterGroup
                    name: pg14-unset
                    inputs: {family: postgres14, parameters: []}
                  - type: aws:rds/parameterGroup:ParameterGroup
                    name: pg14-one
                    inputs: {family: postgres14, parameters: [{name: rds.force_ssl, value: "1"}]}
                  - type: aws:rds/clusterParameterGroup:ClusterParameterGroup
                    name: aurora15-unset
                    inputs: {family: aurora-postgresql15, parameters: []}
                """);
        assertThat(messages).hasSize(3);
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("pg15-zero (family postgres15) sets rds.force_ssl=0"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("pg14-unset (family postgres14) does not set rds.force_ssl=1")
                .contains("engine default there is 0"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("aurora15-unset"));
        assertThat(messages).noneSatisfy(m -> assertThat(m).containsAnyOf("pg15-unset", "pg17-unset", "pg14-one"));
    }
}
