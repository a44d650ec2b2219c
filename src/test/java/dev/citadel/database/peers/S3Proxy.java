package dev.citadel.database.peers;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * S3Proxy 2.6.0 (Maven Central, copied to target/peers by the build) on loopback with a filesystem backend:
 * an S3-compatible store that, like RustFS and older MinIO, rejects boto3 ≥ 1.36's default checksum headers.
 */
public final class S3Proxy implements AutoCloseable {
    public static final String IDENTITY = "citadel-access-key";
    public static final String CREDENTIAL = "citadel-secret-key";

    private final Process process;
    private final Path dir;
    private final String endpoint;

    private S3Proxy(Process process, Path dir, String endpoint) {
        this.process = process;
        this.dir = dir;
        this.endpoint = endpoint;
    }

    /** Starts it with the given buckets, waiting until it answers. */
    public static S3Proxy start(String... buckets) throws IOException, InterruptedException {
        var jar = Path.of(System.getProperty("citadel.s3proxy.jar", "target/peers/s3proxy.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("S3Proxy is not at " + jar + "; the build copies it there (mvn generate-test-resources, "
                    + "org.gaul:s3proxy:2.6.0:jar-with-dependencies from Maven Central)");
        }
        var dir = Files.createTempDirectory("citadel-s3proxy");
        for (var b : buckets) {
            Files.createDirectories(dir.resolve("data").resolve(b));
        }
        var port = Peers.freePort();
        var endpoint = "http://127.0.0.1:" + port;
        var conf = dir.resolve("s3proxy.conf");
        Files.writeString(conf, String.join("\n",
                "s3proxy.endpoint=" + endpoint,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + IDENTITY,
                "s3proxy.credential=" + CREDENTIAL,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + dir.resolve("data"), ""));
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var process = new ProcessBuilder(List.of(java, "-Xmx256m", "-jar", jar.toString(), "--properties", conf.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
        var proxy = new S3Proxy(process, dir, endpoint);
        var deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("S3Proxy exited: " + Files.readString(dir.resolve("s3proxy.log")));
            }
            try {
                var c = (HttpURLConnection) URI.create(endpoint + "/").toURL().openConnection();
                c.setConnectTimeout(500);
                c.getResponseCode();
                return proxy;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        proxy.close();
        throw new AssertionError("S3Proxy did not answer on " + endpoint + " within 60 s");
    }

    public String endpoint() {
        return endpoint;
    }

    /** The objects under a bucket, as files of the filesystem backend. */
    public List<String> objects(String bucket) throws IOException {
        var root = dir.resolve("data").resolve(bucket);
        try (var walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Peers.deleteTree(dir);
    }
}
