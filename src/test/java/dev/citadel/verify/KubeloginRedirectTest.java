package dev.citadel.verify;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** kubelogin's listener is one host and one port: a prefix match took look-alike hosts for it. */
class KubeloginRedirectTest {
    @Test
    void onlyKubeloginsOwnHostAndPortAreItsRedirect() {
        assertThat(Kubelogin.isRedirect(URI.create("http://localhost:8000?code=c&state=s"), Kubelogin.REDIRECT)).isTrue();
        assertThat(Kubelogin.isRedirect(URI.create("http://localhost:8000/?code=c&state=s"), Kubelogin.REDIRECT)).isTrue();
        assertThat(Kubelogin.isRedirect(URI.create("http://LOCALHOST:8000/?code=c"), Kubelogin.REDIRECT)).isTrue();

        assertThat(Kubelogin.isRedirect(URI.create("http://localhost:8000.evil.example/?code=c"), Kubelogin.REDIRECT)).isFalse();
        assertThat(Kubelogin.isRedirect(URI.create("http://localhost:80001/?code=c"), Kubelogin.REDIRECT)).isFalse();
        assertThat(Kubelogin.isRedirect(URI.create("http://localhost:8000@evil.example/?code=c"), Kubelogin.REDIRECT)).isFalse();
        assertThat(Kubelogin.isRedirect(URI.create("https://localhost:8000/?code=c"), Kubelogin.REDIRECT)).isFalse();
        assertThat(Kubelogin.isRedirect(URI.create("http://localhost:8000/elsewhere?code=c"), Kubelogin.REDIRECT)).isFalse();
    }
}
