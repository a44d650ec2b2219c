package dev.citadel.cli;

import dev.citadel.plan.PlanRunner;
import dev.citadel.verify.LiveRealmReader;
import dev.citadel.verify.RealmIds;
import dev.citadel.verify.Tls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code citadel realm-ids}: the {@code adopt:} block for moving a realm that exists live (seed 002) from the
 * {@code import} target to {@code managed}, read from Keycloak's admin API (GETs only) for what the stack declares.
 */
@Command(name = "realm-ids", mixinStandardHelpOptions = true,
        description = {"Print the adopt: block of citadel:identity.realm (Keycloak's ids of the groups, clients and groups scope"
                + " the stack declares, and the declared mappers and identity providers Keycloak has) from the live realm,"
                + " ready to paste next to target: managed.",
                "Declared objects Keycloak does not have are listed as comments: pulumi up creates them."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the block was printed", "1:the live realm could not be read", "2:usage or configuration error"})
final class RealmIdsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--stack", required = true, description = "Stack whose realm to read (stacks/Pulumi.<stack>.yaml).")
    String stack;

    @Option(names = "--project-dir", defaultValue = ".", description = "Directory holding Pulumi.yaml (default: current directory).")
    Path projectDir;

    @Option(names = "--ca-file", paramLabel = "PEM", description = "Also trust the CA certificate(s) in this PEM file (a private"
            + " or self-signed Keycloak). Without it, the JDK's trust store.")
    Path caFile;

    @Mixin
    KeycloakAdminOptions admin;

    private final Function<String, String> env;

    RealmIdsCommand() {
        this(System::getenv);
    }

    RealmIdsCommand(Function<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        var out = spec.commandLine().getOut();
        java.util.List<RealmDriftRun.Target> targets;
        try {
            var tls = caFile == null ? VerifyCommand.defaultContext() : Tls.trustingAlso(Tls.readPem(caFile));
            targets = RealmDriftRun.targets(PlanCommand.plan(projectDir, stack), stack, admin, tls, env);
        } catch (PlanRunner.ProgramFailure | IllegalArgumentException e) {
            return PlanCommand.refused(err, e);
        }
        for (var t : targets) {
            try {
                var live = new LiveRealmReader(t.reader()).read(t.realm().name());
                out.print(RealmIds.yaml(stack, t.reader().keycloak().toString(), t.realm().json(), live));
                out.flush();
            } catch (LiveRealmReader.ReadFailure e) {
                err.println("citadel: cannot read realm '" + t.realm().name() + "': " + e.getMessage());
                return ExitCodes.CHECK_FAILED;
            }
        }
        return ExitCodes.CLEAN;
    }
}
