package dev.citadel.policy.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PgbouncerIdleTransactionTimeoutPolicyTest {
    private final PgbouncerIdleTransactionTimeout policy = new PgbouncerIdleTransactionTimeout();

    @Test
    void readsOnlyThePgbouncerSectionAndTheLastSetting() {
        assertThat(PgbouncerIdleTransactionTimeout.fromIni("""
                [databases]
                idle_transaction_timeout = 300
                [pgbouncer]
                ;idle_transaction_timeout = 300
                pool_mode = session
                """)).isEmpty();
        assertThat(PgbouncerIdleTransactionTimeout.fromIni("""
                [pgbouncer]
                idle_transaction_timeout=300
                idle_transaction_timeout = 0
                """)).contains("0");
    }

    @Test
    void unknownValuesAreUndecidableAndZeroInAnyFormDisables() {
        var messages = RuleRun.messages(policy, """
                resources:
                  - apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: pgbouncer-config, namespace: dbaas}
                    data: {pgbouncer.ini: "[unknown]"}
                  - apiVersion: postgresql.cnpg.io/v1
                    kind: Pooler
                    metadata: {name: postgresql-pooler-rw, namespace: dbaas}
                    spec: {pgbouncer: {parameters: {idle_transaction_timeout: "[unknown]"}}}
                  - apiVersion: postgresql.cnpg.io/v1
                    kind: Pooler
                    metadata: {name: postgresql-pooler-ro, namespace: dbaas}
                    spec: {pgbouncer: {parameters: {idle_transaction_timeout: "0.0"}}}
                  - apiVersion: postgresql.cnpg.io/v1
                    kind: Pooler
                    metadata: {name: postgresql-pooler-r, namespace: dbaas}
                    spec: {pgbouncer: {parameters: {idle_transaction_timeout: "10"}}}
                """);
        assertThat(messages).hasSize(3);
        assertThat(messages).filteredOn(m -> m.contains("not known until deployment")).hasSize(2);
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("postgresql-pooler-ro").contains("'0.0', which disables it"));
    }
}
