package dev.citadel.verify;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyStore;

/**
 * An HTTPS server on localhost with a certificate made for the test (keytool, SAN localhost and 127.0.0.1), and a TLS
 * context that trusts only that certificate: what Citadel's clients talk to in place of an IdP or authentik, with
 * certificate checks left on. {@code caPem} is that certificate, for a client given a CA file.
 */
public record LocalHttps(HttpsServer server, SSLContext trust, String base, Path caPem) {

    public static LocalHttps start(Path dir, HttpHandler handler) throws Exception {
        var keystore = dir.resolve("server.p12");
        var keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-keypass", "changeit");
        var pem = dir.resolve("server.pem");
        run(keytool, "-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", pem.toString());
        var ks = KeyStore.getInstance("PKCS12");
        try (var in = new FileInputStream(keystore.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        var kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        var serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        var server = HttpsServer.create(new InetSocketAddress("localhost", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.createContext("/", handler);
        // A hostile answer (a trickled body) keeps its exchange busy; the others must still be served.
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            var t = new Thread(r, "local-https");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return new LocalHttps(server, Tls.trustingOnly(Tls.readPem(pem)), "https://localhost:" + server.getAddress().getPort(), pem);
    }

    private static void run(String... command) throws Exception {
        var p = new ProcessBuilder(command).redirectErrorStream(true).start();
        var out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + ": " + out);
        }
    }
}
