package dev.citadel.verify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code citadel verify} reads from an IdP's HTML page: the login form (its action and hidden fields),
 * or the error the page shows. Tolerant on purpose: only the form with a password field, attributes in any
 * order and quoting, entities decoded. Keycloak's pages mark themselves with {@code data-page-id}
 * ({@code login-login}, {@code login-error}, ...); other IdPs' pages work through the form alone.
 */
public final class LoginPage {
    private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form\\s*>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "([a-zA-Z_:][-a-zA-Z0-9_:.]*)\\s*(?:=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+)))?");
    private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title\\s*>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern PAGE_ID = Pattern.compile("data-page-id\\s*=\\s*[\"']([^\"']*)[\"']", Pattern.CASE_INSENSITIVE);
    /** Where Keycloak's themes put a message: the field error, the error page's text, the feedback alert. */
    private static final Pattern MESSAGE = Pattern.compile(
            "<(span|div|p)\\b[^>]*(?:id\\s*=\\s*[\"'](?:input-error[^\"']*|kc-error-message)[\"']"
                    + "|class\\s*=\\s*[\"'][^\"']*(?:kc-feedback-text|instruction|alert-error)[^\"']*[\"'])[^>]*>(.*?)</\\1\\s*>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

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
        String action = null;
        var hidden = new LinkedHashMap<String, String>();
        var forms = FORM.matcher(html);
        while (forms.find()) {
            var formAttributes = attributes(forms.group(1));
            var body = forms.group(2);
            var inputs = INPUT.matcher(body);
            var hasPassword = false;
            var fields = new LinkedHashMap<String, String>();
            while (inputs.find()) {
                var a = attributes(inputs.group(1));
                var type = a.getOrDefault("type", "text").toLowerCase(java.util.Locale.ROOT);
                if (type.equals("password")) {
                    hasPassword = true;
                } else if (type.equals("hidden") && a.containsKey("name")) {
                    fields.put(a.get("name"), a.getOrDefault("value", ""));
                }
            }
            if (hasPassword || "kc-form-login".equals(formAttributes.get("id"))) {
                action = formAttributes.getOrDefault("action", "");
                hidden = fields;
                break;
            }
        }
        var title = TITLE.matcher(html);
        var pageId = PAGE_ID.matcher(html);
        var message = Optional.<String>empty();
        var messages = MESSAGE.matcher(html);
        while (messages.find() && message.isEmpty()) {
            message = Optional.of(text(messages.group(2))).filter(s -> !s.isEmpty());
        }
        return new LoginPage(action, hidden, title.find() ? text(title.group(1)) : "",
                pageId.find() ? pageId.group(1) : "", message);
    }

    private static Map<String, String> attributes(String tag) {
        var out = new LinkedHashMap<String, String>();
        Matcher m = ATTRIBUTE.matcher(tag);
        while (m.find()) {
            var value = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4) != null ? m.group(4) : "";
            out.putIfAbsent(m.group(1).toLowerCase(java.util.Locale.ROOT), decode(value));
        }
        return out;
    }

    /** Tags stripped, entities decoded, whitespace collapsed. */
    static String text(String html) {
        return decode(html.replaceAll("(?s)<!--.*?-->", "").replaceAll("<[^>]*>", " ")).replaceAll("\\s+", " ").strip();
    }

    /** A numeric entity as text; one that names no character (too large, a surrogate) becomes U+FFFD, as browsers do. */
    private static String codePoint(String digits, int radix) {
        try {
            var cp = Integer.parseInt(digits, radix);
            return Character.isValidCodePoint(cp) && !(cp >= 0xD800 && cp <= 0xDFFF) ? new String(Character.toChars(cp)) : "\uFFFD";
        } catch (NumberFormatException e) {
            return "\uFFFD";
        }
    }

    static String decode(String s) {
        var m = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|amp|lt|gt|quot|apos|nbsp);").matcher(s);
        var out = new StringBuilder();
        while (m.find()) {
            var e = m.group(1);
            String r;
            if (e.startsWith("#")) {
                r = codePoint(e.startsWith("#x") || e.startsWith("#X") ? e.substring(2) : e.substring(1),
                        e.startsWith("#x") || e.startsWith("#X") ? 16 : 10);
            } else {
                r = switch (e) {
                    case "amp" -> "&";
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "quot" -> "\"";
                    case "apos" -> "'";
                    default -> " ";
                };
            }
            m.appendReplacement(out, Matcher.quoteReplacement(r));
        }
        m.appendTail(out);
        return out.toString();
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
        return java.util.Collections.unmodifiableMap(hiddenFields);
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
