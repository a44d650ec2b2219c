package dev.citadel.cli;

import dev.citadel.database.Backup;
import dev.citadel.database.Bootstrap;
import dev.citadel.database.CnpgCluster;
import dev.citadel.database.CnpgClusterArgs;
import dev.citadel.database.Database;
import dev.citadel.database.Role;
import dev.citadel.database.peers.ArchivingPostgres;
import dev.citadel.database.peers.BarmanCloudCli;
import dev.citadel.database.peers.Peers;
import dev.citadel.database.peers.S3Proxy;
import dev.citadel.plan.PlanRunner;
import dev.citadel.secrets.SecretRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 000 end to end through a running server: a real PostgreSQL 15 with {@code archive_mode=on} archives through
 * Debian's barman-cloud-wal-archive (boto3 1.43) into S3Proxy exactly as CnpgCluster rendered the endpoint, destination
 * path, server name and sidecar env; then {@code citadel verify --stack homelab --postgres --cluster authentik-db},
 * through a "port-forward" to it, reads pg_stat_archiver as the app role. Healthy: PASS, exit 0. The checksum env removed
 * or the server name reused: the archiver fails, and verify prints a FAIL line naming the WAL, exit 1.
 */
class VerifyCnpgArchivingTest {
    private static final String CLUSTER = "authentik-db";
    private static final String PASSWORD = "authentik-pw-'\"-7c1e";
    private static final Map<String, String> ENV = Map.of("CITADEL_VERIFY_PG_PASSWORD_AUTHENTIK_DB_AUTHENTIK", PASSWORD);
    private static BarmanCloudCli barman;
    private static S3Proxy s3;
    private static Map<String, ?> homelab;

    @BeforeAll
    static void start() throws Exception {
        barman = BarmanCloudCli.forPostgresUser();
        s3 = S3Proxy.start("healthy", "defaults", "incarnations");
        homelab = VerifyCommand.outputs(PlanCommand.plan(java.nio.file.Path.of("."), "homelab"));
    }

    @AfterAll
    static void stop() {
        if (s3 != null) {
            s3.close();
        }
        if (barman != null) {
            Peers.deleteTree(barman.pythonPath());
        }
    }

    /** The homelab's authentik-db as CnpgCluster renders it, but backing up to S3Proxy's bucket. */
    private static BarmanCloudCli.Invocation rendered(String bucket, UnaryOperator<CnpgClusterArgs.Builder> tweak, boolean sidecarEnv) {
        var ref = SecretRef.of("authentik", "rustfs-backup", "ACCESS_KEY_ID");
        var args = tweak.apply(CnpgClusterArgs.builder().namespace("authentik").instances(2).storage("10Gi")
                .bootstrap(Bootstrap.initdb("authentik", "authentik"))
                .role(Role.app("authentik", SecretRef.of("authentik", "authentik-postgres", "password")))
                .database(Database.of("authentik", "authentik"))
                .backup(Backup.s3Compatible(s3.endpoint(), bucket, Backup.S3Credentials.of(ref, ref.withKey("ACCESS_SECRET_KEY"))))).build();
        var plan = new PlanRunner("citadel", "test", Map.of(), Set.of()).run(ctx -> new CnpgCluster(CLUSTER, args));
        return BarmanCloudCli.Invocation.rendered(plan, sidecarEnv);
    }

    /** What the CNPG operator makes from the homelab's declaration: the managed role with its password, owning its database. */
    private static ArchivingPostgres server(BarmanCloudCli.Invocation invocation) throws Exception {
        var pg = ArchivingPostgres.start(barman, invocation);
        pg.sql("CREATE ROLE authentik LOGIN PASSWORD '" + PASSWORD.replace("'", "''") + "'");
        pg.sql("CREATE DATABASE authentik OWNER authentik");
        return pg;
    }

    private static Cli.Result verify(ArchivingPostgres pg, String... extra) {
        var command = new VerifyCommand(ENV::get, new ByteArrayInputStream((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8)),
                (dir, stack) -> VerifyCommand.contract(PlanCommand.plan(dir, stack), stack), (dir, stack) -> homelab);
        var args = new java.util.ArrayList<>(java.util.List.of("verify", "--stack", "homelab", "--postgres", "--cluster", CLUSTER,
                "--pg-host", "127.0.0.1", "--pg-port", String.valueOf(pg.port()), "--ca-file", pg.caFile().toString()));
        args.addAll(java.util.List.of(extra));
        var result = VerifyCommandTest.run(command, args.toArray(String[]::new));
        assertThat(result.out() + result.err()).doesNotContain(PASSWORD);
        return result;
    }

    @Test
    void theRenderedEnvArchivesThroughTheServerAndVerifyPasses() throws Exception {
        try (var pg = server(rendered("healthy", b -> b, true))) {
            var segment = pg.switchWal();
            var archiver = pg.awaitArchiver(a -> a.lastArchivedWal().equals(segment), 90);
            assertThat(archiver.failed()).as(pg.log()).isZero();
            assertThat(s3.objects("healthy")).contains("authentik-db-1/wals/0000000100000000/" + segment + ".gz");

            var ok = verify(pg);
            assertThat(ok.exitCode()).as("stdout: %s%nstderr: %s", ok.out(), ok.err()).isZero();
            assertThat(ok.out().lines()).containsExactly(
                    "PASS authentik-db.authentik.login: authentik logs in to authentik with sslmode verify-full, its certificate checked "
                            + "against --ca-file",
                    "PASS authentik-db.authentik.owner: authentik owns authentik",
                    "PASS authentik-db.authentik.role-attributes: authentik is neither superuser nor createrole, nor a member of a role that is",
                    ok.out().lines().filter(l -> l.startsWith("PASS authentik-db.archiving: WAL " + segment + " archived at "))
                            .findFirst().orElse("no archiving PASS for " + segment),
                    "verify: OK, 4 passed, 0 failed, 0 skipped");
            assertThat(ok.out()).contains("under server name authentik-db-1 (" + archiver.archived() + " archived; no failure)");

            // The password piped in instead, as after kubectl get secret ... | base64 -d.
            assertThat(verify(pg, "--password-stdin").exitCode()).isZero();
        }
    }

    @Test
    void seed000TheChecksumEnvRemovedFailsArchivingAndVerifyNamesTheWal() throws Exception {
        try (var pg = server(rendered("defaults", b -> b, false))) {
            pg.switchWal();
            var archiver = pg.awaitArchiver(a -> a.failed() > 0, 90);
            assertThat(archiver.archived()).isZero();
            assertThat(pg.log()).contains("NotImplemented");
            assertThat(s3.objects("defaults")).isEmpty();

            var broken = verify(pg);
            assertThat(broken.exitCode()).as(broken.out()).isEqualTo(ExitCodes.CHECK_FAILED);
            assertThat(broken.out()).contains("FAIL authentik-db.archiving: WAL " + archiver.lastFailedWal() + " failed to archive at ")
                    .contains("nothing archived since (no segment was ever archived)")
                    .contains("AWS_REQUEST_CHECKSUM_CALCULATION")
                    .contains("verify: FAILED, 3 passed, 1 failed, 0 skipped");
        }
    }

    @Test
    void seed000ARecreatedClusterOnItsPredecessorsServerNameFailsAndTheNextIncarnationArchives() throws Exception {
        var first = rendered("incarnations", b -> b, true);
        try (var pg = server(first)) {
            var segment = pg.switchWal();
            pg.awaitArchiver(a -> a.lastArchivedWal().equals(segment), 90);
        }
        // Deleted and recreated with the same declaration: a new initdb, the same server name, the first one's WAL there.
        try (var recreated = server(first)) {
            recreated.switchWal();
            var archiver = recreated.awaitArchiver(a -> a.failed() > 0, 90);
            assertThat(archiver.archived()).isZero();
            assertThat(recreated.log()).contains("Expected empty archive");

            var broken = verify(recreated);
            assertThat(broken.exitCode()).as(broken.out()).isEqualTo(ExitCodes.CHECK_FAILED);
            assertThat(broken.out()).contains("FAIL authentik-db.archiving: WAL " + archiver.lastFailedWal() + " failed to archive at ")
                    .contains("'Expected empty archive' means server name authentik-db-1 holds another incarnation's WAL: bump incarnation");
        }
        // What CnpgCluster makes of incarnation(2): its own server name, an empty archive, so the check passes.
        var second = rendered("incarnations", b -> b.incarnation(2), true);
        assertThat(second.serverName()).isEqualTo("authentik-db-2");
        try (var next = server(second)) {
            var segment = next.switchWal();
            var archiver = next.awaitArchiver(a -> a.lastArchivedWal().equals(segment), 90);
            assertThat(archiver.failed()).as(next.log()).isZero();
            assertThat(s3.objects("incarnations")).anyMatch(o -> o.startsWith("authentik-db-2/wals/"));
        }
    }
}
