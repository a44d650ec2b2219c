package dev.citadel.database.peers;

import dev.citadel.plan.Plan;
import dev.citadel.value.Redacted;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Debian's barman-cli-cloud (barman 3.4) run on the machine's Python with boto3 ≥ 1.36: the boto3 the plugin's
 * sidecar image ships, whose default checksum headers seed 000's RustFS rejected. Debian's own Python carries
 * boto3 1.26, which predates the change and would hide the failure, so only barman's package is taken from it.
 */
public final class BarmanCloudCli {
    static final Path BARMAN_PACKAGE = Path.of("/usr/lib/python3/dist-packages/barman");

    private final String python;
    private final Path pythonPath;

    private BarmanCloudCli(String python, Path pythonPath) {
        this.python = python;
        this.pythonPath = pythonPath;
    }

    public static BarmanCloudCli locate() throws IOException {
        Peers.require("barman-cloud-wal-archive (Debian barman-cli-cloud)", Path.of("/usr/bin/barman-cloud-wal-archive"));
        if (!Files.isDirectory(BARMAN_PACKAGE)) {
            throw new AssertionError("barman's Python package is not at " + BARMAN_PACKAGE + "; run " + Peers.INSTALL);
        }
        var python = System.getenv().getOrDefault("CITADEL_BOTO3_PYTHON", "python3");
        var probe = Peers.run(List.of(python, "-c", "import boto3; print(boto3.__version__)"), Map.of(), 60);
        var version = probe.output().strip();
        if (probe.exitCode() != 0 || !atLeast(version, 1, 36)) {
            throw new AssertionError("the barman-cloud peer test needs a Python with boto3 >= 1.36 (what the plugin's sidecar "
                    + "image runs; seed 000's failure needs it), but '" + python + "' has "
                    + (probe.exitCode() == 0 ? "boto3 " + version : "no boto3 (" + version + ")")
                    + "; install one (pip install 'boto3>=1.36') or point CITADEL_BOTO3_PYTHON at it");
        }
        var dir = Files.createTempDirectory("citadel-barman-py");
        Files.createSymbolicLink(dir.resolve("barman"), BARMAN_PACKAGE);
        return new BarmanCloudCli(python, dir);
    }

    /**
     * The same barman and boto3 ≥ 1.36, runnable by the {@code postgres} user as a server's archive_command: that user
     * cannot read /root, where the machine's boto3 Python lives, so its pure-Python boto3, botocore and s3transfer are
     * copied into a directory it can read and Debian's /usr/bin/python3 (barman's own interpreter, its other
     * dependencies from Debian) imports them first. Fails, never skips, when the copy does not win over Debian's 1.26.
     */
    public static BarmanCloudCli forPostgresUser() throws IOException {
        Peers.require("barman-cloud-wal-archive (Debian barman-cli-cloud)", Path.of("/usr/bin/barman-cloud-wal-archive"));
        var debianPython = Peers.require("Debian's python3", Path.of("/usr/bin/python3"));
        var source = System.getenv().getOrDefault("CITADEL_BOTO3_PYTHON", "python3");
        var where = Peers.run(List.of(source, "-c", "import os, boto3, botocore, s3transfer\n"
                + "for m in (boto3, botocore, s3transfer): print(os.path.dirname(m.__file__))"), Map.of(), 60);
        if (where.exitCode() != 0) {
            throw new AssertionError("'" + source + "' cannot import boto3, botocore and s3transfer (" + where.output().strip()
                    + "); install boto3 >= 1.36 for it (pip install 'boto3>=1.36') or point CITADEL_BOTO3_PYTHON at one that has it");
        }
        var dir = Files.createTempDirectory("citadel-boto3");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        for (var line : where.output().strip().split("\\R")) {
            var from = Path.of(line.strip());
            copyTree(from, dir.resolve(from.getFileName()));
        }
        var probe = Peers.run(Peers.asPostgresUser(List.of(debianPython.toString(), "-c",
                "import boto3, barman; print(boto3.__version__)")), Map.of("PYTHONPATH", dir.toString()), 60);
        var version = probe.output().strip();
        if (probe.exitCode() != 0 || !atLeast(version, 1, 36)) {
            throw new AssertionError("Debian's python3, run as postgres with " + dir + " first on PYTHONPATH, imports "
                    + (probe.exitCode() == 0 ? "boto3 " + version : "no boto3 or barman (" + version + ")") + ", not the boto3 >= 1.36 "
                    + "copied from '" + source + "' (seed 000's failure needs it); point CITADEL_BOTO3_PYTHON at a Python 3.11 with boto3 >= 1.36");
        }
        return new BarmanCloudCli(debianPython.toString(), dir);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (var p : (Iterable<Path>) walk.filter(p -> !p.toString().contains("__pycache__"))::iterator) {
                var target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** The directory put first on PYTHONPATH (delete it when done). */
    public Path pythonPath() {
        return pythonPath;
    }

    static boolean atLeast(String version, int major, int minor) {
        var parts = version.split("\\.");
        try {
            var ma = Integer.parseInt(parts[0]);
            var mi = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return ma > major || (ma == major && mi >= minor);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** {@code barman-cloud-wal-archive} as the sidecar runs it for one WAL segment. */
    public Peers.Result walArchive(Invocation i, Path wal) {
        return Peers.run(walArchiveCommand(i, wal.toString()), environment(i), 180);
    }

    /** {@code barman-cloud-check-wal-archive}: the plugin's check before a cluster's first archive. */
    public Peers.Result checkWalArchive(Invocation i) {
        return Peers.run(checkWalArchiveCommand(i), environment(i), 180);
    }

    /** The archive command line for one WAL (a path, or {@code "$1"} inside a script). */
    public List<String> walArchiveCommand(Invocation i, String wal) {
        var command = new ArrayList<String>(List.of(python, "-m", "barman.clients.cloud_walarchive",
                "--endpoint-url", i.endpointURL(), "--cloud-provider", "aws-s3"));
        if (!i.compression().isEmpty()) {
            command.add("--" + i.compression());
        }
        command.addAll(List.of(i.destinationPath(), i.serverName(), wal));
        return command;
    }

    public List<String> checkWalArchiveCommand(Invocation i) {
        return List.of(python, "-m", "barman.clients.cloud_check_wal_archive",
                "--endpoint-url", i.endpointURL(), "--cloud-provider", "aws-s3", i.destinationPath(), i.serverName());
    }

    /** What the sidecar's process sees: the invocation's env and the Python path with barman and boto3. */
    public Map<String, String> environment(Invocation i) {
        var all = new LinkedHashMap<String, String>(i.env());
        all.put("PYTHONPATH", pythonPath.toString());
        return all;
    }

    /**
     * What the sidecar passes barman: from the ObjectStore, the endpoint, destination path, compression and
     * {@code instanceSidecarConfiguration.env} plus the s3Credentials as AWS_* variables; from the Cluster's plugin
     * parameters, the server name.
     */
    public record Invocation(String endpointURL, String destinationPath, String compression, String serverName, Map<String, String> env) {

        /**
         * Read off a plan holding one CnpgCluster with a backup: the ObjectStore's fields and (unless dropped, to
         * reproduce seed 000) its {@code instanceSidecarConfiguration.env}, the Cluster's plugin serverName, and S3Proxy's
         * keys as the AWS_* variables the sidecar maps s3Credentials to.
         */
        public static Invocation rendered(Plan plan, boolean withSidecarEnv) {
            var store = spec(plan, "kubernetes:barmancloud.cnpg.io/v1:ObjectStore");
            var cluster = spec(plan, "kubernetes:postgresql.cnpg.io/v1:Cluster");
            var env = new LinkedHashMap<String, String>();
            env.put("AWS_ACCESS_KEY_ID", S3Proxy.IDENTITY);
            env.put("AWS_SECRET_ACCESS_KEY", S3Proxy.CREDENTIAL);
            if (withSidecarEnv) {
                List<Map<String, Object>> sidecar = at(store, "instanceSidecarConfiguration", "env");
                sidecar.forEach(e -> env.put((String) e.get("name"), (String) e.get("value")));
            }
            List<Map<String, Object>> plugins = at(cluster, "plugins");
            return new Invocation(at(store, "configuration", "endpointURL"), at(store, "configuration", "destinationPath"),
                    at(store, "configuration", "wal", "compression"), at(plugins.get(0), "parameters", "serverName"), env);
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> spec(Plan plan, String type) {
            var found = plan.ofType(type);
            if (found.size() != 1) {
                throw new AssertionError("expected one " + type + " in the plan, found " + found.size());
            }
            return (Map<String, Object>) Redacted.plain(found.get(0).inputs().get("spec"));
        }

        @SuppressWarnings("unchecked")
        private static <T> T at(Map<String, Object> root, String... path) {
            Object current = root;
            for (var key : path) {
                if (!(current instanceof Map<?, ?> map) || !map.containsKey(key)) {
                    throw new AssertionError("no " + String.join(".", path) + " in " + root);
                }
                current = map.get(key);
            }
            return (T) current;
        }
    }
}
