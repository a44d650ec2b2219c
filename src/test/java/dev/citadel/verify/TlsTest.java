package dev.citadel.verify;

import org.junit.jupiter.api.Test;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** --ca-file: the JDK's anchors and the file's in one KeyStore, judged by the JDK's own PKIX trust manager. */
class TlsTest {

    static X509TrustManager pkix(KeyStore store) throws Exception {
        var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }

    @Test
    void theKeyStoreHoldsTheJdksAnchorsAndTheCaFile() throws Exception {
        var jdk = Tls.defaultAnchors();
        var ca = jdk.get(0);
        var anchors = new ArrayList<>(jdk.subList(1, jdk.size()));

        var withoutCa = pkix(Tls.keyStore(anchors));
        anchors.add(ca);
        var withCa = pkix(Tls.keyStore(anchors));

        assertThat(jdk).isNotEmpty();
        assertThat(List.of(withCa.getAcceptedIssuers())).containsAll(jdk);
        // A self-signed anchor as the whole chain: trusted exactly when it is in the one store.
        X509Certificate[] chain = {ca};
        withCa.checkServerTrusted(chain, "RSA");
        assertThatThrownBy(() -> withoutCa.checkServerTrusted(chain, "RSA")).isInstanceOf(CertificateException.class);
    }
}
