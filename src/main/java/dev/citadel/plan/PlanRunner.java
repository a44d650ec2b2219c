package dev.citadel.plan;

import com.pulumi.Context;
import dev.citadel.component.ComponentError;
import dev.citadel.runtime.HostedProgram;
import dev.citadel.runtime.OfflinePreview;

import dev.citadel.live.LiveTags;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Runs a Pulumi program through the Pulumi Java SDK in preview mode against the {@link RecordingMonitor}:
 * the same code `pulumi up` runs, with no engine, no CLI and no provider plugins ({@link OfflinePreview}).
 */
public final class PlanRunner {
    private final String project;
    private final String stack;
    private final Map<String, String> config;
    private final Set<String> secretKeys;
    private final Optional<LiveTags> live;
    private final StackOutputs stackOutputs;

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
        this.live = Optional.empty();
        this.stackOutputs = StackOutputs.none();
    }

    private PlanRunner(PlanRunner base, Optional<LiveTags> live, StackOutputs stackOutputs) {
        this.project = base.project;
        this.stack = base.stack;
        this.config = base.config;
        this.secretKeys = base.secretKeys;
        this.live = live;
        this.stackOutputs = stackOutputs;
    }

    /** The same runner, answering the program's reads of live Deployments from {@code live}. */
    public PlanRunner withLiveTags(LiveTags live) {
        return new PlanRunner(this, Optional.of(live), stackOutputs);
    }

    /** The same runner, answering the program's {@code StackReference}s from {@code outputs}. */
    public PlanRunner withStackOutputs(StackOutputs outputs) {
        return new PlanRunner(this, live, outputs);
    }

    public Plan run(Consumer<Context> program) {
        var monitor = new RecordingMonitor(project, stack, live, stackOutputs);
        var result = OfflinePreview.run(project, stack, config, secretKeys, monitor, program);
        refused(monitor);
        if (!result.exceptions().isEmpty()) {
            throw new ProgramFailure(rootCause(result.exceptions().get(0)));
        }
        if (result.exitCode() != 0) {
            throw new ProgramFailure(new IllegalStateException(
                    "the program failed (exit code " + result.exitCode() + "): " + String.join("; ", result.errors())));
        }
        return checked(monitor.plan());
    }

    /**
     * Runs a program's {@code main} in its own JVM, as the Java language host does ({@link HostedProgram}): any Pulumi
     * Java program, not only one this JVM can call.
     */
    public Plan runMain(HostedProgram.Launch launch) {
        var monitor = new RecordingMonitor(project, stack, live, stackOutputs);
        var result = HostedProgram.run(launch, project, stack, config, secretKeys, monitor);
        refused(monitor);
        MainFailure.of(launch, result).ifPresent(failure -> {
            throw new ProgramFailure(failure);
        });
        return checked(monitor.plan());
    }

    /** A read the monitor could not answer fails the program too; its reason is the one that says what to do. */
    private static void refused(RecordingMonitor monitor) {
        monitor.refusal().ifPresent(reason -> {
            throw new ProgramFailure(new IllegalArgumentException(reason));
        });
    }

    private static Plan checked(Plan plan) {
        duplicate(plan.resources()).ifPresent(message -> {
            // The engine refuses this at `pulumi up` ("Duplicate resource URN"), after a preview here looked fine.
            throw new ProgramFailure(new IllegalArgumentException(message));
        });
        return plan;
    }

    /**
     * A URN registered twice, said as the user wrote it: a component declared twice, else the component whose child
     * collided (the URN names only the component's type, so two components of one type can collide on a child's name).
     */
    private static Optional<String> duplicate(List<Registration> resources) {
        var twice = new ArrayList<Registration>();
        for (int i = 1; i < resources.size(); i++) {
            if (resources.get(i).urn().equals(resources.get(i - 1).urn())) {
                twice.add(resources.get(i - 1));
                twice.add(resources.get(i));
            }
        }
        var component = twice.stream().filter(r -> !r.custom() && !r.parent().isEmpty()).findFirst();
        if (component.isPresent()) {
            var c = component.get();
            return Optional.of(ComponentError.describe(c.type(), c.name()) + " is declared twice; pulumi up rejects a URN "
                    + "registered twice (" + c.urn() + "): give one of them another name");
        }
        if (twice.isEmpty()) {
            return Optional.empty();
        }
        var child = twice.get(0);
        var parents = new TreeSet<String>();
        for (var r : twice.subList(0, 2)) {
            resources.stream().filter(p -> p.urn().equals(r.parent()) && !p.custom() && p.parent().length() > 0)
                    .findFirst().ifPresent(p -> parents.add(ComponentError.describe(p.type(), p.name())));
        }
        if (parents.isEmpty()) {
            return Optional.of("two resources are both " + child.urn() + "; pulumi up rejects a URN registered twice: "
                    + "give one of them another name");
        }
        return Optional.of(String.join(" and ", parents) + ": child '" + child.name() + "' (" + child.type()
                + ") is registered twice; pulumi up rejects a URN registered twice (" + child.urn()
                + "): give one of the components another name");
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
