package dev.citadel.runtime.pkg;

import com.google.gson.JsonObject;
import com.pulumi.provider.internal.ResourceProviderService;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Serves a component package over Pulumi's {@code pulumirpc.ResourceProvider} protocol with the Java SDK's own server
 * ({@code ResourceProviderService}): GetSchema from the SDK's component analyzer, Construct of each listed component.
 * The SDK's {@code ComponentProviderHost} is not used as it is: it finds components by scanning a package, builds their
 * args with its own deserializer (absent lists stay null, unknown keys pass silently) and reports a failed constructor
 * as "Failed to construct component", dropping the builder's message; see {@link PackageProvider}.
 */
public final class ComponentHost {
    private ComponentHost() {
    }

    /** Builds a component from its inputs (plain JSON, as stack config is) under the options the engine sent. */
    @FunctionalInterface
    public interface Factory {
        ComponentResource construct(String name, JsonObject inputs, ComponentResourceOptions options);
    }

    /**
     * One component of the package.
     *
     * @param type    its class: the one public {@code (String, Args, ComponentResourceOptions)} constructor the SDK's
     *                analyzer reads the schema from, and its {@code @Export} outputs
     * @param factory how Construct builds it
     */
    public record Component(Class<? extends ComponentResource> type, Factory factory) {
    }

    /** A provider plugin the components' children run on, pinned: the package's dependencies in its schema. */
    public record Dependency(String name, String version) {
    }

    /**
     * @param name         the package name (type tokens are {@code <name>:index:<Class>})
     * @param version      the package version (the artifact's)
     * @param displayName  shown by registries and SDK docs
     * @param description  the schema's description
     */
    public record Description(String name, String version, String displayName, String description,
                              List<Component> components, List<Dependency> dependencies) {
        public Description {
            components = List.copyOf(components);
            dependencies = List.copyOf(dependencies);
        }
    }

    /**
     * Serves {@code description} until the engine goes away, as a plugin the CLI launched: {@code args} are the CLI's
     * ({@code [--logtostderr] [-v=N] [--tracing URL] <engine-address>}); the port is printed on stdout.
     */
    public static void serve(String[] args, Description description) throws IOException, InterruptedException {
        new ResourceProviderService(engineAddress(args), new PackageProvider(description)).startAndBlockUntilShutdown();
    }

    /** The one argument that is not a logging flag: the engine's address. */
    static String engineAddress(String[] args) {
        var rest = new ArrayList<String>();
        for (int i = 0; i < args.length; i++) {
            var arg = args[i];
            if (arg.equals("--tracing")) {
                i++;
            } else if (!arg.equals("--logtostderr") && !arg.equals("--logflow") && !arg.startsWith("-v=")) {
                rest.add(arg);
            }
        }
        if (rest.size() != 1) {
            throw new IllegalArgumentException("expected one engine address (host:port) besides logging flags, got " + rest);
        }
        return rest.get(0);
    }
}
