package dev.citadel.identity.keycloak;

import dev.citadel.verify.Tls;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Keycloak 26 for integration tests: the distribution the build unpacks into {@code target/keycloak}
 * ({@code maven-dependency-plugin}, pre-integration-test), started in dev mode with an in-memory database on
 * a JDK >= 21 ({@link JavaHomes}), serving HTTPS on a free port with a self-signed certificate made by {@code
 * keytool} (SAN localhost and 127.0.0.1). Issuers are {@code https://localhost:<port>/realms/<realm>}; clients
 * trust exactly that certificate ({@link #sslContext()}, {@link #caCertificate()} as PEM for {@code --ca-file}).
 *
 * <p>Start-up costs ~30-45 s on 2 cores after {@code mvn clean} (Keycloak re-augments for its options) and
 * ~12-15 s after that, so ITs share one per failsafe JVM through {@link KeycloakExtension};
 * use {@link #start()} directly only outside JUnit. {@link #close()} stops the process tree. Output goes to
 * {@code target/keycloak-it.log}.
 *
 * <p>No JVM tuning by default: {@code -XX:TieredStopAtLevel=1} (via {@code JAVA_OPTS_APPEND}) shaved 1-4 s off a
 * 13-15 s warm start on 2 cores but made the logins after it slower, so the IT total did not improve. To try
 * options anyway, set {@code CITADEL_KEYCLOAK_JAVA_OPTS}; it is passed as {@code JAVA_OPTS_APPEND}.
 *
 * <p>Locations come from system properties failsafe sets ({@code citadel.keycloak.home}, {@code
 * citadel.keycloak.log}), defaulting to the paths under {@code target/} for a run from the IDE after one
 * {@code mvn verify}.
 */
public final class KeycloakServer implements AutoCloseable {
    public static final String VERSION = "26.7.3";
    public static final String ADMIN_USERNAME = "admin";
    /**
     * 12 s on an idle 2-core machine, but Quarkus' first-start build is CPU-bound: at load 13 (parallel builds on
     * the same 2 cores) it took over 180 s and failed every Keycloak IT at once. A hung server still fails here.
     */
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(480);

    private final Process process;
    private final int httpsPort;
    private final Path workDir;
    private final Path log;
    private final Path caCertificate;
    private final SSLContext sslContext;
    private final String adminPassword;
    private final Duration startupTime;
    private final JavaHomes.Jdk jdk;

    private KeycloakServer(Process process, int httpsPort, Path workDir, Path log, Path caCertificate, SSLContext sslContext,
                           String adminPassword, Duration startupTime, JavaHomes.Jdk jdk) {
        this.process = process;
        this.httpsPort = httpsPort;
        this.workDir = workDir;
        this.log = log;
        this.caCertificate = caCertificate;
        this.sslContext = sslContext;
        this.adminPassword = adminPassword;
        this.startupTime = startupTime;
        this.jdk = jdk;
    }

    /** Starts Keycloak from the unpacked distribution and waits until it serves the master realm's discovery document. */
    public static KeycloakServer start() throws IOException, InterruptedException {
        var home = Path.of(System.getProperty("citadel.keycloak.home", "target/keycloak/keycloak-" + VERSION));
        var log = Path.of(System.getProperty("citadel.keycloak.log", "target/keycloak-it.log"));
        return start(home, log, JavaHomes.forKeycloak());
    }

    public static KeycloakServer start(Path home, Path log, JavaHomes.Jdk jdk) throws IOException, InterruptedException {
        var kc = home.resolve("bin/kc.sh");
        if (!Files.isExecutable(kc)) {
            throw new IllegalStateException(kc.toAbsolutePath() + " is missing: run the ITs through 'mvn verify', which"
                    + " unpacks org.keycloak:keycloak-quarkus-dist:" + VERSION + " into target/keycloak");
        }
        var workDir = Files.createTempDirectory("citadel-keycloak-");
        var random = new SecureRandom();
        var storePassword = secret(random);
        var adminPassword = secret(random);
        var keystore = workDir.resolve("server.p12");
        var pem = workDir.resolve("server.pem");
        keytool(jdk, workDir, "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "7",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", storePassword, "-keypass", storePassword, "-noprompt");
        keytool(jdk, workDir, "-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", storePassword, "-file", pem.toString());
        var sslContext = Tls.trustingOnly(Tls.readPem(pem));

        var ports = freePorts(3);
        var command = List.of(kc.toAbsolutePath().toString(), "start-dev",
                "--db=dev-mem",
                "--http-host=127.0.0.1",
                "--https-port=" + ports.get(0),
                "--http-port=" + ports.get(1),
                "--http-management-port=" + ports.get(2),
                "--hostname-strict=false",
                "--https-key-store-file=" + keystore,
                "--https-key-store-password=" + storePassword);
        Files.createDirectories(log.toAbsolutePath().getParent());
        var builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        var env = builder.environment();
        env.put("JAVA_HOME", jdk.home().toString());
        env.put("JAVA", jdk.home().resolve("bin/java").toString());
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        var appended = System.getenv("CITADEL_KEYCLOAK_JAVA_OPTS");
        if (appended != null && !appended.isBlank()) {
            env.put("JAVA_OPTS_APPEND", appended);
        }
        var started = System.nanoTime();
        var process = builder.start();
        var server = new KeycloakServer(process, ports.get(0), workDir, log, pem, sslContext, adminPassword, Duration.ZERO, jdk);
        try {
            server.awaitReady(started);
        } catch (RuntimeException | IOException | InterruptedException e) {
            server.close();
            throw e;
        }
        return new KeycloakServer(process, ports.get(0), workDir, log, pem, sslContext, adminPassword,
                Duration.ofNanos(System.nanoTime() - started), jdk);
    }

    private void awaitReady(long startedNanos) throws IOException, InterruptedException {
        var http = newHttpClient();
        var probe = HttpRequest.newBuilder(URI.create(baseUrl() + "/realms/master/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        var deadline = startedNanos + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with code " + process.exitValue() + " before it was ready ("
                        + jdk.home() + ", Java " + jdk.feature() + "); the end of " + log + ":\n" + logTail(40));
            }
            try {
                var response = http.send(probe, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak did not serve " + probe.uri() + " within " + STARTUP_TIMEOUT.toSeconds()
                + " s; the end of " + log + ":\n" + logTail(40));
    }

    static void keytool(JavaHomes.Jdk jdk, Path workDir, String... args) throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.add(jdk.home().resolve("bin/keytool").toString());
        command.addAll(List.of(args));
        var out = workDir.resolve("keytool.log");
        var p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("keytool " + args[0] + " failed: " + Files.readString(out));
        }
    }

    static String secret(SecureRandom random) {
        var bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static List<Integer> freePorts(int count) throws IOException {
        var sockets = new ArrayList<ServerSocket>();
        try {
            for (var i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (var s : sockets) {
                s.close();
            }
        }
    }

    /** {@code https://localhost:<port>}. */
    public URI baseUrl() {
        return URI.create("https://localhost:" + httpsPort);
    }

    public int httpsPort() {
        return httpsPort;
    }

    /** {@code https://localhost:<port>/realms/<realm>}, exactly as Keycloak names itself in discovery and tokens. */
    public String issuer(String realm) {
        return baseUrl() + "/realms/" + realm;
    }

    /** Trusts exactly this server's certificate. */
    public SSLContext sslContext() {
        return sslContext;
    }

    /** The server's self-signed certificate as PEM (what {@code citadel verify --ca-file} takes). */
    public Path caCertificate() {
        return caCertificate;
    }

    /** An HttpClient that trusts this server; redirects are not followed. */
    public HttpClient newHttpClient() {
        return HttpClient.newBuilder().sslContext(sslContext).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The bootstrap admin's password (for running {@code citadel} as that admin, through its environment). */
    public String adminPassword() {
        return adminPassword;
    }

    /** An admin client logged in as the bootstrap admin of the master realm. */
    public KeycloakAdmin admin() {
        return new KeycloakAdmin(baseUrl(), newHttpClient(), ADMIN_USERNAME, adminPassword);
    }

    /** From launching {@code kc.sh} to the first discovery document served. */
    public Duration startupTime() {
        return startupTime;
    }

    public JavaHomes.Jdk jdk() {
        return jdk;
    }

    public Path log() {
        return log;
    }

    /** The last {@code lines} lines of the server log, for failure messages. */
    public String logTail(int lines) {
        try (var file = new RandomAccessFile(log.toFile(), "r")) {
            var length = file.length();
            var start = Math.max(0, length - 16_384);
            file.seek(start);
            var bytes = new byte[(int) (length - start)];
            file.readFully(bytes);
            var all = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Stops Keycloak and every process it started, then removes the keystore. */
    @Override
    public void close() {
        var children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            for (var child : children) {
                child.onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            children.forEach(ProcessHandle::destroyForcibly);
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind
        }
    }

    @Override
    public String toString() {
        return "KeycloakServer[" + baseUrl() + ", Java " + jdk.feature() + "]";
    }
}
