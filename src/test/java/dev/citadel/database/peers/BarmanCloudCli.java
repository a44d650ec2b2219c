package dev.citadel.database.peers;

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
        var args = new ArrayList<String>(List.of("--endpoint-url", i.endpointURL(), "--cloud-provider", "aws-s3"));
        if (!i.compression().isEmpty()) {
            args.add("--" + i.compression());
        }
        args.addAll(List.of(i.destinationPath(), i.serverName(), wal.toString()));
        return module("barman.clients.cloud_walarchive", args, i.env());
    }

    /** {@code barman-cloud-check-wal-archive}: the plugin's check before a cluster's first archive. */
    public Peers.Result checkWalArchive(Invocation i) {
        return module("barman.clients.cloud_check_wal_archive",
                List.of("--endpoint-url", i.endpointURL(), "--cloud-provider", "aws-s3", i.destinationPath(), i.serverName()), i.env());
    }

    private Peers.Result module(String module, List<String> args, Map<String, String> env) {
        var command = new ArrayList<String>(List.of(python, "-m", module));
        command.addAll(args);
        var all = new LinkedHashMap<String, String>(env);
        all.put("PYTHONPATH", pythonPath.toString());
        return Peers.run(command, all, 180);
    }

    /**
     * What the sidecar passes barman: from the ObjectStore, the endpoint, destination path, compression and
     * {@code instanceSidecarConfiguration.env} plus the s3Credentials as AWS_* variables; from the Cluster's plugin
     * parameters, the server name.
     */
    public record Invocation(String endpointURL, String destinationPath, String compression, String serverName, Map<String, String> env) {
    }
}
