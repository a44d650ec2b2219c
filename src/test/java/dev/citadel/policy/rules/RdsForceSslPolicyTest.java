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
}
