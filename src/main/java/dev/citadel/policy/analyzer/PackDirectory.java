package dev.citadel.policy.analyzer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The policy pack as a directory a stock Pulumi CLI takes with {@code --policy-pack}, for a stack outside this repository:
 * the files of this repository's {@code policies/} (packaged into the jar by the build, so there is one copy of them) with
 * the launcher pointing at a given {@code citadel.jar} instead of {@code ../target/citadel.jar}.
 */
public final class PackDirectory {
    /** The launcher, the executable pack {@code pulumi preview --policy-pack DIR/citadel-policy-pack} runs. */
    public static final String LAUNCHER = "citadel-policy-pack";
    /** The files of a pack, as in {@code policies/}; the last two serve {@code --policy-pack DIR} (runtime java). */
    static final List<String> FILES = List.of("PulumiPolicy.yaml", LAUNCHER, "gradlew", "settings.gradle");
    /** Where {@code policies/citadel-policy-pack} looks for the jar: the repository's build output. */
    static final String REPOSITORY_JAR = "$here/../target/citadel.jar";
    private static final String RESOURCES = "/dev/citadel/policy/pack/";

    private PackDirectory() {
    }

    /**
     * Writes the pack into {@code dir} (created if missing; the pack's own files overwritten, nothing else touched).
     *
     * @param jar the runnable citadel.jar the launcher starts the analyzer from
     */
    public static void write(Path dir, Path jar) throws IOException {
        Files.createDirectories(dir);
        for (var name : FILES) {
            var text = resource(name);
            if (name.equals(LAUNCHER)) {
                if (!text.contains(REPOSITORY_JAR)) {
                    throw new IllegalStateException("the packaged launcher no longer names " + REPOSITORY_JAR);
                }
                text = text.replace(REPOSITORY_JAR, shellQuoted(jar.toAbsolutePath().normalize().toString()));
            }
            var file = dir.resolve(name);
            Files.writeString(file, text, StandardCharsets.UTF_8);
            if (!name.endsWith(".yaml") && !name.endsWith(".gradle")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    /** Inside the launcher's double quotes a path is taken literally only with these four escaped. */
    private static String shellQuoted(String path) {
        return path.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`");
    }

    /** A file of the repository's {@code policies/} as the jar carries it. */
    static String resource(String name) throws IOException {
        try (InputStream in = PackDirectory.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("policies/" + name + " is not in the jar; build it with mvn package");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
