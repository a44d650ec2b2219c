package dev.citadel.plan;

import com.pulumi.Context;
import com.pulumi.deployment.internal.DeploymentImpl;
import com.pulumi.test.TestOptions;
import dev.citadel.runtime.TaskRunner;
import com.pulumi.test.internal.PulumiTestInternal;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a Pulumi program through the Pulumi Java SDK in preview mode against the {@link RecordingMonitor}:
 * the same code `pulumi up` runs, with no engine, no CLI and no provider plugins.
 */
public final class PlanRunner {
    private final String project;
    private final String stack;
    private final Map<String, String> config;
    private final Set<String> secretKeys;

    /**
     * @param config     stack configuration as the engine passes it ({@code namespace:key} to value;
     *                   structured values as JSON)
     * @param secretKeys the keys whose values are secrets
     */
    public PlanRunner(String project, String stack, Map<String, String> config, Set<String> secretKeys) {
        this.project = project;
        this.stack = stack;
        this.config = Map.copyOf(config);
        this.secretKeys = Set.copyOf(secretKeys);
    }

    public Plan run(Consumer<Context> program) {
        // The SDK logs program failures with stack traces; a plan reports them itself, in one line.
        var silent = Logger.getAnonymousLogger();
        silent.setUseParentHandlers(false);
        silent.setLevel(Level.OFF);
        var log = PulumiTestInternal.mockLog(silent);
        var monitor = new AtomicReference<RecordingMonitor>();
        try {
            var test = PulumiTestInternal.builder()
                    .options(TestOptions.builder().projectName(project).stackName(stack).preview(true).build())
                    .config(config, secretKeys)
                    .standardLogger(silent)
                    .deploymentFactory(state -> {
                        state.logger = new DebugDroppingLogger(state.logger);
                        state.runner = new TaskRunner(() -> state.logger);
                        return new DeploymentImpl(state);
                    })
                    .monitorDecorator(ignored -> {
                        monitor.set(new RecordingMonitor(log, project, stack));
                        return monitor.get();
                    })
                    .build();
            var result = test.runTest(program);
            if (!result.exceptions().isEmpty()) {
                throw new ProgramFailure(rootCause(result.exceptions().get(0)));
            }
            if (result.exitCode() != 0) {
                throw new ProgramFailure(new IllegalStateException(
                        "the program failed (exit code " + result.exitCode() + "): " + String.join("; ", result.errors())));
            }
            return monitor.get().plan();
        } finally {
            PulumiTestInternal.cleanup();
        }
    }

    private static Throwable rootCause(Throwable t) {
        var cause = t;
        while ((cause instanceof CompletionException || cause.getClass().getName().endsWith("RunException"))
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The program threw: a bad argument (the user's to fix) or a bug (ours). */
    public static final class ProgramFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ProgramFailure(Throwable cause) {
            super(cause.getMessage(), cause);
        }

        /** True when the program rejected its input: the message names the field, the value and the fix. */
        public boolean isUserError() {
            return getCause() instanceof IllegalArgumentException;
        }
    }
}
