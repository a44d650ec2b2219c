package dev.citadel.cli;

import dev.citadel.plan.OutDirWriter;
import dev.citadel.plan.Plan;
import dev.citadel.plan.PlanRunner;
import dev.citadel.plan.TextReport;
import dev.citadel.stack.CitadelProgram;
import dev.citadel.stack.StackConfig;
import dev.citadel.stack.StackFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code citadel plan}: the stack program, previewed offline. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Preview a stack offline: run the stack program against an in-process monitor and print the resource tree.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:clean", "1:mandatory policy violations", "2:program or usage error"})
final class PlanCommand implements Callable<Integer> {
    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Option(names = "--stack", required = true, description = "Stack to plan (stacks/Pulumi.<stack>.yaml).")
    String stack;

    @Option(names = "--out", description = "Also write every object to DIR (k8s/<namespace>/<kind>-<name>.yaml, resources/<provider>/<name>.json).")
    Path out;

    @Option(names = "--format", defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--project-dir", defaultValue = ".", description = "Directory holding Pulumi.yaml (default: current directory).")
    Path projectDir;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        var outStream = spec.commandLine().getOut();
        Plan plan;
        try {
            plan = plan(projectDir, stack);
        } catch (PlanRunner.ProgramFailure e) {
            if (e.isUserError()) {
                err.println("citadel: " + e.getMessage());
            } else {
                err.println("citadel: the stack program failed: " + e.getCause());
            }
            return ExitCodes.ERROR;
        } catch (IllegalArgumentException e) {
            err.println("citadel: " + e.getMessage());
            return ExitCodes.ERROR;
        }
        var report = new TextReport(plan);
        if (out != null) {
            try {
                new OutDirWriter(out).write(plan);
            } catch (IOException | IllegalArgumentException e) {
                err.println("citadel: cannot write " + out + ": " + e.getMessage());
                return ExitCodes.ERROR;
            }
        }
        outStream.print(format == Format.json ? report.json() : report.text());
        outStream.flush();
        return ExitCodes.CLEAN;
    }

    /** Reads the stack file and runs the stack program offline. */
    static Plan plan(Path projectDir, String stack) {
        var file = StackFile.load(projectDir, stack);
        var config = StackConfig.offline(stack, file.namespace(StackConfig.NAMESPACE), file.secureKeys(StackConfig.NAMESPACE));
        var runner = new PlanRunner(file.project(), stack, file.config(), Set.of());
        return runner.run(ctx -> new CitadelProgram(config).define(ctx));
    }
}
