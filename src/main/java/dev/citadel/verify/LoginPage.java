package dev.citadel.verify;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code citadel verify} reads from an IdP's HTML page: the login form (its action and hidden fields),
 * or the error the page shows. Parsed by jsoup as a browser would (attributes in any order and quoting,
 * entities, comments, unclosed tags), so an odd but valid page is never misread into posting the password to
 * the wrong place. Keycloak's pages mark themselves with {@code data-page-id} ({@code login-login},
 * {@code login-error}, ...); other IdPs' pages work through the form alone.
 */
public final class LoginPage {
    /** Where Keycloak's themes put a message: the field error, the error page's text, the feedback alert. */
    private static final String MESSAGE = String.join(", ",
            "span[id^=input-error], div[id^=input-error], p[id^=input-error]",
            "span#kc-error-message, div#kc-error-message, p#kc-error-message",
            "span[class*=kc-feedback-text], div[class*=kc-feedback-text], p[class*=kc-feedback-text]",
            "span[class*=instruction], div[class*=instruction], p[class*=instruction]",
            "span[class*=alert-error], div[class*=alert-error], p[class*=alert-error]");

    private final String action;
    private final Map<String, String> hiddenFields;
    private final String title;
    private final String pageId;
    private final Optional<String> message;

    private LoginPage(String action, Map<String, String> hiddenFields, String title, String pageId, Optional<String> message) {
        this.action = action;
        this.hiddenFields = hiddenFields;
        this.title = title;
        this.pageId = pageId;
        this.message = message;
    }

    public static LoginPage parse(String html) {
        Document page = Jsoup.parse(html);
        String action = null;
        var hidden = new LinkedHashMap<String, String>();
        for (Element form : page.select("form")) {
            var hasPassword = false;
            var fields = new LinkedHashMap<String, String>();
            for (Element input : form.select("input")) {
                var type = input.hasAttr("type") ? input.attr("type").toLowerCase(Locale.ROOT) : "text";
                if (type.equals("password")) {
                    hasPassword = true;
                } else if (type.equals("hidden") && input.hasAttr("name")) {
                    fields.put(input.attr("name"), input.attr("value"));
                }
            }
            if (hasPassword || form.id().equals("kc-form-login")) {
                action = form.attr("action");
                hidden = fields;
                break;
            }
        }
        var pageId = page.selectFirst("[data-page-id]");
        var message = page.select(MESSAGE).stream().map(Element::text).filter(t -> !t.isBlank()).findFirst();
        return new LoginPage(action, hidden, page.title().strip(), pageId == null ? "" : pageId.attr("data-page-id"), message);
    }

    /** Tags stripped, entities decoded, whitespace collapsed. */
    static String text(String html) {
        return Jsoup.parseBodyFragment(html).text();
    }

    /** Whether the page holds a login form (a form with a password field). */
    public boolean hasLoginForm() {
        return action != null;
    }

    /** The login form's action, entities decoded; empty when there is no form. */
    public Optional<String> action() {
        return Optional.ofNullable(action);
    }

    /** The login form's hidden fields, to post back with the credentials. */
    public Map<String, String> hiddenFields() {
        return Collections.unmodifiableMap(hiddenFields);
    }

    public String title() {
        return title;
    }

    /** Keycloak's {@code data-page-id} ({@code login-login}, {@code login-error}, ...), or empty. */
    public String pageId() {
        return pageId;
    }

    /** The first error or feedback message the page shows. */
    public Optional<String> message() {
        return message;
    }
}
