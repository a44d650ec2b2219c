package dev.citadel.cli;

import dev.citadel.stack.SettingsReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/** {@code citadel settings}: every stack setting, as {@code docs/settings.md} holds it. */
@Command(name = "settings", mixinStandardHelpOptions = true,
        description = "Print the stack-config settings reference (Markdown), generated from the components' input classes.")
final class SettingsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        out.print(SettingsReference.markdown());
        out.flush();
        return ExitCodes.CLEAN;
    }
}
