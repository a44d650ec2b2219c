package dev.citadel.cli;

import dev.citadel.policy.Policy;
import dev.citadel.policy.rules.PolicyPack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code citadel policies}: the pack, one policy per line (or the Markdown table of docs/policies.md). */
@Command(name = "policies", mixinStandardHelpOptions = true,
        description = "List the policy pack: id, default enforcement level, seed, description.")
final class PoliciesCommand implements Callable<Integer> {
    enum Format { text, markdown }

    @Spec
    CommandSpec spec;

    @Option(names = "--format", defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--write-pack", paramLabel = "DIR", description = "Write the pack as a directory for a stack outside this "
            + "repository: `pulumi preview --policy-pack DIR/citadel-policy-pack` (or DIR) starts it from this citadel.jar.")
    java.nio.file.Path writePack;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        if (writePack != null) {
            return PackWriting.write(writePack, out, spec.commandLine().getErr());
        }
        out.print(format == Format.markdown ? markdown(PolicyPack.policies()) : text(PolicyPack.policies()));
        out.flush();
        return ExitCodes.CLEAN;
    }

    static String text(List<Policy> policies) {
        int width = policies.stream().mapToInt(p -> p.info().id().length()).max().orElse(2);
        var b = new StringBuilder();
        for (var p : policies) {
            var i = p.info();
            b.append(String.format("%-" + width + "s  %-9s  seed %-3s  %s%n", i.id(), i.defaultLevel().wireName(), i.seed(), i.description()));
        }
        return b.toString();
    }

    /** The policy table of docs/policies.md, with each policy's fix; a test keeps the page equal to this. */
    static String markdown(List<Policy> policies) {
        var b = new StringBuilder("| id | default level | seed | catches | fix |\n|---|---|---|---|---|\n");
        for (var p : policies) {
            var i = p.info();
            b.append("| `").append(i.id()).append("` | ").append(i.defaultLevel().wireName()).append(" | ")
                    .append(i.seed()).append(" | ").append(cell(i.description())).append(" | ")
                    .append(cell(i.remediation())).append(" |\n");
        }
        return b.toString();
    }

    /** A table cell: a bare | would end it, and GitHub drops an {@code <placeholder>} as an unknown HTML tag. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("<", "\\<");
    }
}
