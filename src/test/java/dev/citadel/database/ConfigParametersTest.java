package dev.citadel.database;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The keys a stack may give a Pooler and postgresql.conf are CNPG's own lists (its Pooler webhook's allowlist, its
 * Cluster webhook's fixed settings), so build() refuses what apply would refuse and nothing CNPG takes; and the Pooler
 * settings that would undo the connections' TLS checks are refused with the values that keep them.
 */
class ConfigParametersTest {

    @Test
    void poolerKeysAreCnpgsAllowlist() {
        // In CNPG's allowlist, missing from the one written from memory.
        for (var key : java.util.List.of("pkt_buf", "tcp_socket_buffer", "client_tls13_ciphers", "server_tls_protocols", "auth_user")) {
            assertThatCode(() -> ConfigParameters.pgbouncer("pooler.parameters", key, "4096")).as(key).doesNotThrowAnyException();
        }
        assertThatCode(() -> ConfigParameters.pgbouncer("pooler.parameters", "client_tls_sslmode", "require")).doesNotThrowAnyException();
        assertThatThrownBy(() -> ConfigParameters.pgbouncer("pooler.parameters", "listen_port", "6432"))
                .hasMessage("pooler.parameters: 'listen_port' is not a pgbouncer parameter CNPG accepts; use one of its allowlist, e.g. "
                        + "default_pool_size, max_client_conn, server_lifetime");
    }

    @Test
    void poolerValuesThatTurnOffTlsOrPasswordsAreRefusedWithTheOnesThatKeepThem() {
        assertThatThrownBy(() -> ConfigParameters.pgbouncer("pooler.parameters", "client_tls_sslmode", "disable"))
                .hasMessage("pooler.parameters.client_tls_sslmode: 'disable' would let connections through unchecked (TLS off or the "
                        + "server's certificate unchecked); drop it (CNPG's defaults keep TLS and verify-ca) or use one of "
                        + "[allow, prefer, require, verify-ca, verify-full]");
        assertThatThrownBy(() -> ConfigParameters.pgbouncer("pooler.parameters", "server_tls_sslmode", "require"))
                .hasMessageContaining("[verify-ca, verify-full]");
        assertThatThrownBy(() -> ConfigParameters.pgbouncer("pooler.parameters", "auth_type", "trust"))
                .hasMessageContaining("no password asked");
        assertThatCode(() -> ConfigParameters.pgbouncer("pooler.parameters", "server_tls_sslmode", "verify-full")).doesNotThrowAnyException();
    }

    @Test
    void postgresqlKeysCnpgFixesAreRefusedAndTheOnesItTakesAreNot() {
        // Fixed by CNPG, accepted by the list written from memory: refused at apply.
        for (var key : java.util.List.of("shared_preload_libraries", "temp_tablespaces", "bonjour", "synchronized_standby_slots",
                "pg_failover_slots.primary_dsn")) {
            assertThatThrownBy(() -> ConfigParameters.postgresql("parameter", key, "x")).as(key)
                    .hasMessageStartingWith("parameter: '" + key + "' is fixed by CNPG");
        }
        // Taken by CNPG from the stack, refused by the list written from memory.
        for (var key : java.util.List.of("wal_level", "ssl_min_protocol_version", "ssl_ciphers", "wal_log_hints", "full_page_writes")) {
            assertThatCode(() -> ConfigParameters.postgresql("parameter", key, "on")).as(key).doesNotThrowAnyException();
        }
        assertThatThrownBy(() -> ConfigParameters.postgresql("parameter", "SSL", "off")).hasMessageContaining("is not a PostgreSQL setting");
    }
}
