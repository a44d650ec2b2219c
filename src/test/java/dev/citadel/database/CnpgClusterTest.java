package dev.citadel.database;

import dev.citadel.plan.Registration;
import dev.citadel.value.Redacted;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.citadel.database.DatabasePlans.CLUSTER;
import static dev.citadel.database.DatabasePlans.DATABASE;
import static dev.citadel.database.DatabasePlans.EXTERNAL_SECRET;
import static dev.citadel.database.DatabasePlans.OBJECT_STORE;
import static dev.citadel.database.DatabasePlans.POD_MONITOR;
import static dev.citadel.database.DatabasePlans.POOLER;
import static dev.citadel.database.DatabasePlans.PROMETHEUS_RULE;
import static dev.citadel.database.DatabasePlans.SCHEDULED_BACKUP;
import static dev.citadel.database.DatabasePlans.at;
import static dev.citadel.database.DatabasePlans.authentikPlan;
import static dev.citadel.database.DatabasePlans.only;
import static dev.citadel.database.DatabasePlans.spec;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What CnpgCluster emits, field by field. Every path asserted here was read in the CRD schemas it is written
 * against (cloudnative-pg 1.27 clusters/scheduledbackups/poolers/databases, plugin-barman-cloud objectstores).
 */
class CnpgClusterTest {

    @Test
    void theClusterCarriesInstancesPinnedImageStorageRolesAndTheWalArchiverPlugin() {
        var plan = authentikPlan(1, b -> b.walStorage("2Gi").request("memory", "512Mi").limit("memory", "1Gi")
                .parameter("max_connections", "200").priorityClassName("databases"));
        var cluster = only(plan, CLUSTER);
        assertThat(Redacted.plain(cluster.inputs().get("metadata").get("name"))).isEqualTo("authentik-db");
        assertThat(Redacted.plain(cluster.inputs().get("metadata").get("namespace"))).isEqualTo("authentik");
        var spec = spec(cluster);
        assertThat((Object) at(spec, "instances")).isEqualTo(2L);
        assertThat((String) at(spec, "imageName")).isEqualTo(CnpgClusterArgs.DEFAULT_IMAGE).doesNotEndWith(":latest");
        assertThat((Object) at(spec, "storage.size")).isEqualTo("10Gi");
        assertThat((Object) at(spec, "walStorage.size")).isEqualTo("2Gi");
        assertThat((Object) at(spec, "resources.requests.memory")).isEqualTo("512Mi");
        assertThat((Object) at(spec, "resources.limits.memory")).isEqualTo("1Gi");
        assertThat((Object) at(spec, "priorityClassName")).isEqualTo("databases");
        assertThat((Object) at(spec, "affinity.enablePodAntiAffinity")).isEqualTo(true);
        assertThat((Object) at(spec, "postgresql.parameters.max_connections")).isEqualTo("200");
        assertThat((Object) at(spec, "bootstrap.initdb.database")).isEqualTo("authentik");
        assertThat((Object) at(spec, "bootstrap.initdb.owner")).isEqualTo("authentik");
        assertThat((Object) at(spec, "bootstrap.initdb.secret.name")).isEqualTo("authentik-postgres");
        assertThat((Map<String, Object>) at(spec, "managed.roles.0")).containsEntry("name", "authentik")
                .containsEntry("ensure", "present").containsEntry("login", true).containsEntry("createdb", false)
                .containsEntry("superuser", false).containsEntry("connectionLimit", -1L)
                .containsEntry("passwordSecret", Map.of("name", "authentik-postgres"));
        assertThat((List<?>) at(spec, "plugins")).hasSize(1);
        assertThat((Object) at(spec, "plugins.0.name")).isEqualTo("barman-cloud.cloudnative-pg.io");
        assertThat((Object) at(spec, "plugins.0.isWALArchiver")).isEqualTo(true);
        assertThat((Map<String, Object>) at(spec, "plugins.0.parameters"))
                .isEqualTo(Map.of("barmanObjectName", "authentik-db", "serverName", "authentik-db-1"));
        assertThat(spec).doesNotContainKeys("backup", "externalClusters");
    }

    @Test
    void childrenAreNamedAfterTheComponentAndParentedToIt() {
        var plan = authentikPlan(1, b -> b.pooler(Pooler.rw(Pooler.Mode.SESSION)));
        var component = plan.find(CnpgCluster.TYPE, "authentik-db").orElseThrow();
        var children = plan.childrenOf(component.urn());
        assertThat(children).extracting(Registration::name).containsExactlyInAnyOrder(
                "authentik-db-cluster", "authentik-db-objectstore", "authentik-db-scheduled-backup", "authentik-db-pooler-rw",
                "authentik-db-db-authentik", "authentik-db-podmonitor", "authentik-db-alerts");
        // The role's Secret is in the component's options, not in its args; the Cluster waits for its sync.
        var sync = plan.find(DatabasePlans.EXTERNAL_SECRET, "authentik-postgres-authentik").orElseThrow();
        assertThat(only(plan, CLUSTER).dependsOn()).contains(sync.urn());
    }

    @Test
    void aNonAwsEndpointGetsBothChecksumVariablesAndTheDefaultRetention() {
        var store = spec(only(authentikPlan(1, b -> b), OBJECT_STORE));
        assertThat((Object) at(store, "configuration.destinationPath")).isEqualTo("s3://authentik-backups");
        assertThat((Object) at(store, "configuration.endpointURL")).isEqualTo(DatabasePlans.RUSTFS);
        assertThat((Object) at(store, "configuration.s3Credentials.accessKeyId"))
                .isEqualTo(Map.of("name", "rustfs-backup", "key", "ACCESS_KEY_ID"));
        assertThat((Object) at(store, "configuration.s3Credentials.secretAccessKey"))
                .isEqualTo(Map.of("name", "rustfs-backup", "key", "ACCESS_SECRET_KEY"));
        assertThat((Object) at(store, "configuration.wal.compression")).isEqualTo("gzip");
        assertThat((Object) at(store, "configuration.data.compression")).isEqualTo("gzip");
        assertThat((Object) at(store, "retentionPolicy")).isEqualTo("30d");
        assertThat((List<Object>) at(store, "instanceSidecarConfiguration.env")).containsExactly(
                Map.of("name", "AWS_REQUEST_CHECKSUM_CALCULATION", "value", "when_required"),
                Map.of("name", "AWS_RESPONSE_CHECKSUM_VALIDATION", "value", "when_required"));
        // The plugin rejects serverName inside the ObjectStore: it is a plugin parameter on the Cluster.
        assertThat((Map<String, Object>) at(store, "configuration")).doesNotContainKey("serverName");
    }

    @Test
    void anAwsEndpointNeedsNoChecksumVariables() {
        var aws = spec(only(authentikPlan(1, b -> b.backup(Backup.awsS3("authentik-backups",
                DatabasePlans.rustfsCredentials("authentik")))), OBJECT_STORE));
        assertThat(aws).doesNotContainKey("instanceSidecarConfiguration");
        assertThat((Map<String, Object>) at(aws, "configuration")).doesNotContainKey("endpointURL");
        var regional = spec(only(authentikPlan(1, b -> b.backup(Backup.s3Compatible("https://s3.eu-west-1.amazonaws.com",
                "authentik-backups", DatabasePlans.rustfsCredentials("authentik")))), OBJECT_STORE));
        assertThat(regional).doesNotContainKey("instanceSidecarConfiguration");
    }

    @Test
    void theScheduledBackupUsesThePluginDailyAndAtOnce() {
        var backup = only(authentikPlan(1, b -> b), SCHEDULED_BACKUP);
        assertThat(Redacted.plain(backup.inputs().get("metadata").get("name"))).isEqualTo("authentik-db-daily");
        var spec = spec(backup);
        assertThat((Object) at(spec, "schedule")).isEqualTo("0 0 3 * * *");
        assertThat(((String) at(spec, "schedule")).split(" ")).hasSize(6);
        assertThat((Object) at(spec, "immediate")).isEqualTo(true);
        assertThat((Object) at(spec, "method")).isEqualTo("plugin");
        assertThat((Object) at(spec, "pluginConfiguration.name")).isEqualTo("barman-cloud.cloudnative-pg.io");
        assertThat((Object) at(spec, "cluster.name")).isEqualTo("authentik-db");
        var later = spec(only(authentikPlan(1, b -> b.backup(Backup.s3Compatible(DatabasePlans.RUSTFS, "authentik-backups",
                DatabasePlans.rustfsCredentials("authentik")).withSchedule("0 30 1 * * 0").withImmediateBackup(false))), SCHEDULED_BACKUP));
        assertThat((Object) at(later, "schedule")).isEqualTo("0 30 1 * * 0");
        assertThat((Object) at(later, "immediate")).isEqualTo(false);
    }

    @Test
    void thePoolerSetsIdleTransactionTimeout300ByDefault() {
        var pooler = only(authentikPlan(1, b -> b.pooler(Pooler.rw(Pooler.Mode.SESSION))), POOLER);
        var spec = spec(pooler);
        assertThat((Object) at(spec, "cluster.name")).isEqualTo("authentik-db");
        assertThat((Object) at(spec, "type")).isEqualTo("rw");
        assertThat((Object) at(spec, "instances")).isEqualTo(2L);
        assertThat((Object) at(spec, "pgbouncer.poolMode")).isEqualTo("session");
        assertThat((Object) at(spec, "pgbouncer.parameters.idle_transaction_timeout")).isEqualTo("300");
        var ro = spec(only(authentikPlan(1, b -> b.pooler(Pooler.ro(Pooler.Mode.TRANSACTION).withIdleTransactionTimeout(60)
                .withParameter("max_client_conn", "500"))), POOLER));
        assertThat((Object) at(ro, "type")).isEqualTo("ro");
        assertThat((Object) at(ro, "pgbouncer.poolMode")).isEqualTo("transaction");
        assertThat((Map<String, Object>) at(ro, "pgbouncer.parameters"))
                .isEqualTo(Map.of("idle_transaction_timeout", "60", "max_client_conn", "500"));
    }

    @Test
    void databasesAreCrsOwnedByTheirRoleAndRetainedByDefault() {
        var plan = authentikPlan(1, b -> b.database(Database.of("metrics", "authentik").withExtensions("pg_stat_statements").droppedOnDelete()));
        var dbs = plan.ofType(DATABASE);
        assertThat(dbs).extracting(d -> Redacted.plain(d.inputs().get("metadata").get("name")))
                .containsExactlyInAnyOrder("authentik-db-authentik", "authentik-db-metrics");
        var metrics = dbs.stream().filter(d -> d.name().endsWith("-metrics")).findFirst().map(DatabasePlans::spec).orElseThrow();
        assertThat((Object) at(metrics, "name")).isEqualTo("metrics");
        assertThat((Object) at(metrics, "owner")).isEqualTo("authentik");
        assertThat((Object) at(metrics, "cluster.name")).isEqualTo("authentik-db");
        assertThat((Object) at(metrics, "databaseReclaimPolicy")).isEqualTo("delete");
        assertThat((Object) at(metrics, "extensions.0.name")).isEqualTo("pg_stat_statements");
        var app = dbs.stream().filter(d -> d.name().endsWith("-authentik")).findFirst().map(DatabasePlans::spec).orElseThrow();
        assertThat((Object) at(app, "databaseReclaimPolicy")).isEqualTo("retain");
    }

    @Test
    void aRecoveryReadsThePreviousIncarnationAndArchivesUnderItsOwn() {
        var spec = spec(only(authentikPlan(1, b -> b.incarnation(3).bootstrap(Bootstrap.recovery())), CLUSTER));
        assertThat((Object) at(spec, "bootstrap.recovery.source")).isEqualTo("authentik-db-2");
        assertThat((Object) at(spec, "externalClusters.0.name")).isEqualTo("authentik-db-2");
        assertThat((Object) at(spec, "externalClusters.0.plugin.name")).isEqualTo("barman-cloud.cloudnative-pg.io");
        assertThat((Object) at(spec, "externalClusters.0.plugin.parameters"))
                .isEqualTo(Map.of("barmanObjectName", "authentik-db", "serverName", "authentik-db-2"));
        assertThat((Object) at(spec, "plugins.0.parameters.serverName")).isEqualTo("authentik-db-3");
        assertThat((Map<String, Object>) at(spec, "bootstrap")).doesNotContainKey("initdb");
    }

    @Test
    void monitoringEmitsAPodMonitorAndTheAlertsTheChartLacks() {
        var plan = authentikPlan(1, b -> b);
        var monitor = spec(only(plan, POD_MONITOR));
        assertThat((Object) at(monitor, "selector.matchLabels")).isEqualTo(Map.of("cnpg.io/cluster", "authentik-db", "cnpg.io/podRole", "instance"));
        assertThat((Object) at(monitor, "podMetricsEndpoints.0.port")).isEqualTo("metrics");
        var rules = spec(only(plan, PROMETHEUS_RULE));
        List<Map<String, Object>> alerts = at(rules, "groups.0.rules");
        assertThat(alerts).extracting(a -> a.get("alert")).containsExactly("CnpgWalArchivingFailing", "CnpgLastBackupTooOld",
                "CnpgBackupMetricMissing", "CnpgReplicationLagHigh", "CnpgClusterOffline");
        assertThat(alerts).allSatisfy(a -> assertThat((Map<String, Object>) a.get("annotations")).containsKeys("summary", "runbook"));
        assertThat((String) alerts.get(0).get("expr")).contains("cnpg_pg_stat_archiver_last_failed_time{namespace=\"authentik\",pod=~\"authentik-db-[0-9]+\"}");
        assertThat((String) alerts.get(1).get("expr")).contains("barman_cloud_cloudnative_pg_io_last_available_backup_timestamp").endsWith("> 93600");

        var tuned = spec(only(authentikPlan(1, b -> b.monitoring(Monitoring.defaults().withBackupMaxAgeHours(50)
                .withArchivingFailingFor("15m"))), PROMETHEUS_RULE));
        List<Map<String, Object>> tunedAlerts = at(tuned, "groups.0.rules");
        assertThat(tunedAlerts.get(0).get("for")).isEqualTo("15m");
        assertThat((String) tunedAlerts.get(1).get("expr")).endsWith("> 180000");

        var off = authentikPlan(1, b -> b.monitoring(Monitoring.off()));
        assertThat(off.ofType(POD_MONITOR)).isEmpty();
        assertThat(off.ofType(PROMETHEUS_RULE)).isEmpty();
    }

    @Test
    void theRolesSecretIsBasicAuthWithTheRoleAsUsernameAndTheReloadLabel() {
        var plan = authentikPlan(1, b -> b);
        var spec = spec(only(plan, EXTERNAL_SECRET));
        assertThat((Object) at(spec, "target.name")).isEqualTo("authentik-postgres");
        assertThat((Object) at(spec, "target.template.type")).isEqualTo("kubernetes.io/basic-auth");
        assertThat((Map<String, Object>) at(spec, "target.template.metadata.labels"))
                .containsEntry("cnpg.io/reload", "true").containsEntry("app.kubernetes.io/managed-by", "citadel");
        List<Map<String, Object>> data = at(spec, "data");
        assertThat(data).extracting(d -> d.get("secretKey")).containsExactly("password", "username");
        var vault = only(plan, "vault:kv/secretV2:SecretV2");
        assertThat(Redacted.plain(vault.inputs().get("dataJson")).toString()).doesNotContain("authentik\"").isNotEmpty();
    }

    /**
     * Seed 003: a rotation must reach the role with no manual step. Bumping the VaultBackedSecret's rotation makes a
     * new password and re-syncs the basic-auth Secret (the rotation annotation forces ESO's sync); CNPG, seeing the
     * cnpg.io/reload label, re-applies the role's password from it. The Cluster itself does not change.
     */
    @Test
    void aRotationChangesOnlyThePasswordAndTheSyncedSecret() {
        var before = authentikPlan(1, b -> b);
        var after = authentikPlan(2, b -> b);
        var passwordBefore = only(before, "random:index/randomPassword:RandomPassword");
        var passwordAfter = only(after, "random:index/randomPassword:RandomPassword");
        assertThat(Redacted.plain(passwordAfter.inputs().get("keepers"))).isEqualTo(Map.of("rotation", "2"))
                .isNotEqualTo(Redacted.plain(passwordBefore.inputs().get("keepers")));
        assertThat(Redacted.plain(only(after, EXTERNAL_SECRET).inputs().get("metadata").get("annotations")))
                .isEqualTo(Map.of("citadel.dev/rotation", "2"));
        for (var type : List.of(CLUSTER, OBJECT_STORE, SCHEDULED_BACKUP, DATABASE)) {
            assertThat(Redacted.plain(only(after, type).inputs())).as(type).isEqualTo(Redacted.plain(only(before, type).inputs()));
        }
        assertThat((Map<String, Object>) at(spec(only(after, EXTERNAL_SECRET)), "target.template.metadata.labels"))
                .containsEntry("cnpg.io/reload", "true");
    }

    @Test
    void theExistingPoliciesPlanItClean() {
        assertThat(DatabasePlans.verdicts(authentikPlan(1, b -> b.pooler(Pooler.rw(Pooler.Mode.SESSION))))).isEmpty();
    }

    /** A hand-written Cluster (say from citadel:manifests) archiving where a CnpgCluster does: unique-backup-path refuses it. */
    @Test
    void aHandWrittenClusterOnTheSameServerNameIsAMandatoryViolation() {
        var plan = DatabasePlans.plan(ctx -> {
            var secret = DatabasePlans.authentikPassword(1);
            new CnpgCluster("authentik-db", DatabasePlans.authentik(secret.ref("authentik", "password")).build(),
                    com.pulumi.resources.ComponentResourceOptions.builder().dependsOn(secret).build());
            new dev.citadel.provider.KubernetesObject("legacy", new dev.citadel.provider.KubernetesObject.Args(CnpgCluster.CNPG, "Cluster",
                    Map.of("name", "authentik-legacy", "namespace", "authentik"),
                    Map.of("instances", 1, "imageName", CnpgClusterArgs.DEFAULT_IMAGE, "storage", Map.of("size", "1Gi"),
                            "plugins", List.of(Map.of("name", "barman-cloud.cloudnative-pg.io", "isWALArchiver", true,
                                    "parameters", Map.of("barmanObjectName", "authentik-db", "serverName", "authentik-db-1"))))), null);
        });
        assertThat(DatabasePlans.mandatory(plan)).anySatisfy(v -> assertThat(v).startsWith("MANDATORY unique-backup-path")
                .contains("authentik-legacy").contains("Expected empty archive"));
    }
}
