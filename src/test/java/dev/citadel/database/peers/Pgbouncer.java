package dev.citadel.database.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's pgbouncer 1.18 in front of a {@link PostgresInstance}, configured the way the CNPG operator renders a
 * Pooler: every {@code spec.pgbouncer.parameters} entry and the pool mode go into the {@code [pgbouncer]} section.
 */
public final class Pgbouncer implements AutoCloseable {
    private final Path dir;
    private final int port;

    private Pgbouncer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static Pgbouncer start(PostgresInstance postgres, String poolMode, Map<String, String> parameters) throws IOException {
        var binary = Peers.require("pgbouncer (Debian pgbouncer)", Path.of("/usr/sbin/pgbouncer"));
        var dir = Peers.postgresOwnedTempDir("citadel-pgbouncer");
        var port = Peers.freePort();
        var ini = new StringBuilder();
        ini.append("[databases]\n* = host=127.0.0.1 port=").append(postgres.port()).append("\n\n[pgbouncer]\n")
                .append("listen_addr = 127.0.0.1\nlisten_port = ").append(port).append('\n')
                .append("unix_socket_dir =\nauth_type = trust\nauth_file = ").append(dir.resolve("userlist.txt")).append('\n')
                .append("logfile = ").append(dir.resolve("pgbouncer.log")).append('\n')
                .append("pidfile = ").append(dir.resolve("pgbouncer.pid")).append('\n')
                .append("pool_mode = ").append(poolMode).append('\n');
        parameters.forEach((k, v) -> ini.append(k).append(" = ").append(v).append('\n'));
        Files.writeString(dir.resolve("pgbouncer.ini"), ini);
        Files.writeString(dir.resolve("userlist.txt"), "\"postgres\" \"\"\n");
        for (var f : List.of("pgbouncer.ini", "userlist.txt")) {
            Peers.run(List.of("chown", "postgres:postgres", dir.resolve(f).toString()), Map.of(), 10);
        }
        var r = Peers.run(Peers.asPostgresUser(List.of(binary.toString(), "-d", dir.resolve("pgbouncer.ini").toString())), Map.of(), 30);
        if (r.exitCode() != 0) {
            throw new AssertionError("pgbouncer did not start: " + r.output() + " " + log(dir));
        }
        var bouncer = new Pgbouncer(dir, port);
        var deadline = System.nanoTime() + 30_000_000_000L;
        while (PostgresInstance.psql(port, "select 1").exitCode() != 0) {
            if (System.nanoTime() > deadline) {
                bouncer.close();
                throw new AssertionError("pgbouncer does not answer on " + port + ": " + log(dir));
            }
        }
        return bouncer;
    }

    private static String log(Path dir) {
        try {
            return Files.readString(dir.resolve("pgbouncer.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    public int port() {
        return port;
    }

    public String log() {
        return log(dir);
    }

    @Override
    public void close() {
        try {
            var pid = Files.readString(dir.resolve("pgbouncer.pid")).strip();
            Peers.run(List.of("kill", pid), Map.of(), 10);
            for (int i = 0; i < 50 && Files.exists(dir.resolve("pgbouncer.pid")); i++) {
                Thread.sleep(100);
            }
        } catch (IOException e) {
            // never started: nothing to stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Peers.deleteTree(dir);
    }
}
