package dev.citadel.verify;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * How {@code verify --postgres} reaches a server: whom it trusts, how long one check may take, and the name the
 * server's certificate must carry when the TCP connection goes elsewhere (a port-forward).
 *
 * <p>Issue 23: pgjdbc's {@code sslmode=require} checks no certificate, so any server with any certificate got the
 * password. Here the default is {@code verify-full}: the certificate chains to the CA file given (RDS's bundle,
 * CNPG's {@code <cluster>-ca}) or, without one, to the JDK's trust store, and names the host. Only
 * {@link #insecure()} skips that, and the CLI prints a WARN line each time it does.
 *
 * @param caFile          the CA certificates (PEM) the server's chain must end in; empty: the JDK's trust store
 * @param skipVerify      encrypt but check no certificate ({@code --insecure-skip-tls-verify})
 * @param deadline        how long one check (its login and its queries) may take in all: a server that trickles bytes
 *                        kept verify running past 150 s with only a per-read timeout
 * @param certificateName the host name to verify when {@code host:port} is a port-forward (the stack's host)
 */
public record PgConnect(Optional<Path> caFile, boolean skipVerify, Duration deadline, Optional<String> certificateName) {
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

    public PgConnect {
        if (skipVerify && caFile.isPresent()) {
            throw new IllegalArgumentException("--insecure-skip-tls-verify and --ca-file contradict each other; give the CA and drop the switch");
        }
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline: " + deadline + " is not a positive duration");
        }
    }

    /** Verified against the CA certificates in {@code caFile} (read now, so a bad file is a usage error). */
    public static PgConnect verified(Path caFile) {
        Tls.readPem(caFile);
        return new PgConnect(Optional.of(caFile), false, DEFAULT_DEADLINE, Optional.empty());
    }

    /** Verified against the JDK's trust store (a server with a certificate from a public CA). */
    public static PgConnect systemTrust() {
        return new PgConnect(Optional.empty(), false, DEFAULT_DEADLINE, Optional.empty());
    }

    /** Encrypted, but whoever answers gets the password: only behind an explicit switch. */
    public static PgConnect insecure() {
        return new PgConnect(Optional.empty(), true, DEFAULT_DEADLINE, Optional.empty());
    }

    public PgConnect withDeadline(Duration d) {
        return new PgConnect(caFile, skipVerify, d, certificateName);
    }

    /** The TCP connection goes to {@code host:port}, but the certificate must name {@code name}. */
    public PgConnect withCertificateName(String name) {
        return new PgConnect(caFile, skipVerify, deadline, Optional.of(name));
    }

    /** What a PASS line says about the connection. */
    public String describe() {
        if (skipVerify) {
            return "sslmode require, certificate NOT checked (--insecure-skip-tls-verify)";
        }
        return "sslmode verify-full, its certificate checked against " + (caFile.isPresent() ? "--ca-file" : "the JDK's trust store");
    }

    /** The line printed before every check run with {@link #insecure()}. */
    public String warning(String host) {
        return "WARN --insecure-skip-tls-verify: " + host + "'s certificate is not checked, so the password goes to whoever "
                + "answers there; give its CA with --ca-file instead";
    }

    /** pgjdbc's URL: to the certificate name when there is one (the socket factory then goes to {@code host:port}). */
    String url(String host, int port, String encodedDatabase) {
        var target = certificateName.orElse(host);
        var bracketed = target.contains(":") ? "[" + target + "]" : target;
        return "jdbc:postgresql://" + bracketed + ":" + port + "/" + encodedDatabase;
    }

    /** The properties every connection of a check shares; {@code sslmode} is the caller's. */
    Properties properties(String host, int port, Duration left) {
        var props = new Properties();
        var seconds = Math.max(1, left.toMillis()) / 1000.0;
        // loginTimeout bounds connect, TLS and authentication together; the rest of the check is bounded by PgSession.
        props.setProperty("loginTimeout", String.format(Locale.ROOT, "%.3f", seconds));
        props.setProperty("connectTimeout", String.valueOf(Math.max(1, (long) Math.ceil(seconds))));
        props.setProperty("socketTimeout", String.valueOf(Math.max(1, (long) Math.ceil(seconds))));
        props.setProperty("gssEncMode", "disable");
        props.setProperty("ApplicationName", "citadel-verify");
        if (certificateName.isPresent()) {
            props.setProperty("socketFactory", ForwardingSocketFactory.class.getName());
            props.setProperty("socketFactoryArg", host + " " + port);
        }
        return props;
    }

    /** Adds what an encrypted connection needs: verify-full with its trust, or require when insecure. */
    void encrypted(Properties props) {
        if (skipVerify) {
            props.setProperty("sslmode", "require");
            return;
        }
        props.setProperty("sslmode", "verify-full");
        if (caFile.isPresent()) {
            props.setProperty("sslrootcert", caFile.get().toAbsolutePath().toString());
        } else {
            props.setProperty("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory");
        }
    }
}
