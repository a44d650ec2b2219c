package dev.citadel.config;


import java.util.HashMap;
import java.util.Map;

/**
 * The names of one list setting: each entry's name becomes its component's name. An empty name failed inside the SDK's
 * resource constructor (and hung the plan), and two entries of one name are one URN twice, which {@code pulumi up}
 * rejects only after the plan looked fine. Refused here, naming the line (and both lines).
 */
public final class UniqueNames {
    private final String what;
    private final String example;
    private final Map<String, String> paths = new HashMap<>();

    /** @param what the entries' kind, for the message ("secret", "database"); {@code example} a good name for one */
    public UniqueNames(String what, String example) {
        this.what = what;
        this.example = example;
    }

    public void claim(String path, String name) {
        if (name.isBlank()) {
            throw new ConfigException(path + " is empty; give every " + what + " a name, e.g. '" + example + "'");
        }
        if (!name.strip().equals(name) || name.chars().anyMatch(Character::isISOControl)) {
            throw new ConfigException(path + ": '" + dev.citadel.config.Plain.shown(name.strip())
                    + "' has surrounding spaces or control characters; write e.g. '" + example + "'");
        }
        var first = paths.putIfAbsent(name, path);
        if (first != null) {
            throw new ConfigException(path + ": '" + name + "' is also " + first + "; every " + what + " needs its own name "
                    + "(it names the " + what + "'s resources, and one URN twice is rejected by pulumi up)");
        }
    }
}
