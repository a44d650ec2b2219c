package dev.citadel.verify;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LoginPageTest {

    static String page(String name) throws IOException {
        try (var in = LoginPageTest.class.getResourceAsStream("/verify/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void findsTheFormWithThePasswordFieldAndItsHiddenFields() throws IOException {
        var page = LoginPage.parse(page("login-page.html"));

        assertThat(page.hasLoginForm()).isTrue();
        assertThat(page.action()).contains("https://localhost:8443/realms/citadel-test/login-actions/authenticate"
                + "?session_code=abc&execution=e-1&client_id=kubernetes&tab_id=t1");
        assertThat(page.hiddenFields()).isEqualTo(Map.of("credentialId", "", "note", "a \"quoted\" & AB"));
        assertThat(page.pageId()).isEqualTo("login-login");
        assertThat(page.title()).isEqualTo("Sign in to citadel-test");
        assertThat(page.message()).isEmpty();
    }

    @Test
    void readsTheFieldErrorOfARejectedLogin() throws IOException {
        var page = LoginPage.parse(page("login-page-wrong-password.html"));

        assertThat(page.hasLoginForm()).isTrue();
        assertThat(page.action()).contains("/realms/citadel-test/login-actions/authenticate?session_code=def");
        assertThat(page.message()).contains("Invalid username or password.");
    }

    @Test
    void anErrorPageHasNoFormAndSaysWhy() throws IOException {
        var page = LoginPage.parse(page("error-page.html"));

        assertThat(page.hasLoginForm()).isFalse();
        assertThat(page.action()).isEmpty();
        assertThat(page.pageId()).isEqualTo("login-error");
        assertThat(page.message()).contains("Client not found.");
    }

    /** A regex sees a form in a comment or a script; a browser, and so the login, posts only the real one. */
    @Test
    void aFormInACommentOrAScriptIsNotTheLoginForm() {
        var page = LoginPage.parse("<html><body><!-- <form action=\"https://old.example.test/login\"><input type=password></form> -->"
                + "<script>var f = '<form action=\"https://evil.example.test\"><input type=password name=p></form>';</script>"
                + "<form id=login action='/realms/r/authenticate?a=1&amp;b=2' data-note='a > b'><input type=PASSWORD name=password>"
                + "<input type=hidden name=tab_id value=t9></form></body></html>");

        assertThat(page.action()).contains("/realms/r/authenticate?a=1&b=2");
        assertThat(page.hiddenFields()).isEqualTo(Map.of("tab_id", "t9"));
    }

    @Test
    void textIsDecodedAndCollapsed() {
        assertThat(LoginPage.text(" <b>a</b>\n &lt;b&gt; &#39;c&#39; <!-- x --> ")).isEqualTo("a <b> 'c'");
    }

    /**
     * The hardening issue: a 180 KB login page of repeated {@code <form>} took 21 s through the old regex parser
     * (quadratic). jsoup reads it in one pass; the bound is generous for a loaded CI box, the old cost was not.
     */
    @Test
    void a180KbPageOfRepeatedFormsIsReadInLinearTime() {
        var html = new StringBuilder("<html><body>");
        while (html.length() < 180_000) {
            html.append("<form action=\"https://idp.example/x\"><input type=\"hidden\" name=\"a\" value=\"b\">");
        }
        html.append("<form action=\"https://idp.example/login\"><input name=\"username\"><input type=\"password\" name=\"password\"></form>");
        var page = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
                () -> LoginPage.parse(html.toString()));
        assertThat(page.hasLoginForm()).isTrue();
    }
}
