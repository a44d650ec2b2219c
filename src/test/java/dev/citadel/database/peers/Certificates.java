package dev.citadel.database.peers;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Server certificates by Debian's openssl for the real servers and the fake ones: self-signed (so the certificate is
 * its own CA, the file a client is given with sslrootcert / --ca-file), with the names a client checks under
 * verify-full as subjectAltNames.
 */
public final class Certificates {
    /** Names every test server answers to: the loopback address and localhost. */
    public static final List<String> LOOPBACK = List.of("IP:127.0.0.1", "DNS:localhost");

    private Certificates() {
    }

    /** Writes {@code <stem>.key} and {@code <stem>.crt} in {@code dir}; {@code names} like {@code DNS:x} or {@code IP:1.2.3.4}. */
    public static Path selfSigned(Path dir, String stem, String commonName, List<String> names) {
        var openssl = Peers.require("openssl (Debian openssl)", Path.of("/usr/bin/openssl"));
        var crt = dir.resolve(stem + ".crt");
        var r = Peers.run(List.of(openssl.toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + commonName,
                "-addext", "subjectAltName=" + names.stream().collect(Collectors.joining(",")),
                "-days", "2", "-keyout", dir.resolve(stem + ".key").toString(), "-out", crt.toString()), Map.of(), 60);
        if (r.exitCode() != 0) {
            throw new AssertionError("openssl could not make the certificate: " + r.output());
        }
        return crt;
    }
}
