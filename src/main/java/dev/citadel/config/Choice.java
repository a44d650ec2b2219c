package dev.citadel.config;

import java.util.Arrays;
import java.util.Locale;

/** A setting that names one constant of a closed choice, written in lower case ({@code mode: session}). */
public final class Choice {
    private Choice() {
    }

    public static <E extends Enum<E>> E of(Inputs owner, String key, String raw, Class<E> type) {
        for (var e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(raw)) {
                return e;
            }
        }
        var allowed = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
        throw owner.fail(key, ": '" + Plain.shown(raw) + "' is not one of " + allowed);
    }
}
