package dev.citadel.cli;

import dev.citadel.policy.analyzer.PackDirectory;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code citadel policies --write-pack DIR}: the pack for a stack outside this repository, started from this jar. */
final class PackWriting {
    private PackWriting() {
    }

    static int write(Path dir, PrintWriter out, PrintWriter err) {
        Path jar;
        try {
            jar = Path.of(PackWriting.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            jar = null;
        }
        if (jar == null || !Files.isRegularFile(jar)) {
            // From a classes directory (an IDE, the tests) there is no jar a launcher could start.
            err.println("citadel: --write-pack writes a pack that starts citadel.jar; run it as java -jar citadel.jar policies --write-pack " + dir);
            return ExitCodes.ERROR;
        }
        try {
            PackDirectory.write(dir, jar);
        } catch (IOException | UnsupportedOperationException e) {
            err.println("citadel: cannot write the pack to " + dir + ": " + Main.oneLine(e));
            return ExitCodes.ERROR;
        }
        out.println("wrote the policy pack to " + dir + " (starts " + jar + "); use it with pulumi preview --policy-pack "
                + dir.resolve(PackDirectory.LAUNCHER));
        out.flush();
        return ExitCodes.CLEAN;
    }
}
