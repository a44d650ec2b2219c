package dev.citadel.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the {@code citadel} CLI in-process, as a user would from a shell, and keeps what it printed. */
final class Cli {

    /** What one run showed the user. */
    record Result(int exitCode, String out, String err) {

        /**
         * A mistake of the user's: exit code 2, nothing on stdout, and exactly one line on stderr, with
         * no stack trace, that contains every one of {@code mentions} (the field, the value, the fix).
         */
        Result isOneLineUserError(String... mentions) {
            assertThat(exitCode).as("exit code; stderr was: %s", err).isEqualTo(ExitCodes.ERROR);
            assertThat(out).as("stdout of a failed plan").isEmpty();
            assertThat(err.lines().toList()).as("stderr lines").hasSize(1);
            assertThat(err).as("stderr")
                    .startsWith("citadel: ")
                    .doesNotContain("\tat ", "Exception", "Caused by")
                    .contains(mentions);
            // Stack config is what the user wrote: the line names its keys, not the Java builder call it became.
            assertThat(err).as("stderr names config keys, not builder calls").doesNotContainPattern("[A-Za-z]\\(\"|\\w\\.\\w+\\(");
            return this;
        }
    }

    private Cli() {
    }

    static Result run(String... args) {
        return run(picocli.CommandLine.defaultFactory(), args);
    }

    /** The CLI with {@code factory} creating its commands (a test hands a command its environment and stdin). */
    static Result run(picocli.CommandLine.IFactory factory, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var commandLine = Main.commandLine(factory);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        var exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }
}
