package dev.citadel.verify;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * TLS trust for talking to an IdP: one KeyStore of trust anchors handed to the JDK's PKIX TrustManagerFactory,
 * so path building, validity and hostname checks are the JDK's own; a hand-written trust manager in between is
 * security code whose one slip (an exception swallowed, an issuer list merged wrong) accepts a forged certificate.
 */
public final class Tls {
    static final int MAX_PEM_BYTES = 4 * 1024 * 1024;

    private Tls() {
    }

    /** Every certificate in a PEM file; a file without one is an error naming the file. */
    public static List<X509Certificate> readPem(Path pem) {
        // /dev/zero, a FIFO or a huge file made verify read forever; a CA bundle is a few hundred kilobytes at most.
        if (!Files.exists(pem)) {
            throw new IllegalArgumentException("cannot read " + pem + ": no such file");
        }
        if (!Files.isRegularFile(pem)) {
            throw new IllegalArgumentException(pem + " is not a regular file; give the CA's PEM file");
        }
        try {
            if (Files.size(pem) > MAX_PEM_BYTES) {
                throw new IllegalArgumentException(pem + " is larger than " + MAX_PEM_BYTES + " bytes; give the CA's PEM file, not a bundle of everything");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + pem + ": " + e.getMessage());
        }
        try (InputStream raw = Files.newInputStream(pem); InputStream in = new java.io.ByteArrayInputStream(raw.readNBytes(MAX_PEM_BYTES))) {
            var certificates = new ArrayList<X509Certificate>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) c);
            }
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException(pem + " holds no certificate");
            }
            return certificates;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + pem + ": " + e.getMessage());
        } catch (CertificateException e) {
            throw new IllegalArgumentException(pem + " is not a PEM certificate file (" + e.getMessage() + ")");
        }
    }

    /** Trusts exactly {@code certificates}. */
    public static SSLContext trustingOnly(List<X509Certificate> certificates) {
        return context(certificates);
    }

    /**
     * Trusts the JDK's default trust anchors (those of {@code javax.net.ssl.trustStore} when it is set) and
     * {@code extra}, all in one KeyStore.
     */
    public static SSLContext trustingAlso(List<X509Certificate> extra) {
        var anchors = new ArrayList<>(defaultAnchors());
        anchors.addAll(extra);
        return context(anchors);
    }

    /** The anchors the JDK trusts with no configuration: what a plain {@code https} client would accept. */
    static List<X509Certificate> defaultAnchors() {
        try {
            var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            return Arrays.stream(factory.getTrustManagers())
                    .filter(X509TrustManager.class::isInstance)
                    .flatMap(tm -> Arrays.stream(((X509TrustManager) tm).getAcceptedIssuers()))
                    .toList();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the JDK's trust anchors: " + e.getMessage(), e);
        }
    }

    /** One KeyStore of {@code anchors}, fed to the JDK's default (PKIX) TrustManagerFactory. */
    static KeyStore keyStore(List<X509Certificate> anchors) {
        try {
            var store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (var i = 0; i < anchors.size(); i++) {
                store.setCertificateEntry("anchor-" + i, anchors.get(i));
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot hold the trust anchors in a KeyStore: " + e.getMessage(), e);
        }
    }

    private static SSLContext context(List<X509Certificate> anchors) {
        try {
            var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(keyStore(anchors));
            var context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
