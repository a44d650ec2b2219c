package dev.citadel.verify;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.http.HttpConnectTimeoutException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The verifier's parts that need no IdP; the checks themselves run against Keycloak in KeycloakVerifyIT. */
class OidcVerifierTest {

    @Test
    void aRedirectPatternGivesTheUriKubeloginUses() {
        assertThat(Kubelogin.concreteRedirect("http://localhost:8000/*")).isEqualTo("http://localhost:8000");
        assertThat(Kubelogin.concreteRedirect("http://localhost:8000")).isEqualTo("http://localhost:8000");
        assertThat(Kubelogin.concreteRedirect("http://localhost:18000/callback")).isEqualTo("http://localhost:18000/callback");
        assertThat(Kubelogin.concreteRedirect("http://localhost:18000/cb/*")).isEqualTo("http://localhost:18000/cb/");
    }

    @Test
    void kubeloginsDefaultRedirectIsPreferredWhenAPatternCoversIt() {
        var contract = Tokens.contract();
        var other = new dev.citadel.identity.OidcContract(contract.issuerUrl(), "r", "kubernetes",
                List.of("http://localhost:18000/*", "http://localhost:8000/*"), contract.scopes(), "email", "", "groups", "",
                List.of("RS256"), Map.of(), List.of());
        var elsewhere = new dev.citadel.identity.OidcContract(contract.issuerUrl(), "r", "kubernetes",
                List.of("http://127.0.0.1:9999/*"), contract.scopes(), "email", "", "groups", "", List.of("RS256"), Map.of(), List.of());

        assertThat(new Kubelogin(other).redirect()).isEqualTo("http://localhost:8000");
        assertThat(new Kubelogin(elsewhere).redirect()).isEqualTo("http://127.0.0.1:9999");
    }

    static OidcVerifier verifier(dev.citadel.identity.OidcContract contract) {
        return new OidcVerifier(contract, OidcVerifier.Options.withoutLogin(Tls.trustingAlso(List.of())));
    }

    @Test
    void queriesAndFormsRoundTrip() {
        var form = IdpHttp.form(new java.util.LinkedHashMap<>(Map.of("redirect_uri", "http://localhost:8000")));

        assertThat(form).isEqualTo("redirect_uri=http%3A%2F%2Flocalhost%3A8000");
        assertThat(IdpHttp.query("http://localhost:8000/?state=s&code=a.b%2Bc&session_state=x#frag"))
                .containsEntry("code", "a.b+c").containsEntry("state", "s").containsEntry("session_state", "x");
        assertThat(IdpHttp.query("http://localhost:8000")).isEmpty();
    }

    @Test
    void networkFailuresBecomeAdvice() {
        assertThat(IdpHttp.describe(new ConnectException())).contains("connection refused");
        assertThat(IdpHttp.describe(new HttpConnectTimeoutException("x"))).contains("timed out");
        assertThat(IdpHttp.describe(new IOException("wrapped", new SSLHandshakeException("PKIX path building failed"))))
                .contains("does not lead to a CA this JDK trusts", "--ca-file");
        var handshake = new SSLHandshakeException("handshake");
        handshake.initCause(new java.security.cert.CertificateException("No subject alternative DNS name matching sso.test found."));
        assertThat(IdpHttp.describe(new IOException("x", handshake)))
                .isEqualTo("TLS failed (No subject alternative DNS name matching sso.test found.); if the IdP's certificate"
                        + " comes from a private CA, pass it with --ca-file");
        assertThat(IdpHttp.describe(new IOException(new java.net.UnknownHostException("sso.nowhere.test"))))
                .contains("unknown host sso.nowhere.test");
    }

    @Test
    void optionsNeverShowThePasswordAndALoginNeedsOne() {
        var options = OidcVerifier.Options.login("ada", "hunter2-secret", List.of("admin"), Tls.trustingAlso(List.of()));

        assertThat(options.toString()).contains("ada").doesNotContain("hunter2-secret");
        assertThatThrownBy(() -> OidcVerifier.Options.login("ada", "", List.of(), Tls.trustingAlso(List.of())))
                .hasMessageContaining("needs a password");
    }

    @Test
    void anUnreachableIssuerIsOneFailAndTheRestSkip() throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var c = Tokens.contract();
        var contract = new dev.citadel.identity.OidcContract("https://localhost:" + port + "/realms/x", "x", c.clientId(),
                c.redirectUris(), c.scopes(), c.usernameClaim(), c.usernamePrefix(), c.groupsClaim(), c.groupsPrefix(),
                c.signingAlgs(), c.bindings(), c.clientIds());
        var lines = new java.util.ArrayList<String>();
        var report = verifier(contract).run(r -> lines.add(r.line()));

        assertThat(lines.get(0)).startsWith("FAIL discovery: cannot reach https://localhost:" + port).contains("connection refused");
        assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(l).startsWith("SKIP "));
        assertThat(lines).contains("SKIP client grafana: no discovery document (see discovery)");
        assertThat(report.summary()).isEqualTo("verify: FAILED, 0 passed, 1 failed, 5 skipped");
    }

    @Test
    void aResultIsOneLine() {
        assertThat(CheckResult.fail("x", "first\n  second").line()).isEqualTo("FAIL x: first second");
        assertThat(new Report(List.of(CheckResult.pass("a", "ok"), CheckResult.skip("b", "no"))).summary())
                .isEqualTo("verify: OK, 1 passed, 0 failed, 1 skipped");
    }
}
