package dev.citadel.names;

import dev.citadel.value.Shown;

import java.util.Locale;

/**
 * Text from stack config that ends up inside another language (PromQL, alert templates, pgbouncer.ini,
 * postgresql.conf): no control or format character may reach it. Issue 23: Java's {@code .} stops at {@code \r}, so a
 * carriage return got past a regex check on outpost names and into a PromQL selector; a newline in a pgbouncer or
 * postgresql.conf value became a setting of its own.
 */
public final class PlainText {
    private PlainText() {
    }

    /** {@code value} when it holds no control, format or line-separator character; else one line naming the first. */
    public static String check(String field, String value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is not set");
        }
        for (var i = 0; i < value.length(); ) {
            var c = value.codePointAt(i);
            if (refused(c)) {
                throw new IllegalArgumentException(field + ": '" + Shown.cut(escaped(value)) + "' holds the control character "
                        + String.format(Locale.ROOT, "U+%04X", c) + " at position " + i + "; remove it (it would start a new "
                        + "line or token in what Citadel renders)");
            }
            i += Character.charCount(c);
        }
        return value;
    }

    private static boolean refused(int c) {
        var type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE || type == Character.UNASSIGNED;
    }

    /** The value with each control character as its escape, so an error about it prints on one line. */
    static String escaped(String value) {
        var out = new StringBuilder();
        value.codePoints().forEach(c -> {
            if (refused(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
