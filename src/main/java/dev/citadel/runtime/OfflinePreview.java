package dev.citadel.runtime;

import com.pulumi.Context;
import com.pulumi.deployment.internal.DeploymentImpl;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;

import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a Pulumi program through the SDK in preview mode with no engine, no CLI and no provider plugins:
 * the SDK's test harness, with a {@link Recorder} in the monitor's place, the event-driven
 * {@link TaskRunner} and the engine's debug log dropped.
 */
public final class OfflinePreview {
    private OfflinePreview() {
    }

    /**
     * @param config     stack configuration as the engine passes it ({@code namespace:key} to value;
     *                   structured values as JSON)
     * @param secretKeys the keys whose values are secrets
     */
    public static TestResult run(String project, String stack, Map<String, String> config, Set<String> secretKeys,
                                 Recorder recorder, Consumer<Context> program) {
        // The SDK logs program failures with stack traces; the caller reports them itself, in one line.
        var silent = Logger.getAnonymousLogger();
        silent.setUseParentHandlers(false);
        silent.setLevel(Level.OFF);
        var log = PulumiTestInternal.mockLog(silent);
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
                    .monitorDecorator(ignored -> new RecorderMonitor(recorder, log, project, stack))
                    .build();
            return test.runTest(program);
        } finally {
            PulumiTestInternal.cleanup();
        }
    }
}
