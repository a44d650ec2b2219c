package dev.citadel.verify;

/**
 * One smoke check's verdict, printed as one line: {@code PASS <check>: <detail>}. A FAIL's detail says what is
 * wrong and the fix; a SKIP's says which earlier failure (or missing option) made the check impossible. Details
 * never hold a password or a token.
 */
public record CheckResult(Status status, String check, String detail) {

    /**
     * Details quote the IdP (page messages, errors, issuers, claims): an ANSI escape in one redrew a FAIL line
     * as a PASS on the terminal. Every control and format character (ESC, CR, BEL, bidi overrides) is
     * printed as its {@code \\u} escape (four hex digits); line breaks fold to a space first, so the line stays one line.
     */
    public CheckResult {
        detail = escape(detail == null ? "" : detail.strip().replaceAll("\\s*\\R\\s*", " "));
    }

    static String escape(String text) {
        var out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            var type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    public enum Status { PASS, FAIL, SKIP }

    public static CheckResult pass(String check, String detail) {
        return new CheckResult(Status.PASS, check, detail);
    }

    public static CheckResult fail(String check, String detail) {
        return new CheckResult(Status.FAIL, check, detail);
    }

    public static CheckResult skip(String check, String detail) {
        return new CheckResult(Status.SKIP, check, detail);
    }

    public boolean failed() {
        return status == Status.FAIL;
    }

    /** The printed line (one line: newlines in a detail are folded). */
    public String line() {
        return status + " " + check + ": " + detail.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
