package dev.citadel.identity.keycloak;

import dev.citadel.verify.Tls;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Keycloak 26 whose database outlives the process, so {@code kc.sh import} can run against the data a server
 * serves, as the operator's import Job does: a copy of the distribution built with {@code --db=dev-file} (H2 in its
 * own {@code data/h2}) and {@code --cache=local} (no JGroups ports on every interface), started with
 * {@code start --optimized}. H2's file is locked by the running server, so an import runs between {@link #stop()}
 * and {@link #start()}; the keystore, ports and bootstrap admin stay the same across restarts.
 *
 * <p>The shared {@link KeycloakServer} runs on an in-memory database and cannot be imported into from outside.
 */
public final class KeycloakFileServer implements AutoCloseable {
    private final Path dir;
    private final Path home;
    private final JavaHomes.Jdk jdk;
    private final List<Integer> ports;
    private final Path keystore;
    private final String storePassword;
    private final String adminPassword;
    private final SSLContext sslContext;
    private final Path caCertificate;
    private Process process;
    private int starts;

    private KeycloakFileServer(Path dir, JavaHomes.Jdk jdk) throws IOException, InterruptedException {
        this.dir = dir;
        this.home = dir.resolve("keycloak");
        this.jdk = jdk;
        this.ports = KeycloakServer.freePorts(3);
        var random = new SecureRandom();
        this.storePassword = KeycloakServer.secret(random);
        this.adminPassword = KeycloakServer.secret(random);
        this.keystore = dir.resolve("server.p12");
        this.caCertificate = dir.resolve("server.pem");
        KeycloakServer.keytool(jdk, dir, "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "7",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", storePassword, "-keypass", storePassword, "-noprompt");
        KeycloakServer.keytool(jdk, dir, "-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", storePassword, "-file", caCertificate.toString());
        this.sslContext = Tls.trustingOnly(Tls.readPem(caCertificate));
    }

    /** Copies the distribution the build unpacked and builds it for an H2 file database; not started yet. */
    public static KeycloakFileServer prepare() throws IOException, InterruptedException {
        var dist = Path.of(System.getProperty("citadel.keycloak.home", "target/keycloak/keycloak-" + KeycloakServer.VERSION));
        var dir = Files.createTempDirectory("citadel-keycloak-file-");
        var server = new KeycloakFileServer(dir, JavaHomes.forKeycloak());
        try (Stream<Path> files = Files.walk(dist)) {
            for (var source : (Iterable<Path>) files::iterator) {
                var target = server.home.resolve(dist.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (!source.toString().contains("/data/")) {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        var build = server.kc(List.of("build", "--db=dev-file", "--cache=local"), Map.of(), "build.log");
        if (build != 0) {
            throw new IllegalStateException("kc.sh build failed (exit " + build + "): " + server.tail("build.log"));
        }
        return server;
    }

    public URI baseUrl() {
        return URI.create("https://localhost:" + ports.get(0));
    }

    public SSLContext sslContext() {
        return sslContext;
    }

    public Path caCertificate() {
        return caCertificate;
    }

    public String adminPassword() {
        return adminPassword;
    }

    public KeycloakAdmin admin() {
        return new KeycloakAdmin(baseUrl(), http(), KeycloakServer.ADMIN_USERNAME, adminPassword);
    }

    private HttpClient http() {
        return HttpClient.newBuilder().sslContext(sslContext).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Starts the server on the same data, ports and keystore as before, and waits until it serves the master realm. */
    public void start() throws IOException, InterruptedException {
        var log = dir.resolve("server-" + (++starts) + ".log");
        var command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-host=127.0.0.1", "--https-port=" + ports.get(0), "--http-port=" + ports.get(1),
                "--http-management-port=" + ports.get(2), "--hostname-strict=false",
                "--https-key-store-file=" + keystore, "--https-key-store-password=" + storePassword));
        var builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        environment(builder, Map.of("KC_BOOTSTRAP_ADMIN_USERNAME", KeycloakServer.ADMIN_USERNAME, "KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword));
        process = builder.start();
        var probe = HttpRequest.newBuilder(baseUrl().resolve("/realms/master/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        var deadline = System.nanoTime() + KeycloakServer.STARTUP_TIMEOUT.toNanos();
        var http = http();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ": " + tail(log.getFileName().toString()));
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak did not start within " + KeycloakServer.STARTUP_TIMEOUT.toSeconds() + " s: "
                + tail(log.getFileName().toString()));
    }

    /** Stops the server gracefully (H2 closes its file), so {@code kc.sh import} may open the database. */
    public void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        var children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        process = null;
    }

    /** What {@code kc.sh import} did: its exit code and its log. */
    public record Import(int exitCode, String log) {
    }

    /**
     * {@code kc.sh import --file=<json> --override=<override>}, as the operator's import Job runs it, with the realm's
     * placeholders as environment variables (how the Job fills them in from Secrets).
     */
    public Import importRealm(Path json, boolean override, Map<String, String> placeholders) throws IOException, InterruptedException {
        var name = "import-" + System.nanoTime() + ".log";
        var exit = kc(List.of("import", "--optimized", "--file=" + json, "--override=" + override), placeholders, name);
        return new Import(exit, Files.readString(dir.resolve(name)));
    }

    private int kc(List<String> args, Map<String, String> env, String logName) throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.add(home.resolve("bin/kc.sh").toString());
        command.addAll(args);
        var builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(logName).toFile());
        environment(builder, env);
        var p = builder.start();
        if (!p.waitFor(KeycloakServer.STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IllegalStateException("kc.sh " + args.get(0) + " did not finish: " + tail(logName));
        }
        return p.exitValue();
    }

    private void environment(ProcessBuilder builder, Map<String, String> more) {
        var env = builder.environment();
        env.put("JAVA_HOME", jdk.home().toString());
        env.put("JAVA", jdk.home().resolve("bin/java").toString());
        env.putAll(more);
    }

    public String tail(String logName) {
        try {
            var lines = Files.readAllLines(dir.resolve(logName));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no " + logName + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind
        }
    }
}
