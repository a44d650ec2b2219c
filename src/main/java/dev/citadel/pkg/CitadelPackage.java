package dev.citadel.pkg;

import com.google.gson.JsonObject;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import dev.citadel.config.Binder;
import dev.citadel.config.Inputs;
import dev.citadel.config.Paths;
import dev.citadel.provider.Plugin;
import dev.citadel.runtime.pkg.ComponentHost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The {@code citadel} component package: Citadel's components for Pulumi programs in any language ({@code pulumi package
 * add}, see docs/package.md). Its inputs are the input classes stack config binds, through the same binder, so a
 * program gets the defaults, the checks and the one-line messages a stack-config user gets, at its own resource's
 * path ({@code appDb.backup.retention: ...}).
 */
public final class CitadelPackage {
    public static final String NAME = "citadel";

    /** Binds one component's inputs and builds it. */
    private interface Build<I extends Inputs> {
        ComponentResource build(String name, I inputs, ComponentResourceOptions options);
    }

    private CitadelPackage() {
    }

    /** The plugin's entry point, as the CLI starts it: the engine's address (and logging flags); prints its port. */
    public static void main(String[] args) throws IOException, InterruptedException {
        ComponentHost.serve(args, description());
    }

    public static ComponentHost.Description description() {
        return new ComponentHost.Description(NAME, version(), "Citadel",
                "Typed components for an identity platform: Vault-backed secrets, CloudNativePG clusters, Kubernetes OIDC.",
                List.of(
                        component(VaultBackedSecret.class, PackagedSecretInputs.class, VaultBackedSecret::new),
                        component(CnpgCluster.class, PackagedClusterInputs.class, CnpgCluster::new),
                        component(OidcRbac.class, PackagedRbacInputs.class, OidcRbac::new)),
                // The children are registered with these versions pinned (Plugin.pin): the engine installs exactly them.
                Arrays.stream(Plugin.values()).map(p -> new ComponentHost.Dependency(p.pkg(), p.version())).toList());
    }

    private static <I extends Inputs> ComponentHost.Component component(Class<? extends ComponentResource> type, Class<I> inputs,
                                                                       Build<I> build) {
        return new ComponentHost.Component(type, (String name, JsonObject json, ComponentResourceOptions options) -> {
            var paths = new Paths();
            var bound = Binder.bind(name, json, inputs, paths);
            return paths.locate(() -> build.build(name, bound, options));
        });
    }

    /** The artifact's version (Maven writes it into the resource at build time). */
    static String version() {
        var properties = new Properties();
        try (var in = CitadelPackage.class.getResourceAsStream("package.properties")) {
            if (in == null) {
                throw new IllegalStateException("dev/citadel/pkg/package.properties is missing from the build");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }
}
