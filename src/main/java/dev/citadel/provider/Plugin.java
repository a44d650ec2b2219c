package dev.citadel.provider;

import com.pulumi.resources.CustomResourceOptions;

import javax.annotation.Nullable;

/**
 * The provider plugins Citadel's resources run on, pinned. A stock Pulumi CLI downloads exactly the
 * version named on each resource, so a stack never drifts onto a provider whose schema differs from the
 * one the bindings in this package were written against.
 */
public enum Plugin {
    /** The Java SDK served here stops at 4.0.0; the plugin is pinned to a current 4.x. */
    KUBERNETES("kubernetes", "4.34.2"),
    VAULT("vault", "7.7.0"),
    RANDOM("random", "4.21.1"),
    /** The schema RdsAppUser's bindings were written against (pulumi-postgresql 3.18.0). */
    POSTGRESQL("postgresql", "3.18.0"),
    /** The schema the Keycloak bindings (KeycloakRealm's managed target) were written against (pulumi-keycloak 6.13.0). */
    KEYCLOAK("keycloak", "6.13.0");

    private final String pkg;
    private final String version;

    Plugin(String pkg, String version) {
        this.pkg = pkg;
        this.version = version;
    }

    public String pkg() {
        return pkg;
    }

    public String version() {
        return version;
    }

    /**
     * Options for a resource of your own in a stack with Citadel's: {@code new ConfigMap("app", args,
     * Plugin.KUBERNETES.options())}. A typed resource of the Java SDK names the SDK's own plugin version (kubernetes
     * 4.0.0), and a second version of one plugin is a second provider in the stack; one-plugin-version-per-package
     * refuses that plan.
     */
    public CustomResourceOptions options() {
        return pin(null);
    }

    /** The caller's options with this plugin's version forced on top. */
    public CustomResourceOptions pin(@Nullable CustomResourceOptions options) {
        return merge(options, CustomResourceOptions.builder().version(version).build());
    }

    /** As {@link #pin}, also marking provider-computed outputs secret, as the provider's schema declares them. */
    public CustomResourceOptions pin(@Nullable CustomResourceOptions options, String... secretOutputs) {
        return merge(options, CustomResourceOptions.builder()
                .version(version)
                .additionalSecretOutputs(secretOutputs)
                .build());
    }

    /**
     * {@code CustomResourceOptions.merge} without its trap: given null, the SDK merges into its shared
     * {@code CustomResourceOptions.Empty} and returns it, so every later resource created without options (a consumer's
     * typed ConfigMap) took the last pinned version of any plugin (kubernetes at vault's 7.7.0), or a live read's id.
     */
    static CustomResourceOptions merge(@Nullable CustomResourceOptions options, CustomResourceOptions over) {
        return CustomResourceOptions.merge(options != null ? options : CustomResourceOptions.builder().build(), over);
    }
}
