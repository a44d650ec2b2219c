package dev.citadel.contract;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * What RdsAppUser and the PostgreSQL policies (rds-force-ssl, app-roles-not-superuser) must agree on. Seed 004:
 * RDS refused the apps' plain connections and Backstage lacked CREATEDB; the component makes the right thing and
 * the policies catch the hand-written wrong thing, so both read the names from here.
 */
public final class Postgres {
    /** The RDS parameter that makes the server refuse unencrypted connections. */
    public static final String FORCE_SSL_PARAMETER = "rds.force_ssl";
    public static final String FORCE_SSL_ON = "1";
    /**
     * AWS's default: {@code rds.force_ssl} is 1 on RDS for PostgreSQL 15 and later, 0 on 14 and older. An
     * older group that leaves it unset lets clients in without encryption.
     */
    public static final int FORCE_SSL_DEFAULT_ON_FROM_MAJOR = 15;

    /** libpq sslmodes that never fall back to plain text. */
    public static final List<String> SECURE_SSL_MODES = List.of("require", "verify-ca", "verify-full");

    /** The postgresql provider's Role inputs app-roles-not-superuser refuses on an application role. */
    public static final String ROLE_SUPERUSER = "superuser";
    public static final String ROLE_CREATE_ROLE = "createRole";
    public static final String ROLE_CREATE_DATABASE = "createDatabase";

    /**
     * Roles whose membership is a superuser's power, or all data (issue 23): the bootstrap superuser ({@code postgres};
     * on PostgreSQL 15 a member may SET ROLE to it), the predefined roles that run programs or read and write server files
     * or every table, and the managed services' admin roles. {@code inRoles} refuses them at build(), app-roles-not-superuser
     * flags a grant of one, and verify follows memberships to them.
     */
    public static final java.util.Set<String> SUPERUSER_EQUIVALENT_ROLES = java.util.Set.of(
            "postgres", "pg_execute_server_program", "pg_read_server_files", "pg_write_server_files", "pg_write_all_data",
            "pg_read_all_data", "pg_signal_backend", "pg_checkpoint", "pg_create_subscription", "pg_use_reserved_connections",
            "rds_superuser", "rds_replication", "rds_password", "rdsadmin", "cloudsqlsuperuser", "azure_pg_admin", "streaming_replica");

    /** PostgreSQL 15 revoked CREATE on schema public from PUBLIC; from then the owner's grants must be explicit. */
    public static final int PUBLIC_SCHEMA_LOCKED_FROM_MAJOR = 15;

    private static final Pattern FAMILY = Pattern.compile("(postgres|aurora-postgresql)(\\d+)(\\.\\d+)?");

    private Postgres() {
    }

    /** The major version a parameter group family is for: {@code postgres15} → 15, {@code postgres9.6} → 9. */
    public static OptionalInt familyMajor(String family) {
        if (family == null) {
            return OptionalInt.empty();
        }
        var m = FAMILY.matcher(family.strip().toLowerCase(Locale.ROOT));
        return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(2))) : OptionalInt.empty();
    }

    /** The parameter group family for an RDS PostgreSQL engine version: {@code 15.15} → {@code postgres15}. */
    public static String familyFor(int major) {
        return "postgres" + major;
    }
}
