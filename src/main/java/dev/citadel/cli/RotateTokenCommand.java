package dev.citadel.cli;

import dev.citadel.rotate.AuthentikTokenRotation;
import dev.citadel.secrets.PersistedAtInit;
import dev.citadel.verify.Tls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code citadel rotate-authentik-token}: the procedure the {@code persistedAtInit} refusal names for authentik's
 * bootstrap token (seed 003), after {@code pulumi up} wrote the new value. Both values come from environment variables
 * (a command line is visible to every user of the machine), neither is printed.
 */
@Command(name = "rotate-authentik-token", mixinStandardHelpOptions = true,
        description = "Give authentik's token the new value after a rotation, authenticated with the previous one (seed 003).")
final class RotateTokenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--url", required = true, paramLabel = "URL", description = "authentik's https URL, e.g. https://auth.homelab.lan.")
    URI url;
    @Option(names = "--token", paramLabel = "IDENTIFIER", description = "The token's identifier; default ${DEFAULT-VALUE}.")
    String token = PersistedAtInit.AuthentikBootstrapToken.TOKEN;
    @Option(names = "--previous-env", paramLabel = "VAR", description = "Variable holding the previous value; default ${DEFAULT-VALUE}.")
    String previousEnv = "CITADEL_PREVIOUS_TOKEN";
    @Option(names = "--new-env", paramLabel = "VAR", description = "Variable holding the new value; default ${DEFAULT-VALUE}.")
    String newEnv = "CITADEL_NEW_TOKEN";
    @Option(names = "--ca-file", paramLabel = "PEM", description = "Also trust the CA certificate(s) in this PEM file.")
    Path caFile;

    private final Function<String, String> env;

    RotateTokenCommand() {
        this(System::getenv);
    }

    RotateTokenCommand(Function<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        SSLContext tls = caFile == null ? SSLContext.getDefault() : Tls.trustingAlso(Tls.readPem(caFile));
        try {
            out.println(new AuthentikTokenRotation(tls, Duration.ofSeconds(15)).rotate(url, token, env.apply(previousEnv), env.apply(newEnv)));
            return ExitCodes.CLEAN;
        } catch (AuthentikTokenRotation.Failed e) {
            err.println("citadel: " + e.getMessage() + " (values read from $" + previousEnv + " and $" + newEnv + ")");
            return ExitCodes.CHECK_FAILED;
        }
    }
}
