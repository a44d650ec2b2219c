package dev.citadel.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Version strings of charts and image tags, compared the way people read them: numerically, segment by
 * segment ({@code 2026.2.2 < 2026.2.4 < 2026.10.0}), a leading {@code v} ignored. A pre-release
 * ({@code -rc1}, {@code -beta.2}, {@code -dev}) sorts before its release; any other suffix is a build
 * variant ({@code 26.1.1-debian-12-r0}, {@code 1.2-alpine}) and does not change the order. The component refusing a
 * pin below the live tag and {@code no-image-downgrade} judge with this one comparison, so they cannot disagree on
 * which tag is older (seed 001).
 */
public final class Versions {

    /** A parsed version: the numeric core and, for a pre-release, its identifiers. */
    public record Version(List<Long> core, List<String> preRelease) {
    }

    private static final Pattern SHAPE = Pattern.compile("[vV]?(\\d+(?:\\.\\d+)*)([-+._].*)?");
    private static final Pattern PRE_RELEASE = Pattern.compile(
            "(?i)[-._]?(alpha|beta|rc|pre|preview|dev|snapshot|nightly|m\\d|a\\d|b\\d).*");

    private Versions() {
    }

    /** The version, or empty when the text is not one ({@code latest}, {@code stable}, a branch name). */
    public static Optional<Version> parse(String text) {
        var m = SHAPE.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        var core = new ArrayList<Long>();
        for (var part : m.group(1).split("\\.")) {
            if (part.length() > 18) {
                return Optional.empty();
            }
            core.add(Long.parseLong(part));
        }
        var suffix = m.group(2) == null ? "" : m.group(2);
        List<String> pre = List.of();
        if (!suffix.startsWith("+") && PRE_RELEASE.matcher(suffix).matches()) {
            var body = suffix.replaceFirst("^[-._]", "");
            var plus = body.indexOf('+');
            pre = List.of((plus < 0 ? body : body.substring(0, plus)).toLowerCase(Locale.ROOT).split("[.-]"));
        }
        return Optional.of(new Version(List.copyOf(core), pre));
    }

    /** Negative, zero or positive as {@code a} is older than, the same as or newer than {@code b}. */
    public static int compare(Version a, Version b) {
        for (int i = 0; i < Math.max(a.core().size(), b.core().size()); i++) {
            long x = i < a.core().size() ? a.core().get(i) : 0L;
            long y = i < b.core().size() ? b.core().get(i) : 0L;
            if (x != y) {
                return Long.compare(x, y);
            }
        }
        if (a.preRelease().isEmpty() || b.preRelease().isEmpty()) {
            return Boolean.compare(a.preRelease().isEmpty(), b.preRelease().isEmpty());
        }
        for (int i = 0; i < Math.min(a.preRelease().size(), b.preRelease().size()); i++) {
            var c = compareIdentifier(a.preRelease().get(i), b.preRelease().get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.preRelease().size(), b.preRelease().size());
    }

    /** True when both are versions and {@code version} is older than {@code floor}; empty when either is not a version. */
    public static Optional<Boolean> isBelow(String version, String floor) {
        var v = parse(version);
        var f = parse(floor);
        if (v.isEmpty() || f.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(compare(v.get(), f.get()) < 0);
    }

    private static int compareIdentifier(String x, String y) {
        var xn = x.matches("\\d{1,18}");
        var yn = y.matches("\\d{1,18}");
        if (xn && yn) {
            return Long.compare(Long.parseLong(x), Long.parseLong(y));
        }
        if (xn != yn) {
            return xn ? -1 : 1;
        }
        // rc3 vs rc10: compare the letters, then the number that follows them.
        var xm = Pattern.compile("([a-z]*)(\\d{1,18})").matcher(x);
        var ym = Pattern.compile("([a-z]*)(\\d{1,18})").matcher(y);
        if (xm.matches() && ym.matches() && xm.group(1).equals(ym.group(1))) {
            return Long.compare(Long.parseLong(xm.group(2)), Long.parseLong(ym.group(2)));
        }
        return x.compareTo(y);
    }
}
