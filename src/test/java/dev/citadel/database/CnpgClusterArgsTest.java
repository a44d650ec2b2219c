package dev.citadel.database;

import dev.citadel.secrets.SecretRef;
import org.junit.jupiter.api.Test;


import static dev.citadel.database.DatabasePlans.RUSTFS;
import static dev.citadel.database.DatabasePlans.authentik;
import static dev.citadel.database.DatabasePlans.rejection;
import static dev.citadel.database.DatabasePlans.rustfsCredentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input is refused at build(), one clear error each: the field, the bad value, the fix. No deployment needed. */
class CnpgClusterArgsTest {
    private static final SecretRef PASSWORD = SecretRef.of("authentik", "authentik-postgres", "password");

    private static Backup rustfs() {
        return Backup.s3Compatible(RUSTFS, "authentik-backups", rustfsCredentials("authentik"));
    }

    @Test
    void theIssuesDslBuilds() {
        assertThatCode(() -> authentik(PASSWORD).build()).doesNotThrowAnyException();
        assertThat(authentik(PASSWORD).build().serverName("authentik-db")).isEqualTo("authentik-db-1");
        assertThat(authentik(PASSWORD).incarnation(4).build().serverName("authentik-db")).isEqualTo("authentik-db-4");
    }

    @Test
    void instancesBelowOne() {
        assertThat(rejection(() -> authentik(PASSWORD).instances(0).build()))
                .hasMessageContaining("instances").hasMessageContaining("0").hasMessageContaining("use 1");
    }

    @Test
    void retentionNotMatchingTheCrdPattern() {
        for (var bad : new String[]{"30", "30 days", "0d", "1y", "-3d"}) {
            assertThat(rejection(() -> authentik(PASSWORD).backup(rustfs().withRetention(bad)).build()))
                    .hasMessageContaining("backup.retention").hasMessageContaining("'" + bad + "'")
                    .hasMessageContaining("^[1-9][0-9]*[dwm]$").hasMessageContaining("30d");
        }
        assertThatCode(() -> authentik(PASSWORD).backup(rustfs().withRetention("4w")).build()).doesNotThrowAnyException();
    }

    @Test
    void aFiveFieldCron() {
        assertThat(rejection(() -> authentik(PASSWORD).backup(rustfs().withSchedule("0 3 * * *")).build()))
                .hasMessageContaining("backup.schedule").hasMessageContaining("'0 3 * * *'")
                .hasMessageContaining("6-field").hasMessageContaining("0 0 3 * * *");
    }

    @Test
    void aStorageSizeThatIsNotAQuantity() {
        for (var bad : new String[]{"10GB", "ten", "10 Gi", ""}) {
            assertThat(rejection(() -> authentik(PASSWORD).storage(bad).build()))
                    .hasMessageContaining("storage").hasMessageContaining("'" + bad + "'").hasMessageContaining("10Gi");
        }
        assertThat(rejection(() -> authentik(PASSWORD).walStorage("2gb").build())).hasMessageContaining("walStorage");
        assertThat(rejection(() -> authentik(PASSWORD).request("memory", "lots").build())).hasMessageContaining("requests.memory");
    }

    @Test
    void invalidNames() {
        assertThat(rejection(() -> authentik(PASSWORD).namespace("Authentik").build())).hasMessageContaining("namespace")
                .hasMessageContaining("Authentik");
        assertThat(rejection(() -> authentik(PASSWORD).role(Role.app("Bad-Name", PASSWORD)).build()))
                .hasMessageContaining("role").hasMessageContaining("'Bad-Name'").hasMessageContaining("bad_name");
        assertThat(rejection(() -> authentik(PASSWORD).role(Role.app("postgres", PASSWORD)).build()))
                .hasMessageContaining("'postgres' is the operator's own role");
        assertThat(rejection(() -> authentik(PASSWORD).database(Database.of("my-db", "authentik")).build()))
                .hasMessageContaining("database").hasMessageContaining("'my-db'");
        assertThat(rejection(() -> authentik(PASSWORD).database(Database.of("other", "nobody")).build()))
                .hasMessageContaining("owner 'nobody' is not a managed role");
        assertThatThrownBy(() -> DatabasePlans.plan(ctx -> new CnpgCluster("Authentik_DB", authentik(PASSWORD).build())))
                .rootCause().hasMessageContaining("Authentik_DB");
    }

    @Test
    void aMovingOrMissingImageTag() {
        assertThat(rejection(() -> authentik(PASSWORD).image("ghcr.io/cloudnative-pg/postgresql:latest").build()))
                .hasMessageContaining("image").hasMessageContaining(":latest").hasMessageContaining(CnpgClusterArgs.DEFAULT_IMAGE);
        assertThat(rejection(() -> authentik(PASSWORD).image("ghcr.io/cloudnative-pg/postgresql").build()))
                .hasMessageContaining("no version tag or digest");
        assertThat(rejection(() -> authentik(PASSWORD).image("registry:5000/postgresql").build()))
                .hasMessageContaining("no version tag or digest");
    }

    @Test
    void theRolesPasswordMustBeTheBasicAuthPasswordInTheClustersNamespace() {
        assertThat(rejection(() -> authentik(SecretRef.of("identity", "authentik-postgres", "password")).build()))
                .hasMessageContaining("not in the cluster's namespace 'authentik'").hasMessageContaining("syncTo(\"authentik\")");
        assertThat(rejection(() -> authentik(PASSWORD.withKey("PASSWORD")).build()))
                .hasMessageContaining("username and password").hasMessageContaining("'PASSWORD'");
        assertThat(rejection(() -> authentik(PASSWORD).backup(Backup.s3Compatible(RUSTFS, "authentik-backups",
                rustfsCredentials("storage"))).build())).hasMessageContaining("backup.credentials").hasMessageContaining("'authentik'");
    }

    @Test
    void aBadEndpointOrBucket() {
        assertThat(rejection(() -> authentik(PASSWORD).backup(Backup.s3Compatible("rustfs:9000", "authentik-backups",
                rustfsCredentials("authentik"))).build())).hasMessageContaining("backup endpoint").hasMessageContaining("'rustfs:9000'");
        assertThat(rejection(() -> authentik(PASSWORD).backup(Backup.s3Compatible(RUSTFS, "Authentik_Backups",
                rustfsCredentials("authentik"))).build())).hasMessageContaining("backup.destinationPath");
    }

    @Test
    void aRecoveryMustArchiveUnderANewIncarnation() {
        assertThat(rejection(() -> authentik(PASSWORD).bootstrap(Bootstrap.recovery()).build()))
                .hasMessageContaining("incarnation is 1").hasMessageContaining("incarnation(2)");
        assertThat(rejection(() -> CnpgClusterArgs.builder().namespace("authentik").bootstrap(Bootstrap.recovery()).incarnation(2).build()))
                .hasMessageContaining("recovery needs backup");
        assertThat(rejection(() -> authentik(PASSWORD).incarnation(0).build())).hasMessageContaining("incarnation: 0");
    }

    /**
     * Seed 000's incarnation case: the cluster being replaced archived under a server name that this one, recovering
     * from it, would archive under too; refused before anything registers.
     */
    @Test
    void aRecoveryOntoItsOwnServerNameIsRejected() {
        var args = authentik(PASSWORD).bootstrap(Bootstrap.recoveryFrom("authentik-db-1")).build();
        assertThatThrownBy(() -> DatabasePlans.plan(ctx -> new CnpgCluster("authentik-db", args)))
                .rootCause().hasMessageContaining("recover from server name authentik-db-1 and archive under the same one")
                .hasMessageContaining("s3://authentik-backups").hasMessageContaining("Expected empty archive")
                .hasMessageContaining("incarnation(2)");
        var plan = DatabasePlans.plan(ctx -> new CnpgCluster("authentik-db",
                authentik(PASSWORD).incarnation(2).bootstrap(Bootstrap.recoveryFrom("authentik-db-1")).build()));
        assertThat((Object) DatabasePlans.at(DatabasePlans.spec(DatabasePlans.only(plan, DatabasePlans.CLUSTER)),
                "plugins.0.parameters.serverName")).isEqualTo("authentik-db-2");
    }

    @Test
    void aPoolerWithoutTheTimeout() {
        assertThat(rejection(() -> authentik(PASSWORD).pooler(Pooler.rw(Pooler.Mode.SESSION).withIdleTransactionTimeout(0)).build()))
                .hasMessageContaining("pooler.idleTransactionTimeout").hasMessageContaining("seed 001").hasMessageContaining("300");
        assertThat(rejection(() -> authentik(PASSWORD).pooler(Pooler.rw(Pooler.Mode.SESSION).withParameter("idle_transaction_timeout", "0")).build()))
                .hasMessageContaining("withIdleTransactionTimeout");
    }

    @Test
    void monitoringTunablesAreChecked() {
        assertThat(rejection(() -> authentik(PASSWORD).monitoring(Monitoring.defaults().withArchivingFailingFor("5 minutes")).build()))
                .hasMessageContaining("monitoring.archivingFailingFor").hasMessageContaining("'5 minutes'");
        assertThat(rejection(() -> authentik(PASSWORD).monitoring(Monitoring.defaults().withBackupMaxAgeHours(0)).build()))
                .hasMessageContaining("monitoring.backupMaxAgeHours");
    }

    /** Issue 23: a membership is a privilege; these planned clean and made the app role a superuser in all but name. */
    @Test
    void superuserEquivalentMembershipsAreRefused() {
        for (var role : new String[]{"postgres", "pg_execute_server_program", "pg_read_server_files", "pg_write_server_files",
                "rds_superuser", "pg_write_all_data"}) {
            assertThat(rejection(() -> authentik(PASSWORD).role(Role.app("grafana", PASSWORD).withInRoles("app_readers", role)).build()))
                    .hasMessageStartingWith("role grafana inRoles: '" + role + "' gives a superuser's power (or every table) to grafana")
                    .hasMessageContaining("drop it from inRoles");
        }
        assertThatCode(() -> authentik(PASSWORD).role(Role.app("grafana", PASSWORD).withInRoles("pg_monitor")).build())
                .doesNotThrowAnyException();
    }

    /** Issue 23: PostgreSQL refuses these at CREATE ROLE; they planned clean and failed at apply. */
    @Test
    void reservedRoleNamesAreRefused() {
        for (var name : new String[]{"public", "none", "current_user", "session_user", "pg_app"}) {
            assertThat(rejection(() -> authentik(PASSWORD).role(Role.app(name, PASSWORD)).build()))
                    .hasMessageStartingWith("role: '" + name + "' is ").hasMessageContaining("reserve");
        }
    }
}
