package dev.citadel.plan;

import dev.citadel.runtime.HostedProgram;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Why a program run in its own JVM failed, as one line: the program's own message, never the exception's class or
 * stack trace the SDK logged with it (users read the class name as the message, and it says nothing they can fix).
 */
final class MainFailure {
    /** {@code java.lang.IllegalArgumentException: namespace is empty}: the class, then the message. */
    private static final Pattern THROWN = Pattern.compile("^(?:Caused by: )?([\\w$]+(?:\\.[\\w$]+)+): (.+)$", Pattern.MULTILINE);

    /** The SDK's words for {@code requireOutput} of an output the other stack does not have. */
    private static final Pattern MISSING_OUTPUT = Pattern.compile("Required output '(.*)' does not exist on stack '(.*)'");

    private MainFailure() {
    }

    /** Empty when the program ran to the end; otherwise the failure, an IllegalArgumentException when the input was at fault. */
    static Optional<RuntimeException> of(HostedProgram.Launch launch, HostedProgram.Result result) {
        if (result.timedOut()) {
            return Optional.of(new IllegalArgumentException(launch.mainClass() + " did not finish within "
                    + launch.deadline().toSeconds() + " s: a program that waits on something an offline plan never answers (a network "
                    + "call, an Output that never resolves) stops here; remove the wait, or raise --timeout"));
        }
        if (result.exitCode() == 0) {
            return Optional.empty();
        }
        // The first thrown line is the program's own failure; later ones are the SDK's wrappers of it.
        for (var error : result.errors()) {
            var thrown = THROWN.matcher(error);
            var innermost = (String) null;
            var userError = false;
            while (thrown.find()) {
                innermost = thrown.group(2).strip();
                userError = thrown.group(1).equals(IllegalArgumentException.class.getName());
            }
            if (innermost != null) {
                return Optional.of(userError ? new IllegalArgumentException(innermost) : new IllegalStateException(innermost));
            }
        }
        var missingOutput = result.errors().stream().map(MISSING_OUTPUT::matcher).filter(java.util.regex.Matcher::find).findFirst();
        if (missingOutput.isPresent()) {
            var m = missingOutput.get();
            return Optional.of(new IllegalArgumentException("StackReference '" + m.group(2) + "' has no output '" + m.group(1)
                    + "' in its --stack-outputs file; write the file again with pulumi stack output --stack " + m.group(2) + " --json"));
        }
        var said = result.errors().isEmpty() ? firstLine(result.output()) : firstLine(result.errors().get(0));
        return Optional.of(new IllegalStateException(launch.mainClass() + " exited with code " + result.exitCode()
                + (said.isEmpty() ? " without saying why" : ": " + said)));
    }

    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("").strip();
    }
}
