package dev.citadel.database.peers;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * A hostile server on 127.0.0.1 speaking just enough of the PostgreSQL protocol to be handed a password: it answers
 * SSLRequest with TLS (its own certificate) or 'N', asks for the password in clear, and answers with an error echoing
 * it inside a huge message. Or it trickles: accepts TLS, then sends one byte of a never-ending record at a time.
 * Everything it reads (after TLS, decrypted) is kept, so a test can show that no password reached it.
 */
public final class FakePostgres implements AutoCloseable {
    public enum Mode { PLAIN, TLS, TRICKLE }

    private final ServerSocket server;
    private final Mode mode;
    private final SSLContext tls;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final Thread acceptor;

    private FakePostgres(Mode mode, SSLContext tls) throws IOException {
        this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.mode = mode;
        this.tls = tls;
        this.acceptor = new Thread(this::serve, "fake-postgres");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Refuses TLS ('N') and asks for the password on the plain connection. */
    public static FakePostgres plain() throws IOException {
        return new FakePostgres(Mode.PLAIN, null);
    }

    /** TLS with the certificate {@code <dir>/<stem>.crt} (key {@code <stem>.key}), then asks for the password. */
    public static FakePostgres tls(Path dir, String stem) throws Exception {
        return new FakePostgres(Mode.TLS, context(dir.resolve(stem + ".crt"), dir.resolve(stem + ".key")));
    }

    /**
     * A slow path to a real server at {@code upstreamPort}: what the client sends goes through at once, what the server
     * answers comes back one byte every 50 ms (a certificate takes a minute), so every single read is quick.
     */
    public static FakePostgres trickle(int upstreamPort) throws IOException {
        var fake = new FakePostgres(Mode.TRICKLE, null);
        fake.upstreamPort = upstreamPort;
        return fake;
    }

    private volatile int upstreamPort;

    public int port() {
        return server.getLocalPort();
    }

    /** Everything clients sent, as text (binary as Latin-1 would print it). */
    public synchronized String received() {
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                var socket = server.accept();
                var t = new Thread(() -> handle(socket), "fake-postgres-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket socket) {
        if (mode == Mode.TRICKLE) {
            relay(socket);
            return;
        }
        try (socket) {
            Socket s = socket;
            var in = new DataInputStream(s.getInputStream());
            var out = s.getOutputStream();
            var first = message(in);
            while (code(first) == 80877103 || code(first) == 80877104) { // SSLRequest, GSSENCRequest
                if (code(first) == 80877103 && mode != Mode.PLAIN) {
                    out.write('S');
                    out.flush();
                    var ssl = (SSLSocket) tls.getSocketFactory().createSocket(s, null, s.getPort(), true);
                    ssl.setUseClientMode(false);
                    ssl.startHandshake();
                    s = ssl;
                    in = new DataInputStream(s.getInputStream());
                    out = s.getOutputStream();
                } else {
                    out.write('N');
                    out.flush();
                }
                first = message(in);
            }
            var data = new DataOutputStream(out);
            data.writeByte('R');          // AuthenticationCleartextPassword
            data.writeInt(8);
            data.writeInt(3);
            data.flush();
            var type = in.readByte();
            var password = message(in);
            keep(new byte[]{type});
            var text = new String(password, StandardCharsets.UTF_8).replace("\0", "");
            error(data, "password authentication failed for the password \"" + text + "\"\n" + "x".repeat(20_000));
        } catch (IOException | RuntimeException ignored) {
            // the client went away, which is what the tests want of a careful one
        }
    }

    private void relay(Socket client) {
        try (client; var upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
            var up = new Thread(() -> {
                try {
                    client.getInputStream().transferTo(upstream.getOutputStream());
                } catch (IOException ignored) {
                    // either side closed
                }
            }, "fake-postgres-up");
            up.setDaemon(true);
            up.start();
            var from = upstream.getInputStream();
            var to = client.getOutputStream();
            int b;
            while ((b = from.read()) >= 0 && !server.isClosed()) {
                to.write(b);
                to.flush();
                Thread.sleep(50);
            }
        } catch (IOException | InterruptedException ignored) {
            // the client gave up, as a careful one does
        }
    }

    private static void error(DataOutputStream out, String message) throws IOException {
        var body = new ByteArrayOutputStream();
        for (var field : new String[]{"SFATAL", "VFATAL", "C28P01", "M" + message}) {
            body.write(field.getBytes(StandardCharsets.UTF_8));
            body.write(0);
        }
        body.write(0);
        out.writeByte('E');
        out.writeInt(body.size() + 4);
        body.writeTo(out);
        out.flush();
    }

    /** One length-prefixed message (startup or the body after a type byte), kept. */
    private byte[] message(DataInputStream in) throws IOException {
        var length = in.readInt();
        if (length < 4 || length > 1 << 20) {
            throw new IOException("bad length " + length);
        }
        var body = in.readNBytes(length - 4);
        keep(body);
        return body;
    }

    private static int code(byte[] body) {
        return body.length < 4 ? -1 : ((body[0] & 0xff) << 24) | ((body[1] & 0xff) << 16) | ((body[2] & 0xff) << 8) | (body[3] & 0xff);
    }

    private synchronized void keep(byte[] bytes) {
        received.writeBytes(bytes);
    }

    private static SSLContext context(Path crt, Path key) throws Exception {
        Certificate cert;
        try (InputStream in = Files.newInputStream(crt)) {
            cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        var pem = Files.readString(key).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        var privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        var store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", privateKey, "x".toCharArray(), new Certificate[]{cert});
        var kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "x".toCharArray());
        var context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
