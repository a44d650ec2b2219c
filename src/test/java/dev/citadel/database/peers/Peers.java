package dev.citadel.database.peers;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real programs the peer tests feed CnpgCluster's rendered objects to. They come from Debian packages that
 * {@code .ci/install-peers.sh} installs (CI runs it before {@code mvn -B verify}); a missing one fails the test
 * with that instruction, it never skips.
 */
public final class Peers {
    public static final String INSTALL = "bash .ci/install-peers.sh (as root; or apt-get install barman-cli-cloud pgbouncer prometheus postgresql-15 openssl)";
    public static final Path PG_BIN = Path.of("/usr/lib/postgresql/15/bin");

    private Peers() {
    }

    /** An executable from the peer packages, or an AssertionError saying how to install it. */
    public static Path require(String what, Path path) {
        if (!Files.isExecutable(path)) {
            throw new AssertionError(what + " is not installed (" + path + " missing); run " + INSTALL);
        }
        return path;
    }

    public static int freePort() {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a finished command did. */
    public record Result(int exitCode, String output) {
    }

    /** Runs a command to completion (merged output), with extra environment, failing after {@code timeoutSeconds}. */
    public static Result run(List<String> command, Map<String, String> env, int timeoutSeconds) {
        try {
            var pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().putAll(env);
            var p = pb.start();
            p.getOutputStream().close();
            var out = new StringBuilder();
            var reader = new Thread(() -> {
                try {
                    out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // the process is gone; what was read stays
                }
            });
            reader.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                reader.join(2000);
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s; output: " + out);
            }
            reader.join(5000);
            return new Result(p.exitValue(), out.toString());
        } catch (IOException e) {
            throw new AssertionError("could not run " + command.get(0) + ": " + e.getMessage() + "; run " + INSTALL, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** PostgreSQL and pgbouncer refuse to run as root: as root, run them as the Debian package's postgres user. */
    public static List<String> asPostgresUser(List<String> command) {
        if (!"root".equals(System.getProperty("user.name"))) {
            return command;
        }
        // From "/": the clone CI runs in may be a directory the postgres user cannot enter, and postgres -C then prints
        // "could not change directory" into the output it reads back.
        var wrapped = new ArrayList<String>(List.of("runuser", "-u", "postgres", "--", "env", "--chdir=/"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** A directory the postgres user owns (under /tmp: the worktree may not be readable by it). */
    public static Path postgresOwnedTempDir(String prefix) throws IOException {
        var dir = Files.createTempDirectory(prefix);
        if ("root".equals(System.getProperty("user.name"))) {
            var r = run(List.of("chown", "postgres:postgres", dir.toString()), Map.of(), 10);
            if (r.exitCode() != 0) {
                throw new AssertionError("chown postgres " + dir + ": " + r.output() + "; the postgres user comes with postgresql-15: run " + INSTALL);
            }
        }
        return dir;
    }

    public static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
