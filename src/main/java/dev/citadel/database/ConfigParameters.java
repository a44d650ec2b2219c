package dev.citadel.database;

import dev.citadel.names.PlainText;
import dev.citadel.value.Shown;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a stack may put in pgbouncer.ini ({@link Pooler} parameters) and postgresql.conf ({@code parameter(...)}), both
 * rendered by CNPG as {@code key = value} lines. Issue 23: a newline or a trailing space in a Pooler key or value, or a
 * quote and a newline in a PostgreSQL value, came out as settings of their own ({@code ssl = off}). Keys come from
 * CNPG's own lists (its webhook's pgbouncer allowlist; PostgreSQL settings CNPG does not fix itself); values hold no
 * control character and no surrounding space, so each is exactly one value of its line.
 */
final class ConfigParameters {
    /**
     * CNPG's webhook allowlist of pgbouncer parameters, as upstream has it: cloudnative-pg
     * internal/webhook/v1/pooler_webhook.go, AllowedPgbouncerGenericConfigurationParameters. Any other key is refused at apply.
     */
    static final Set<String> PGBOUNCER = Set.of("application_name_add_host", "auth_type", "auth_user", "autodb_idle_timeout",
            "cancel_wait_timeout", "client_idle_timeout", "client_login_timeout", "client_tls_ciphers", "client_tls_sslmode",
            "client_tls13_ciphers", "default_pool_size", "disable_pqexec", "dns_max_ttl", "dns_nxdomain_ttl",
            "idle_transaction_timeout", "ignore_startup_parameters", "listen_backlog", "log_connections", "log_disconnections",
            "log_pooler_errors", "log_stats", "max_client_conn", "max_db_connections", "max_packet_size", "max_prepared_statements",
            "max_user_connections", "min_pool_size", "pkt_buf", "query_timeout", "query_wait_timeout", "reserve_pool_size",
            "reserve_pool_timeout", "sbuf_loopcnt", "server_check_delay", "server_check_query", "server_connect_timeout",
            "server_fast_close", "server_idle_timeout", "server_lifetime", "server_login_retry", "server_reset_query",
            "server_reset_query_always", "server_round_robin", "server_tls_ciphers", "server_tls13_ciphers", "server_tls_protocols",
            "server_tls_sslmode", "stats_period", "suspend_timeout", "tcp_defer_accept", "tcp_socket_buffer", "tcp_keepalive",
            "tcp_keepcnt", "tcp_keepidle", "tcp_keepintvl", "tcp_user_timeout", "track_extra_parameters", "verbose");

    /**
     * Values CNPG's webhook accepts but Citadel refuses, because they undo the verification the connections rely on
     * (issue 23): clients connect with verify-full and send a password, so the pooler must speak TLS to them and must not
     * let anyone in without one; and pgbouncer must keep checking PostgreSQL's certificate (CNPG's default is verify-ca,
     * pkg/management/pgbouncer/config/config.go).
     */
    static final java.util.Map<String, Set<String>> PGBOUNCER_REFUSED_VALUES = java.util.Map.of(
            "client_tls_sslmode", Set.of("disable"),
            "server_tls_sslmode", Set.of("disable", "allow", "prefer", "require"),
            "auth_type", Set.of("trust", "any", "plain"));

    /**
     * Settings CNPG fixes or blocks (its webhook refuses a value other than its own, and its own is what it writes anyway):
     * cloudnative-pg pkg/postgres/configuration.go, FixedConfigurationParameters. TLS, listening, files, archiving,
     * recovery and replication are among them; wal_level, ssl_min_protocol_version and the like are not, and CNPG takes
     * them from the stack.
     */
    static final Set<String> POSTGRESQL_FIXED = Set.of("allow_system_table_mods", "archive_mode", "bonjour", "bonjour_name",
            "cluster_name", "config_file", "data_directory", "data_sync_retry", "event_source", "external_pid_file", "hba_file",
            "hot_standby", "ident_file", "jit_provider", "listen_addresses", "logging_collector", "port", "primary_conninfo",
            "primary_slot_name", "recovery_target", "recovery_target_action", "recovery_target_inclusive", "recovery_target_lsn",
            "recovery_target_name", "recovery_target_time", "recovery_target_timeline", "recovery_target_xid", "restore_command",
            "shared_preload_libraries", "temp_tablespaces", "unix_socket_directories", "unix_socket_group",
            "unix_socket_permissions", "archive_cleanup_command", "archive_command", "log_destination", "log_directory",
            "log_file_mode", "log_filename", "log_rotation_age", "log_rotation_size", "log_truncate_on_rotation",
            "pg_failover_slots.primary_dsn", "pg_failover_slots.standby_slot_names", "promote_trigger_file", "recovery_end_command",
            "recovery_min_apply_delay", "restart_after_crash", "ssl", "ssl_ca_file", "ssl_cert_file", "ssl_crl_file",
            "ssl_dh_params_file", "ssl_key_file", "ssl_passphrase_command", "ssl_passphrase_command_supports_reload",
            "ssl_prefer_server_ciphers", "stats_temp_directory", "synchronous_standby_names", "synchronized_standby_slots",
            "syslog_facility", "syslog_ident", "syslog_sequence_numbers", "syslog_split_messages");

    /**
     * Stricter than CNPG's own name check (internal/webhook/v1/cluster_webhook.go postgresParameterNameRegex takes upper case
     * and '$'): PostgreSQL folds names to lower case, so {@code SSL} would be {@code ssl} past a lower-case list.
     */
    private static final Pattern POSTGRESQL_KEY = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");

    private ConfigParameters() {
    }

    static void pgbouncer(String field, String key, String value) {
        if (key == null || !PGBOUNCER.contains(key)) {
            throw new IllegalArgumentException(field + ": '" + Shown.cut(String.valueOf(key)) + "' is not a pgbouncer parameter CNPG "
                    + "accepts; use one of its allowlist, e.g. default_pool_size, max_client_conn, server_lifetime");
        }
        value(field + "." + key, value);
        if (PGBOUNCER_REFUSED_VALUES.getOrDefault(key, Set.of()).contains(value)) {
            throw new IllegalArgumentException(field + "." + key + ": '" + value + "' would let connections through unchecked ("
                    + (key.equals("auth_type") ? "no password asked" : "TLS off or the server's certificate unchecked")
                    + "); drop it (CNPG's defaults keep TLS and verify-ca) or use one of " + allowedFor(key));
        }
    }

    private static String allowedFor(String key) {
        var all = key.equals("auth_type") ? java.util.List.of("md5", "scram-sha-256", "cert", "hba")
                : java.util.List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
        return all.stream().filter(v -> !PGBOUNCER_REFUSED_VALUES.get(key).contains(v)).toList().toString();
    }

    static void postgresql(String field, String key, String value) {
        if (key == null || key.length() > 63 || !POSTGRESQL_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException(field + ": '" + Shown.cut(String.valueOf(key)) + "' is not a PostgreSQL setting; "
                    + "write e.g. parameter(\"max_connections\", \"200\")");
        }
        if (POSTGRESQL_FIXED.contains(key)) {
            throw new IllegalArgumentException(field + ": '" + key + "' is fixed by CNPG (TLS, listening, files, logging, "
                    + "archiving, recovery or replication), and its webhook refuses it; drop it (CNPG keeps ssl on with its own certificates)");
        }
        value(field + "." + key, value);
        if (value.indexOf('\\') >= 0) {
            throw new IllegalArgumentException(field + "." + key + ": '" + Shown.cut(value) + "' holds a backslash, which "
                    + "postgresql.conf reads as an escape (\\n becomes a line break) in the value CNPG writes; remove it");
        }
    }

    private static void value(String field, String value) {
        PlainText.check(field, value);
        if (value.isEmpty() || !value.equals(value.strip())) {
            throw new IllegalArgumentException(field + ": '" + Shown.cut(value) + "' is empty or has surrounding spaces, which the "
                    + "config file would read differently; give the value without them");
        }
    }
}
