package dev.citadel.config;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;

import java.util.Map;
import java.util.Optional;

/**
 * What an input's {@code toArgs} may resolve besides its own values: other entries of the stack by name (a
 * {@code citadel:secrets} entry, a {@code citadel:databases} cluster) and secret settings. A resolved entry that is a
 * resource becomes a dependency of the component being built: its pods read what the entry makes.
 */
public interface Scope {
    /** The stack's name. */
    String stack();

    /**
     * The entry of {@code citadel:<section>} named {@code name}, as {@code type}; the component waits for it.
     *
     * @param owner the input whose setting {@code key} names it, for the error when there is none
     */
    <C> C entry(Inputs owner, String key, String section, Class<C> type, String name);

    /** Every entry of {@code citadel:<section>} by name, without waiting for any. */
    <C> Map<String, C> entries(String section, Class<C> type);

    /** The component waits for {@code resource} too. */
    void waitFor(Resource resource);

    /** The options of the component being built: the stack's providers, and a dependency on all it resolved. */
    ComponentResourceOptions options();

    /** A scope for another component of the same section, which waits for nothing yet. */
    Scope another();

    /** A secret setting ({@code pulumi config set --secret citadel:<key>}). */
    Optional<Output<String>> secretSetting(String key);
}
