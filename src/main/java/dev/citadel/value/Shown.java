package dev.citadel.value;

import java.util.Collection;
import java.util.Locale;

/**
 * How a value Citadel did not write is shown in one line of output: an error echoing what the user gave, or text a
 * server sent. A 10,000-character secret name came back whole in a 10,000-character error, a hostile server's 1 MB
 * message was printed whole, and one that echoed the password got it printed (issue 23): values are cut to a readable
 * length with their size, and every secret the client holds is replaced before anything is cut or printed.
 */
public final class Shown {
    /** Characters of a value kept in an error line. */
    public static final int VALUE_CHARS = 80;
    /** Characters of a server's message kept in a check line. */
    public static final int SERVER_CHARS = 300;
    static final String REDACTED = "[redacted]";

    private Shown() {
    }

    /** {@code value} when it is at most {@value #VALUE_CHARS} characters, else its start, "…" and its size. */
    public static String cut(String value) {
        return cut(value, VALUE_CHARS);
    }

    public static String cut(String value, int max) {
        if (value == null) {
            return "null";
        }
        value = oneLine(value);
        if (value.length() <= max) {
            return value;
        }
        var end = max;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + "… (" + String.format(Locale.ROOT, "%,d", value.length()) + " characters)";
    }

    /** Control, format and line-separator characters as {@code \\uXXXX}: an echoed value cannot break or redraw the line. */
    static String oneLine(String value) {
        var out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            var type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /**
     * A server's text on one line: each of {@code secrets} (the passwords this client holds) replaced by
     * {@value #REDACTED} first, line breaks folded, then cut to {@value #SERVER_CHARS} characters.
     */
    public static String fromServer(String text, Collection<String> secrets) {
        var out = text == null ? "no message" : text;
        for (var secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                out = out.replace(secret, REDACTED);
            }
        }
        return cut(out.replaceAll("\\s*\\R\\s*", " ").strip(), SERVER_CHARS);
    }
}
