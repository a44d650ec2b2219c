package dev.citadel.database;

import dev.citadel.secrets.SecretRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Job path as rendered (its ConfigMap's script, its container's command and environment) run by the real psql 15
 * against a real PostgreSQL 15 with SSL and an RDS-shaped master (CREATEROLE, CREATEDB, not a superuser): seed 004's
 * psql session replaced, run again and again.
 */
class RdsSqlOnPostgresTest {
    private static RdsLikePostgres pg;

    @BeforeAll
    static void start() {
        pg = RdsLikePostgres.start();
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    private static RdsAppUserArgs.Builder declare(String user, String database) {
        var ref = Credential.ref(SecretRef.of(RdsPlans.NAMESPACE, user.replace('_', '-'), "password"));
        var master = Credential.ref(RdsPlans.MASTER_REF);
        return RdsAppUserArgs.builder().host("127.0.0.1").port(pg.port()).engineVersion("15.15")
                .masterUser(RdsLikePostgres.MASTER).masterPassword(master)
                .user(user).password(ref).database(database)
                .provisioner(Provisioner.job(RdsPlans.NAMESPACE)).caBundle(RdsPlans.CA);
    }

    private static void apply(RdsAppUserArgs args, String password) {
        JobPsql.apply(args, secrets(args, password));
    }

    /** The two Secrets the Job reads, as Kubernetes would hold them. */
    private static Map<String, String> secrets(RdsAppUserArgs args, String password) {
        var app = args.password().ref();
        return pg.withCa(Map.of(RdsPlans.MASTER_REF.name() + "/" + RdsPlans.MASTER_REF.key(), RdsLikePostgres.MASTER_PASSWORD,
                app.name() + "/" + app.key(), password));
    }

    private static Map<String, Object> role(String name) throws SQLException {
        try (var c = pg.superuser("postgres"); var s = c.prepareStatement(
                "SELECT rolcanlogin, rolsuper, rolcreaterole, rolcreatedb, rolconnlimit FROM pg_roles WHERE rolname = ?")) {
            s.setString(1, name);
            try (var rs = s.executeQuery()) {
                assertThat(rs.next()).as("role %s exists", name).isTrue();
                return Map.of("login", rs.getBoolean(1), "superuser", rs.getBoolean(2), "createrole", rs.getBoolean(3),
                        "createdb", rs.getBoolean(4), "connlimit", rs.getInt(5));
            }
        }
    }

    private static String owner(String database) throws SQLException {
        try (var c = pg.superuser("postgres"); var s = c.prepareStatement(
                "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = ?")) {
            s.setString(1, database);
            try (var rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Test
    void seed004sBackstageUserRunTwiceOwnsItsDatabaseAndCreatesPluginDatabases() throws SQLException {
        var args = declare("backstage_app", "backstage_plugin_catalog").createDatabase(true).connectionLimit(30).build();
        apply(args, "backstage-pw-1");
        apply(args, "backstage-pw-1");      // idempotent: the second run changes nothing and fails on nothing

        assertThat(role("backstage_app")).containsEntry("login", true).containsEntry("superuser", false)
                .containsEntry("createrole", false).containsEntry("createdb", true).containsEntry("connlimit", 30);
        assertThat(owner("backstage_plugin_catalog")).isEqualTo("backstage_app");
        try (var c = pg.login("backstage_app", "backstage-pw-1", "backstage_plugin_catalog", "require"); var s = c.createStatement()) {
            // Backstage makes one database per plugin: seed 004's "permission denied to create database" does not happen.
            s.execute("CREATE DATABASE \"backstage_plugin_scratch\"");
            s.execute("DROP DATABASE \"backstage_plugin_scratch\"");
            // PostgreSQL 15 took CREATE on public from PUBLIC; the app's migrations still create their tables.
            s.execute("CREATE TABLE public.\"citadel_probe\" (id int)");
            s.execute("DROP TABLE public.\"citadel_probe\"");
        }
    }

    @Test
    void withoutCreatedbDeclaredCreatingADatabaseIsRefused() throws SQLException {
        apply(declare("keycloak_app", "keycloak").build(), "keycloak-pw");
        assertThat(role("keycloak_app")).containsEntry("createdb", false).containsEntry("superuser", false)
                .containsEntry("createrole", false).containsEntry("connlimit", -1);
        assertThat(owner("keycloak")).isEqualTo("keycloak_app");
        try (var c = pg.login("keycloak_app", "keycloak-pw", "keycloak", "require"); var s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("CREATE DATABASE \"keycloak_scratch\""))
                    .hasMessageContaining("permission denied to create database");
        }
    }

    @Test
    void droppingCreatedbFromTheDeclarationTakesItAway() throws SQLException {
        apply(declare("ci_app", "ci").createDatabase(true).build(), "ci-pw");
        assertThat(role("ci_app")).containsEntry("createdb", true);
        apply(declare("ci_app", "ci").createDatabase(false).connectionLimit(5).build(), "ci-pw");
        assertThat(role("ci_app")).containsEntry("createdb", false).containsEntry("connlimit", 5);
    }

    @Test
    void aRotationReKeysTheRoleAndTheOldPasswordStopsWorking() throws SQLException {
        var args = declare("grafana_app", "grafana").build();
        apply(args, "old-password");
        pg.login("grafana_app", "old-password", "grafana", "require").close();
        apply(args, "new-password");
        pg.login("grafana_app", "new-password", "grafana", "require").close();
        assertThatThrownBy(() -> pg.login("grafana_app", "old-password", "grafana", "require").close())
                .hasMessageContaining("password authentication failed");
    }

    @Test
    void aConnectionWithoutSslIsRefused() throws SQLException {
        apply(declare("argo_app", "argo").build(), "argo-pw");
        assertThatThrownBy(() -> pg.login("argo_app", "argo-pw", "argo", "disable").close())
                .hasMessageContaining("no pg_hba.conf entry").hasMessageContaining("no encryption");
    }

    @Test
    void aPasswordFullOfQuotesAndSqlIsAPasswordNotSql() throws SQLException {
        var hostile = "x'); DROP ROLE \"master\"; -- $citadel$ \\";
        apply(declare("hostile_app", "hostile").build(), hostile);
        pg.login("hostile_app", hostile, "hostile", "require").close();
        pg.master("postgres").close();
    }

    @Test
    void theMasterIsNoSuperuserYetTheScriptOwnsTheDatabaseThroughMembership() throws SQLException {
        assertThat(role(RdsLikePostgres.MASTER)).containsEntry("superuser", false).containsEntry("createrole", true);
        apply(declare("owner_app", "owned").build(), "owner-pw");
        try (var c = pg.superuser("postgres"); var s = c.createStatement(); var rs = s.executeQuery(
                "SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member "
                        + "WHERE r.rolname = 'owner_app' AND u.rolname = 'master'")) {
            assertThat(rs.next()).as("master is a member of owner_app").isTrue();
        }
    }

    @Test
    void withoutThePasswordOrWithAnEmptyOneTheJobStopsBeforeRunningAnything() throws SQLException {
        var args = declare("nopw_app", "nopw").build();
        var master = RdsPlans.MASTER_REF.name() + "/" + RdsPlans.MASTER_REF.key();
        var unset = JobPsql.run(JobPsql.render(args), pg.withCa(Map.of(master, RdsLikePostgres.MASTER_PASSWORD)));
        var empty = JobPsql.run(JobPsql.render(args), secrets(args, ""));
        for (var result : java.util.List.of(unset, empty)) {
            assertThat(result.exitCode()).as(result.output()).isNotZero();
            assertThat(result.output()).contains("citadel: the app password ($CITADEL_APP_PASSWORD) is empty in its Secret; nothing was run");
        }
        try (var c = pg.superuser("postgres"); var s = c.prepareStatement("SELECT count(*) FROM pg_roles WHERE rolname = 'nopw_app'");
             var rs = s.executeQuery()) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void withTheMasterPasswordInSecretsManagerTheJobReadsTheSecretItsExternalSecretWrites() throws SQLException {
        var args = declare("sm_app", "smdb")
                .masterPasswordInAwsSecretsManager(AwsSecretsManagerRef.of("aws-secretsmanager", "goldenpath/dev/rds/master")).build();
        // What ESO writes from the RDS-managed secret: the Secret <component>-master, key password.
        JobPsql.apply(args, pg.withCa(Map.of("app-db-master/password", RdsLikePostgres.MASTER_PASSWORD, "sm-app/password", "sm-pw")));
        assertThat(owner("smdb")).isEqualTo("sm_app");
        pg.login("sm_app", "sm-pw", "smdb", "require").close();
    }

    /** Seed 004's roles and databases made by hand in psql, as the master: the Job adopts them and puts them right. */
    @Test
    void seed004sHandMadeRoleAndDatabaseAreAdopted() throws SQLException {
        try (var c = pg.master("postgres"); var s = c.createStatement()) {
            s.execute("CREATE USER handmade_app WITH PASSWORD 'typed-by-hand' CREATEDB");
            s.execute("CREATE DATABASE handmade");
        }
        assertThat(owner("handmade")).isEqualTo(RdsLikePostgres.MASTER);
        apply(declare("handmade_app", "handmade").build(), "handmade-pw");
        assertThat(owner("handmade")).isEqualTo("handmade_app");
        assertThat(role("handmade_app")).containsEntry("createdb", false).containsEntry("login", true);
        pg.login("handmade_app", "handmade-pw", "handmade", "require").close();
        assertThatThrownBy(() -> pg.login("handmade_app", "typed-by-hand", "handmade", "require").close())
                .hasMessageContaining("password authentication failed");
    }

    @Test
    void theJobsOwnCommandAndEnvironmentAreWhatRuns() {
        var rendered = JobPsql.render(declare("env_app", "envdb").build());
        assertThat(rendered.command()).isEqualTo(RdsJob.COMMAND);
        assertThat(rendered.env()).extracting(e -> e.get("name")).containsExactly("PGHOST", "PGPORT", "PGDATABASE", "PGUSER",
                "PGSSLMODE", "PGCONNECT_TIMEOUT", "PGSSLROOTCERT", "PGPASSWORD", RdsSql.PASSWORD_ENV);
        assertThat(rendered.env()).contains(Map.of("name", "PGSSLMODE", "value", "verify-full"),
                Map.of("name", "PGSSLROOTCERT", "value", "/citadel-ca/global-bundle.pem"));
        assertThat(rendered.script()).contains("\\password \"env_app\"").contains("\\gexec");
    }
}
