package dev.citadel.cli;

import com.pulumi.exceptions.RunException;
import dev.citadel.stack.CitadelProgram;
import dev.citadel.runtime.EngineRun;
import dev.citadel.stack.StackConfig;
import java.util.function.Consumer;
import com.pulumi.Context;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * One jar, two entry points. Started by the Pulumi language host ({@code pulumi up}/{@code preview}
 * runs {@code java -jar target/citadel.jar} with {@code PULUMI_MONITOR} set), it is the stack program;
 * started by a person, it is the {@code citadel} CLI.
 */
@Command(name = "citadel", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Citadel: typed Pulumi components for an identity platform, planned offline.",
        subcommands = {PlanCommand.class, VerifyCommand.class, PoliciesCommand.class, SettingsCommand.class, BenchCommand.class,
                RotateTokenCommand.class, RealmIdsCommand.class})
public final class Main {

    public static void main(String[] args) {
        commonPoolWorkers();
        if (args.length == 0 && System.getenv("PULUMI_MONITOR") != null) {
            System.exit(runUnderEngine());
        }
        if (args.length > 0 && args[0].equals("plan")) {
            var relaunched = Launcher.command(args).flatMap(Launcher::run);
            if (relaunched.isPresent()) {
                System.exit(relaunched.get());
            }
        }
        System.exit(commandLine().execute(args));
    }

    /**
     * On a 2-core machine the common pool gets one worker; the Pulumi SDK's async stages then run on a new
     * thread each (2,000 resources: ~2,000 threads) and pulumi-java can livelock (pulumi-java#2270). Two
     * workers, set before anything touches the pool; an explicit -D setting wins.
     */
    private static void commonPoolWorkers() {
        var key = "java.util.concurrent.ForkJoinPool.common.parallelism";
        if (System.getProperty(key) == null && Runtime.getRuntime().availableProcessors() <= 2) {
            System.setProperty(key, "2");
        }
    }

    /**
     * {@code pulumi up}/{@code preview}: the stack program, with the policy guard around the engine's
     * monitor on deployments (not previews, whose unknown values a guard could not judge; previews get
     * verdicts from {@code --policy-pack policies} and {@code citadel plan}).
     */
    static int runUnderEngine() {
        Guard guard;
        try {
            guard = Guard.fromEnvironment();
        } catch (IllegalArgumentException e) {
            System.err.println("citadel: citadel:" + e.getMessage());
            return ExitCodes.ERROR;
        }
        Consumer<Context> program = ctx -> {
            try {
                new CitadelProgram(StackConfig.of(ctx)).define(ctx);
            } catch (IllegalArgumentException e) {
                // A configuration mistake: one line in the CLI's output, not a stack trace.
                throw new RunException(e.getMessage());
            }
        };
        var refusal = guard.preflight(program);
        if (refusal.isPresent()) {
            System.err.println("citadel: " + refusal.get());
            return ExitCodes.ERROR;
        }
        return EngineRun.run(guard.gate(), program);
    }

    /** What went wrong, on one line and without the exception's class name (which means nothing to a user). */
    static String oneLine(Throwable t) {
        var message = t.getMessage();
        if (message == null || message.isBlank()) {
            return "an unexpected error with no message (a bug in Citadel; please report it with the command and the stack file)";
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    static CommandLine commandLine() {
        return commandLine(CommandLine.defaultFactory());
    }

    /** The CLI with {@code factory} creating the commands (tests hand {@code verify} an environment and stdin). */
    static CommandLine commandLine(CommandLine.IFactory factory) {
        var cl = new CommandLine(new Main(), factory);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("citadel: internal error: " + oneLine(e));
            return ExitCodes.ERROR;
        });
        // A usage mistake is one line, like every other user error, not the whole help text.
        cl.setParameterExceptionHandler((e, args) -> {
            var command = e.getCommandLine();
            var message = e.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
            if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
                message += " (did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?)";
            }
            command.getErr().println("citadel: " + message + "; see '" + command.getCommandSpec().qualifiedName() + " --help'");
            return ExitCodes.ERROR;
        });
        return cl;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            var v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"citadel " + (v == null ? "(development build)" : v)};
        }
    }
}
