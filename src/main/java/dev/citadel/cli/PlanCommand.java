package dev.citadel.cli;

import dev.citadel.diff.Baseline;
import dev.citadel.diff.PlanDiff;
import dev.citadel.diff.Snapshot;
import dev.citadel.live.LiveTags;
import dev.citadel.plan.OutDirWriter;
import dev.citadel.plan.Plan;
import dev.citadel.plan.PlanRunner;
import dev.citadel.policy.PackConfig;
import dev.citadel.policy.PolicyEngine;
import dev.citadel.policy.rules.PolicyPack;
import dev.citadel.policy.PolicyResource;
import dev.citadel.report.DiffReport;
import dev.citadel.report.PlanReport;
import dev.citadel.stack.CitadelProgram;
import dev.citadel.stack.StackConfig;
import dev.citadel.stack.StackFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code citadel plan}: the stack program, previewed offline. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Preview a stack offline: run the stack program (Citadel's own, or any Pulumi Java program with --main-class)"
                + " against an in-process monitor and print the resource tree.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:clean", "1:mandatory policy violations", "2:program or usage error"})
final class PlanCommand implements Callable<Integer> {
    enum Format { text, json, markdown }

    @Spec
    CommandSpec spec;

    @Option(names = "--stack", required = true, description = "Stack to plan (stacks/Pulumi.<stack>.yaml).")
    String stack;

    @Option(names = "--out", description = "Also write every object to DIR (k8s/<namespace>/<kind>-<name>.yaml, resources/<provider>/<name>.json).")
    Path out;

    @Option(names = "--format", defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--live-tags", paramLabel = "FILE", description = "What runs in the cluster, as `" + LiveTags.KUBECTL
            + "` prints it: a pin below the tag a Deployment runs is refused (seed 001). Without it, the plan notes that the floor is unchecked.")
    Path liveTags;

    @Option(names = "--baseline", paramLabel = "PLAN", description = "Also show what changes against an earlier plan: its "
            + "--format json output (matched by URN, aliases included) or its --out directory (matched by file). Secrets are never shown.")
    Path baseline;

    @Option(names = "--project-dir", defaultValue = ".", description = "Directory holding Pulumi.yaml (default: current directory).")
    Path projectDir;

    @Mixin
    ProgramOptions program;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        var outStream = spec.commandLine().getOut();
        PlanReport report;
        Plan plan;
        if (out != null && out.toString().isBlank()) {
            // Path.of("") is the working directory: the tree would land among the project's own files.
            err.println("citadel: --out is empty; give a directory, e.g. --out plan/" + stack);
            return ExitCodes.ERROR;
        }
        Optional<PlanDiff> diff = Optional.empty();
        try {
            var base = baseline == null ? Optional.<Snapshot>empty() : Optional.of(Baseline.read(baseline));
            var file = StackFile.load(projectDir, stack);
            var live = liveTags == null ? Optional.<LiveTags>empty() : Optional.of(LiveTags.read(liveTags));
            plan = program.isProgram() ? program.plan(projectDir, file, live) : plan(file, live);
            report = verdicts(plan, file);
            diff = base.map(b -> PlanDiff.between(baseline.toString(), b, Snapshot.of(plan, b.matching())));
        } catch (PlanRunner.ProgramFailure e) {
            err.println("citadel: " + describe(e));
            return ExitCodes.ERROR;
        } catch (IllegalArgumentException e) {
            err.println("citadel: " + e.getMessage());
            return ExitCodes.ERROR;
        }
        if (out != null) {
            try {
                new OutDirWriter(out).write(plan);
            } catch (IOException | IllegalArgumentException e) {
                err.println("citadel: cannot write " + out + ": " + e.getMessage());
                return ExitCodes.ERROR;
            }
        }
        if (diff.isPresent()) {
            var changes = new DiffReport(report, diff.get());
            outStream.print(format == Format.json ? changes.json() : format == Format.markdown ? changes.markdown() : changes.text());
        } else {
            outStream.print(format == Format.json ? report.json() : format == Format.markdown ? report.markdown() : report.text());
        }
        outStream.flush();
        return report.mandatoryCount() > 0 ? ExitCodes.MANDATORY_VIOLATIONS : ExitCodes.CLEAN;
    }

    /** Every policy of the pack over the plan, configured by the stack's {@code citadel:policies}. */
    static PlanReport verdicts(Plan plan, StackFile file) {
        var policies = PolicyPack.policies();
        var ids = policies.stream().map(p -> p.info().id()).collect(java.util.stream.Collectors.toSet());
        var raw = file.namespace(StackConfig.NAMESPACE).get("policies");
        PackConfig config;
        try {
            config = (raw == null ? PackConfig.empty() : PackConfig.fromJson(raw, ids))
                    .validateParams(policies.stream().map(p -> p.info()).toList());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(StackConfig.NAMESPACE + ":" + e.getMessage());
        }
        var resources = PolicyResource.of(plan.resources());
        return new PlanReport(plan, new PolicyEngine(policies, config).analyzeStack(resources), policies.size());
    }

    /** The one line (after {@code citadel: }) a failed stack program gets: the user's mistake, or what broke. */
    static String describe(PlanRunner.ProgramFailure e) {
        // Never the exception's class: users read it as the message ("ClassCastException") and it says nothing they can fix.
        return e.isUserError() ? e.getMessage() : "the stack program failed: " + Main.oneLine(e.getCause());
    }

    /** A stack program that failed or a configuration mistake, as the one line (and exit code) every command gives it. */
    static int refused(java.io.PrintWriter err, RuntimeException e) {
        err.println("citadel: " + (e instanceof PlanRunner.ProgramFailure f ? describe(f) : e.getMessage()));
        return ExitCodes.ERROR;
    }

    /** Reads the stack file and runs the stack program offline. */
    static Plan plan(Path projectDir, String stack) {
        return plan(StackFile.load(projectDir, stack));
    }

    static Plan plan(StackFile file) {
        return plan(file, Optional.empty());
    }

    static Plan plan(StackFile file, Optional<LiveTags> live) {
        var stack = file.stack();
        var keys = new java.util.TreeSet<>(file.config().keySet());
        keys.addAll(file.secureKeys());
        var config = StackConfig.offline(stack, file.namespace(StackConfig.NAMESPACE), file.secureKeys(StackConfig.NAMESPACE), keys);
        var runner = new PlanRunner(file.project(), stack, file.config(), Set.of());
        return (live.isPresent() ? runner.withLiveTags(live.get()) : runner).run(ctx -> new CitadelProgram(config).define(ctx));
    }
}
