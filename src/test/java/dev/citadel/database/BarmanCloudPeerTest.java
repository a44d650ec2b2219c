package dev.citadel.database;

import dev.citadel.database.peers.BarmanCloudCli;
import dev.citadel.database.peers.PostgresInstance;
import dev.citadel.database.peers.S3Proxy;
import dev.citadel.plan.Plan;
import dev.citadel.secrets.SecretRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 000, reproduced with the real programs and then prevented by what CnpgCluster renders: Debian's
 * barman-cloud-wal-archive (boto3 ≥ 1.36) archives a real PostgreSQL WAL segment into S3Proxy exactly as the
 * barman-cloud sidecar would, from the rendered ObjectStore and the Cluster's plugin parameters.
 */
class BarmanCloudPeerTest {
    private static final SecretRef PASSWORD = SecretRef.of("authentik", "authentik-postgres", "password");
    private static S3Proxy s3;
    private static PostgresInstance postgres;
    private static BarmanCloudCli barman;

    @BeforeAll
    static void start() throws Exception {
        barman = BarmanCloudCli.locate();
        postgres = PostgresInstance.init();
        s3 = S3Proxy.start("defaults", "rendered", "incarnations");
    }

    @AfterAll
    static void stop() {
        if (s3 != null) {
            s3.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /** The sidecar's invocation, read off the plan: ObjectStore fields, its env and credentials, the plugin's serverName. */
    private static BarmanCloudCli.Invocation rendered(String bucket, UnaryOperator<CnpgClusterArgs.Builder> tweak, boolean withSidecarEnv) {
        Plan plan = DatabasePlans.plan(ctx -> new CnpgCluster("authentik-db", tweak.apply(DatabasePlans.authentik(PASSWORD)
                .backup(Backup.s3Compatible(s3.endpoint(), bucket, DatabasePlans.rustfsCredentials("authentik")))).build()));
        return BarmanCloudCli.Invocation.rendered(plan, withSidecarEnv);
    }

    @Test
    void boto3DefaultsFailAgainstAnS3CompatibleStoreAndTheRenderedEnvMakesArchivingSucceed() throws Exception {
        var wal = postgres.firstWalSegment();
        var defaults = barman.walArchive(rendered("defaults", b -> b, false), wal);
        assertThat(defaults.exitCode()).as(defaults.output()).isNotZero();
        assertThat(defaults.output()).contains("NotImplemented").contains("A header you provided implies functionality that is not implemented");
        assertThat(s3.objects("defaults")).isEmpty();

        var invocation = rendered("rendered", b -> b, true);
        assertThat(invocation.env()).containsEntry("AWS_REQUEST_CHECKSUM_CALCULATION", "when_required")
                .containsEntry("AWS_RESPONSE_CHECKSUM_VALIDATION", "when_required");
        var archived = barman.walArchive(invocation, wal);
        assertThat(archived.exitCode()).as(archived.output()).isZero();
        assertThat(s3.objects("rendered")).containsExactly("authentik-db-1/wals/0000000100000000/000000010000000000000001.gz");
    }

    @Test
    void aSecondIncarnationArchivesUnderItsOwnServerNameAndReusingTheFirstIsWhatBarmanRejects() throws Exception {
        var wal = postgres.firstWalSegment();
        var first = rendered("incarnations", b -> b, true);
        assertThat(barman.checkWalArchive(first).exitCode()).isZero();
        assertThat(barman.walArchive(first, wal).exitCode()).isZero();

        // A recreated cluster on the first one's server name: barman's own check refuses it (seed 000).
        var reused = barman.checkWalArchive(first);
        assertThat(reused.exitCode()).as(reused.output()).isNotZero();
        assertThat(reused.output()).contains("Expected empty archive");

        // CnpgCluster's next incarnation recovers from authentik-db-1 and archives under authentik-db-2.
        var second = rendered("incarnations", b -> b.incarnation(2).bootstrap(Bootstrap.recovery()), true);
        assertThat(second.serverName()).isEqualTo("authentik-db-2");
        var check = barman.checkWalArchive(second);
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(barman.walArchive(second, wal).exitCode()).isZero();
        assertThat(s3.objects("incarnations")).containsExactly(
                "authentik-db-1/wals/0000000100000000/000000010000000000000001.gz",
                "authentik-db-2/wals/0000000100000000/000000010000000000000001.gz");

        // ... and the reuse barman rejected is refused before deploy: by the component, and by unique-backup-path.
        var reuse = DatabasePlans.authentik(PASSWORD).incarnation(1).bootstrap(Bootstrap.recoveryFrom("authentik-db-1"))
                .backup(Backup.s3Compatible(s3.endpoint(), "incarnations", DatabasePlans.rustfsCredentials("authentik"))).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DatabasePlans.plan(ctx -> new CnpgCluster("authentik-db", reuse)))
                .rootCause().hasMessageContaining("Expected empty archive");
    }
}
