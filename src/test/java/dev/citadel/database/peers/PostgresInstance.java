package dev.citadel.database.peers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A real PostgreSQL 15 (Debian's postgresql-15) on loopback, trust auth, in a temp dir the postgres user owns. */
public final class PostgresInstance implements AutoCloseable {
    private final Path dir;
    private final int port;
    private boolean started;

    private PostgresInstance(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** initdb only: a real cluster directory whose pg_wal holds a real WAL segment. */
    public static PostgresInstance init() throws IOException {
        var initdb = Peers.require("initdb (Debian postgresql-15)", Peers.PG_BIN.resolve("initdb"));
        var dir = Peers.postgresOwnedTempDir("citadel-pg");
        var r = Peers.run(Peers.asPostgresUser(List.of(initdb.toString(), "-D", dir.resolve("data").toString(), "-A", "trust",
                "-U", "postgres", "--no-sync")), Map.of("LC_ALL", "C"), 120);
        if (r.exitCode() != 0) {
            throw new AssertionError("initdb failed: " + r.output());
        }
        return new PostgresInstance(dir, Peers.freePort());
    }

    public PostgresInstance start() {
        return start(Map.of());
    }

    /** Starts it with extra environment, which the server's children (archive_command) inherit. */
    public PostgresInstance start(Map<String, String> env) {
        var all = new java.util.LinkedHashMap<String, String>(env);
        all.put("LC_ALL", "C");
        var pgCtl = Peers.require("pg_ctl (Debian postgresql-15)", Peers.PG_BIN.resolve("pg_ctl"));
        var r = Peers.run(Peers.asPostgresUser(List.of(pgCtl.toString(), "-D", data().toString(), "-w", "-t", "60",
                "-l", dir.resolve("postgres.log").toString(),
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start")), all, 90);
        if (r.exitCode() != 0) {
            throw new AssertionError("pg_ctl start failed: " + r.output());
        }
        started = true;
        return this;
    }

    /** Stops it (fast shutdown), so it can start again with other settings or environment. */
    public void stop() {
        if (started) {
            Peers.run(Peers.asPostgresUser(List.of(Peers.PG_BIN.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "fast",
                    "-w", "stop")), Map.of(), 60);
            started = false;
        }
    }

    /** The server's log (archive_command's output lands here). */
    public String log() {
        try {
            return java.nio.file.Files.readString(dir.resolve("postgres.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public Path data() {
        return dir.resolve("data");
    }

    /** The first WAL segment initdb wrote. */
    public Path firstWalSegment() {
        return data().resolve("pg_wal").resolve("000000010000000000000001");
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    /** psql against {@code port} (PostgreSQL itself or a pgbouncer in front of it), one command. */
    public static Peers.Result psql(int port, String sql) {
        var psql = Peers.require("psql (Debian postgresql-client-15)", Path.of("/usr/bin/psql"));
        var command = new ArrayList<String>(List.of(psql.toString(), "-X", "-A", "-t", "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", sql));
        return Peers.run(command, Map.of("PGCONNECT_TIMEOUT", "10"), 60);
    }

    @Override
    public void close() {
        if (started) {
            Peers.run(Peers.asPostgresUser(List.of(Peers.PG_BIN.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate",
                    "-w", "stop")), Map.of(), 60);
        }
        Peers.deleteTree(dir);
    }
}
