package dev.citadel.verify;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
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
import java.util.List;

/** TLS trust for talking to an IdP: the JDK's CAs, plus (or only) certificates from a PEM file. */
public final class Tls {
    private Tls() {
    }

    /** Every certificate in a PEM file; a file without one is an error naming the file. */
    public static List<X509Certificate> readPem(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
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
        return context(List.of(trustManager(certificates)));
    }

    /** Trusts the JDK's CAs and {@code extra}. */
    public static SSLContext trustingAlso(List<X509Certificate> extra) {
        return context(List.of(trustManager(null), trustManager(extra)));
    }

    private static X509TrustManager trustManager(List<X509Certificate> certificates) {
        try {
            var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (certificates == null) {
                factory.init((KeyStore) null);
            } else {
                var store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                for (var i = 0; i < certificates.size(); i++) {
                    store.setCertificateEntry("ca-" + i, certificates.get(i));
                }
                factory.init(store);
            }
            for (TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the JDK has no X.509 trust manager");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS trust: " + e, e);
        }
    }

    private static SSLContext context(List<X509TrustManager> managers) {
        X509TrustManager any = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                check(chain, authType, true);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                check(chain, authType, false);
            }

            private void check(X509Certificate[] chain, String authType, boolean client) throws CertificateException {
                CertificateException first = null;
                for (var m : managers) {
                    try {
                        if (client) {
                            m.checkClientTrusted(chain, authType);
                        } else {
                            m.checkServerTrusted(chain, authType);
                        }
                        return;
                    } catch (CertificateException e) {
                        first = first == null ? e : first;
                    }
                }
                throw first;
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return managers.stream().flatMap(m -> java.util.Arrays.stream(m.getAcceptedIssuers())).toArray(X509Certificate[]::new);
            }
        };
        try {
            var context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{managers.size() == 1 ? managers.get(0) : any}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e, e);
        }
    }
}
