package dev.citadel.stack;

import java.util.HashMap;
import java.util.Map;

/**
 * The names of one list setting: each entry's name becomes its component's name, and two entries of one name are one
 * URN twice, which {@code pulumi up} rejects only after the plan looked fine. Refused here, naming both lines.
 */
final class UniqueNames {
    private final String what;
    private final Map<String, String> paths = new HashMap<>();

    /** @param what the entries' kind, for the message ("secret", "database") */
    UniqueNames(String what) {
        this.what = what;
    }

    void claim(String path, String name) {
        var first = paths.putIfAbsent(name, path);
        if (first != null) {
            throw new ConfigException(path + ": '" + name + "' is also " + first + "; every " + what + " needs its own name "
                    + "(it names the " + what + "'s resources, and one URN twice is rejected by pulumi up)");
        }
    }
}
