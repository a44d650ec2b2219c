package dev.citadel.authentik;

/** authentik's timedelta strings ({@code weeks=4}, {@code hours=1;minutes=30}). */
final class Durations {
    private static final String PART = "(weeks|days|hours|minutes|seconds|microseconds|milliseconds)=\\d+(\\.\\d+)?";

    private Durations() {
    }

    static String require(String field, String value) {
        if (value == null || !value.matches(PART + "(;" + PART + ")*")) {
            throw new IllegalArgumentException(field + " is '" + value + "', which authentik cannot parse; write e.g. weeks=4 "
                    + "or hours=1;minutes=30");
        }
        return value;
    }
}
