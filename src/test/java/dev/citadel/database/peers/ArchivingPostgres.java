package dev.citadel.database.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A real PostgreSQL 15 archiving WAL as a CNPG instance with the barman-cloud plugin does: {@code archive_mode} on,
 * each segment handed to barman-cloud-wal-archive with the endpoint, destination path, server name and environment the
 * sidecar gets from the rendered ObjectStore and plugin parameters; and CNPG's {@code .check-empty-wal-archive} marker
 * left after initdb, so the first archive runs barman-cloud-check-wal-archive first, where seed 000's recreated cluster
 * met "Expected empty archive". SSL on (CNPG always serves TLS), scram passwords for every role but the harness's
 * {@code postgres}.
 */
public final class ArchivingPostgres implements AutoCloseable {
    /** CNPG's marker in PGDATA: while it exists the archiver first checks that the server name's archive is empty. */
    static final String CHECK_EMPTY_MARKER = ".check-empty-wal-archive";

    private final PostgresInstance pg;

    private ArchivingPostgres(PostgresInstance pg) {
        this.pg = pg;
    }

    /** What pg_stat_archiver shows. */
    public record Archiver(long archived, long failed, String lastArchivedWal, String lastFailedWal) {
    }

    public static ArchivingPostgres start(BarmanCloudCli barman, BarmanCloudCli.Invocation invocation) throws IOException {
        var pg = PostgresInstance.init();
        try {
            var data = pg.data();
            certificate(data);
            var script = pg.dir().resolve("archive-wal.sh");
            Files.writeString(script, script(barman, invocation));
            Files.writeString(data.resolve(CHECK_EMPTY_MARKER), "");
            Files.writeString(data.resolve("pg_hba.conf"), String.join("\n",
                    "local all postgres trust",
                    "host all postgres 127.0.0.1/32 trust",
                    "hostssl all all 127.0.0.1/32 scram-sha-256", ""));
            Files.writeString(data.resolve("postgresql.conf"), String.join("\n", "",
                    "ssl = on",
                    "ssl_cert_file = 'server.crt'",
                    "ssl_key_file = 'server.key'",
                    "password_encryption = 'scram-sha-256'",
                    "archive_mode = on",
                    "archive_command = '" + script + " %p'", ""), StandardOpenOption.APPEND);
            owned(script, "755");
            owned(data.resolve(CHECK_EMPTY_MARKER), "600");
            pg.start(barman.environment(invocation));
        } catch (IOException | RuntimeException | Error e) {
            pg.close();
            throw e;
        }
        return new ArchivingPostgres(pg);
    }

    /** One WAL segment as the sidecar archives it; {@code $1} is {@code %p}, relative to PGDATA, the working directory. */
    private static String script(BarmanCloudCli barman, BarmanCloudCli.Invocation i) {
        var archive = barman.walArchiveCommand(i, "%p");
        return String.join("\n",
                "#!/bin/sh",
                "set -e",
                "if [ -f " + CHECK_EMPTY_MARKER + " ]; then",
                "  " + shell(barman.checkWalArchiveCommand(i)),
                "fi",
                shell(archive.subList(0, archive.size() - 1)) + " \"$1\"",
                "rm -f " + CHECK_EMPTY_MARKER, "");
    }

    private static String shell(List<String> command) {
        return command.stream().map(a -> "'" + a.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
    }

    /** A self-signed certificate by Debian's openssl, where PostgreSQL reads it. */
    private static void certificate(Path data) {
        // CNPG's server certificate names the -rw service; verify checks that name through the port-forward.
        var names = new ArrayList<>(Certificates.LOOPBACK);
        names.add("DNS:*.authentik.svc");
        Certificates.selfSigned(data, "server", "localhost", names);
        owned(data.resolve("server.key"), "600");
        owned(data.resolve("server.crt"), "644");
    }

    private static void owned(Path file, String mode) {
        for (var command : List.of(List.of("chmod", mode, file.toString()), List.of("chown", "postgres:postgres", file.toString()))) {
            if ("chown".equals(command.get(0)) && !"root".equals(System.getProperty("user.name"))) {
                continue;
            }
            var r = Peers.run(command, Map.of(), 10);
            if (r.exitCode() != 0) {
                throw new AssertionError(String.join(" ", command) + ": " + r.output());
            }
        }
    }

    /** The CA file a client verifies this server with, as CNPG's {@code <cluster>-ca} Secret holds it. */
    public Path caFile() {
        return pg.data().resolve("server.crt");
    }

    public int port() {
        return pg.port();
    }

    /** SQL as the harness's superuser; a failure is the test's failure. */
    public String sql(String sql) {
        var r = PostgresInstance.psql(pg.port(), sql);
        if (r.exitCode() != 0) {
            throw new AssertionError("psql " + sql + ": " + r.output());
        }
        return r.output().strip();
    }

    /** Writes something and switches to a new segment, so the finished one goes to archive_command; returns its name. */
    public String switchWal() {
        sql("CREATE TABLE IF NOT EXISTS citadel_tick (at timestamptz); INSERT INTO citadel_tick VALUES (now())");
        return sql("SELECT pg_walfile_name(pg_switch_wal())");
    }

    public Archiver archiver() {
        var row = sql("SELECT archived_count, failed_count, coalesce(last_archived_wal, ''), coalesce(last_failed_wal, '') "
                + "FROM pg_stat_archiver").split("\\|", -1);
        return new Archiver(Long.parseLong(row[0]), Long.parseLong(row[1]), row[2], row[3]);
    }

    /** Polls pg_stat_archiver until {@code done} holds, for at most {@code seconds}; the server log on timeout. */
    public Archiver awaitArchiver(Predicate<Archiver> done, int seconds) throws InterruptedException {
        var deadline = System.nanoTime() + seconds * 1_000_000_000L;
        var seen = new ArrayList<Archiver>();
        while (System.nanoTime() < deadline) {
            var a = archiver();
            if (done.test(a)) {
                return a;
            }
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(a)) {
                seen.add(a);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("pg_stat_archiver did not get there in " + seconds + " s (saw " + seen + "); server log:\n" + log());
    }

    public String log() {
        return pg.log();
    }

    @Override
    public void close() {
        pg.close();
    }
}
