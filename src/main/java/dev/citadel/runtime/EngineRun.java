package dev.citadel.runtime;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import com.pulumi.Config;
import com.pulumi.Context;
import com.pulumi.context.internal.ConfigContextInternal;
import com.pulumi.context.internal.ContextInternal;
import com.pulumi.context.internal.LoggingContextInternal;
import com.pulumi.context.internal.OutputContextInternal;
import com.pulumi.core.internal.OutputFactory;
import com.pulumi.deployment.internal.DeploymentImpl;
import com.pulumi.deployment.internal.DeploymentInstanceInternal;
import com.pulumi.deployment.internal.GrpcEngine;
import com.pulumi.deployment.internal.GrpcMonitor;
import com.pulumi.deployment.internal.Monitor;
import com.pulumi.internal.PulumiInternal;
import com.pulumi.resources.ResourceTransformation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Runs the stack program under the Pulumi engine, as {@code Pulumi.run} does, with one difference: a
 * {@link RegistrationGate} can stand in front of the resource monitor (the in-program policy guard). The wiring follows the SDK's own
 * {@code DeploymentImpl.fromEnvironment} and reads the same environment the language host sets.
 */
public final class EngineRun {
    private EngineRun() {
    }

    /** @return the process exit code */
    public static int run(Optional<RegistrationGate> gate, Consumer<Context> program) {
        var env = System.getenv();
        var project = require(env, "PULUMI_PROJECT");
        var stack = require(env, "PULUMI_STACK");
        var organization = env.getOrDefault("PULUMI_ORGANIZATION", "organization");
        var config = new DeploymentImpl.Config(stackConfig(), parseSet(env.get("PULUMI_CONFIG_SECRET_KEYS")));
        var logger = Logger.getLogger(DeploymentImpl.class.getName());
        var engine = new GrpcEngine(require(env, "PULUMI_ENGINE"));
        Monitor monitor = new GrpcMonitor(require(env, "PULUMI_MONITOR"));
        if (gate.isPresent()) {
            monitor = new GatedMonitor(monitor, gate.get(), stack, project);
        }
        var state = new DeploymentImpl.DeploymentState(config, logger, organization, project, stack,
                env.getOrDefault("PULUMI_ROOT_DIRECTORY", ""), Boolean.parseBoolean(require(env, "PULUMI_DRY_RUN")),
                engine, monitor);
        state.runner = new TaskRunner(() -> state.logger);
        var deployment = new DeploymentImpl(state);
        DeploymentImpl.setInstance(new DeploymentInstanceInternal(deployment));

        var runner = deployment.getRunner();
        Function<String, Config> configFactory = name -> new Config(config, name);
        var context = new ContextInternal(organization, project, stack,
                new LoggingContextInternal(deployment.getLog()),
                new ConfigContextInternal(project, configFactory),
                new OutputContextInternal(new OutputFactory(runner)),
                List.<ResourceTransformation>of());
        return new PulumiInternal(runner, context).runAsync(program).join();
    }

    private static String require(Map<String, String> env, String name) {
        var v = env.get(name);
        if (v == null) {
            throw new IllegalStateException("Program run without the Pulumi engine available (" + name + " is not set); re-run using the `pulumi` CLI");
        }
        return v;
    }

    /** The stack's configuration as the engine passes it to the program ({@code PULUMI_CONFIG}; empty outside the engine). */
    public static ImmutableMap<String, String> stackConfig() {
        var json = System.getenv("PULUMI_CONFIG");
        if (json == null || json.isBlank()) {
            return ImmutableMap.of();
        }
        Map<String, String> m = new Gson().fromJson(json, new TypeToken<Map<String, String>>() { }.getType());
        return ImmutableMap.copyOf(m);
    }

    /** The config keys the engine decrypted from {@code secure:} values ({@code PULUMI_CONFIG_SECRET_KEYS}). */
    public static ImmutableSet<String> secretKeys() {
        return parseSet(System.getenv("PULUMI_CONFIG_SECRET_KEYS"));
    }

    private static ImmutableSet<String> parseSet(String json) {
        if (json == null || json.isBlank()) {
            return ImmutableSet.of();
        }
        List<String> l = new Gson().fromJson(json, new TypeToken<List<String>>() { }.getType());
        return ImmutableSet.copyOf(l);
    }
}
