package dev.citadel.identity.keycloak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a JDK that can run Keycloak 26 (Java >= 21) while the build itself runs on 17: {@code
 * CITADEL_KEYCLOAK_JAVA_HOME} first (it must be >= 21), then {@code JAVA_HOME} if it is >= 21, then the newest
 * JDK under {@code /usr/lib/jvm}. A JDK is a directory with {@code bin/java} and a {@code release} file naming
 * its {@code JAVA_VERSION}.
 */
public final class JavaHomes {
    public static final int REQUIRED = 21;
    public static final String ENV = "CITADEL_KEYCLOAK_JAVA_HOME";
    private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"?([^\"\\s]+)\"?");

    /** One JDK found: where, and its feature version (17, 21, 25). */
    public record Jdk(Path home, int feature) {
    }

    private JavaHomes() {
    }

    /** The JDK for Keycloak on this machine, from the real environment. */
    public static Jdk forKeycloak() {
        return find(System.getenv(), Path.of("/usr/lib/jvm"));
    }

    /** The JDK for Keycloak given an environment and a directory of installed JDKs; fails naming what was found. */
    public static Jdk find(Map<String, String> env, Path installed) {
        var seen = new ArrayList<String>();
        var explicit = env.get(ENV);
        if (explicit != null && !explicit.isBlank()) {
            var jdk = inspect(Path.of(explicit));
            if (jdk.isPresent() && jdk.get().feature() >= REQUIRED) {
                return jdk.get();
            }
            throw new IllegalStateException(ENV + "=" + explicit + " is " + jdk.map(j -> "Java " + j.feature())
                    .orElse("not a JDK (no bin/java and release file)") + "; Keycloak 26 needs Java >= " + REQUIRED
                    + ": point " + ENV + " at a JDK " + REQUIRED + " or newer");
        }
        var javaHome = env.get("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            var jdk = inspect(Path.of(javaHome));
            if (jdk.isPresent() && jdk.get().feature() >= REQUIRED) {
                return jdk.get();
            }
            seen.add("JAVA_HOME " + javaHome + " (" + jdk.map(j -> "Java " + j.feature()).orElse("not a JDK") + ")");
        }
        var candidates = new ArrayList<Jdk>();
        if (Files.isDirectory(installed)) {
            try (Stream<Path> dirs = Files.list(installed)) {
                dirs.sorted().forEach(d -> inspect(d).ifPresent(candidates::add));
            } catch (IOException e) {
                seen.add("cannot list " + installed + ": " + e.getMessage());
            }
        }
        candidates.forEach(j -> seen.add(j.home() + " (Java " + j.feature() + ")"));
        return candidates.stream().filter(j -> j.feature() >= REQUIRED)
                .max(Comparator.comparingInt(Jdk::feature).thenComparing(j -> j.home().toString()))
                .orElseThrow(() -> new IllegalStateException("Keycloak 26 needs Java >= " + REQUIRED + ", found "
                        + (seen.isEmpty() ? "no JDK (" + ENV + " and JAVA_HOME unset, nothing under " + installed + ")" : String.join(", ", seen))
                        + "; install one and/or set " + ENV + " to its home (e.g. " + ENV + "=/usr/lib/jvm/temurin-25-jdk-amd64)"));
    }

    /** The JDK at {@code home}, if it has {@code bin/java} and a readable {@code JAVA_VERSION}. */
    public static Optional<Jdk> inspect(Path home) {
        var release = home.resolve("release");
        if (!Files.isRegularFile(home.resolve("bin/java")) || !Files.isRegularFile(release)) {
            return Optional.empty();
        }
        try {
            var m = VERSION.matcher(Files.readString(release));
            return m.find() ? feature(m.group(1)).map(f -> new Jdk(home.toAbsolutePath(), f)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@code 25.0.3} is 25, {@code 21} is 21, {@code 1.8.0_402} is 8. */
    static Optional<Integer> feature(String version) {
        var parts = version.split("[._+-]");
        try {
            var first = Integer.parseInt(parts[0]);
            return Optional.of(first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
