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
    /** CNPG's webhook allowlist of pgbouncer parameters (pkg/specs/pgbouncer). */
    static final Set<String> PGBOUNCER = Set.of("application_name_add_host", "autodb_idle_timeout", "cancel_wait_timeout",
            "client_idle_timeout", "client_login_timeout", "default_pool_size", "disable_pqexec", "dns_max_ttl",
            "dns_nxdomain_ttl", "idle_transaction_timeout", "ignore_startup_parameters", "listen_backlog", "log_connections",
            "log_disconnections", "log_pooler_errors", "log_stats", "max_client_conn", "max_db_connections", "max_packet_size",
            "max_prepared_statements", "max_user_connections", "min_pool_size", "query_timeout", "query_wait_timeout",
            "reserve_pool_size", "reserve_pool_timeout", "sbuf_loopcnt", "server_check_delay", "server_check_query",
            "server_connect_timeout", "server_fast_close", "server_idle_timeout", "server_lifetime", "server_login_retry",
            "server_reset_query", "server_reset_query_always", "server_round_robin", "stats_period", "suspend_timeout",
            "tcp_defer_accept", "tcp_keepalive", "tcp_keepcnt", "tcp_keepidle", "tcp_keepintvl", "tcp_user_timeout",
            "track_extra_parameters", "verbose");

    /** Settings CNPG fixes itself (its webhook refuses them): TLS, listening, files, archiving and replication. */
    static final Set<String> POSTGRESQL_FIXED = Set.of("allow_system_table_mods", "archive_cleanup_command", "archive_command",
            "archive_mode", "cluster_name", "config_file", "data_directory", "data_sync_retry", "external_pid_file",
            "full_page_writes", "hba_file", "hot_standby", "ident_file", "jit_provider", "listen_addresses", "log_destination",
            "log_directory", "log_file_mode", "log_filename", "log_rotation_age", "log_rotation_size", "log_truncate_on_rotation",
            "logging_collector", "port", "primary_conninfo", "primary_slot_name", "promote_trigger_file", "recovery_end_command",
            "recovery_min_apply_delay", "recovery_target", "recovery_target_action", "recovery_target_inclusive",
            "recovery_target_lsn", "recovery_target_name", "recovery_target_time", "recovery_target_timeline",
            "recovery_target_xid", "restart_after_crash", "restore_command", "ssl", "ssl_ca_file", "ssl_cert_file", "ssl_ciphers",
            "ssl_crl_dir", "ssl_crl_file", "ssl_dh_params_file", "ssl_ecdh_curve", "ssl_key_file", "ssl_max_protocol_version",
            "ssl_min_protocol_version", "ssl_passphrase_command", "ssl_passphrase_command_supports_reload",
            "ssl_prefer_server_ciphers", "stats_temp_directory", "synchronous_standby_names", "syslog_facility", "syslog_ident",
            "syslog_sequence_numbers", "syslog_split_messages", "unix_socket_directories", "unix_socket_group",
            "unix_socket_permissions", "wal_level", "wal_log_hints");

    private static final Pattern POSTGRESQL_KEY = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");

    private ConfigParameters() {
    }

    static void pgbouncer(String field, String key, String value) {
        if (key == null || !PGBOUNCER.contains(key)) {
            throw new IllegalArgumentException(field + ": '" + Shown.cut(String.valueOf(key)) + "' is not a pgbouncer parameter CNPG "
                    + "accepts; use one of its allowlist, e.g. default_pool_size, max_client_conn, server_lifetime");
        }
        value(field + "." + key, value);
    }

    static void postgresql(String field, String key, String value) {
        if (key == null || key.length() > 63 || !POSTGRESQL_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException(field + ": '" + Shown.cut(String.valueOf(key)) + "' is not a PostgreSQL setting; "
                    + "write e.g. parameter(\"max_connections\", \"200\")");
        }
        if (POSTGRESQL_FIXED.contains(key)) {
            throw new IllegalArgumentException(field + ": '" + key + "' is fixed by CNPG (TLS, listening, files, archiving or "
                    + "replication), and its webhook refuses it; drop it (CNPG keeps ssl on with its own certificates)");
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
