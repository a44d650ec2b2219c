package dev.citadel.pkg;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import dev.citadel.config.Inputs;
import dev.citadel.config.Plain;
import dev.citadel.config.Scope;
import dev.citadel.secrets.SyncedSecret;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@link Scope} of a component built by the package. A stack program resolves a name to another section's entry (a
 * {@code citadel:secrets} entry it registered); a program in another language holds no Citadel resource the package
 * could be handed (the SDK passes no resource references to a component's args), so what an input names is given
 * beside it as its contract: a secret by the outputs of its VaultBackedSecret ({@code secrets}). The engine already
 * made the component depend on every resource its inputs came from; {@link #options} adds what the component itself
 * resolved.
 */
final class PackageScope implements Scope {
    private final String name;
    private final Map<String, SyncedSecret> secrets;
    private final Set<Resource> waits = new LinkedHashSet<>();

    PackageScope(String name, Map<String, ? extends SyncedSecret> secrets) {
        this.name = name;
        this.secrets = new TreeMap<>(secrets);
    }

    /** The component's own name: what a stack program names after the stack. */
    @Override
    public String stack() {
        return name;
    }

    @Override
    public <C> C entry(Inputs owner, String key, String section, Class<C> type, String entry) {
        var found = entries(section, type).get(entry);
        if (found == null) {
            throw owner.fail(key, ": no " + section + " entry is named '" + Plain.shown(entry) + "' (there are "
                    + entries(section, type).keySet() + "); add it to " + section + " from the component's outputs");
        }
        return found;
    }

    @Override
    public <C> Map<String, C> entries(String section, Class<C> type) {
        var found = new TreeMap<String, C>();
        if (section.equals("secrets")) {
            secrets.forEach((n, s) -> {
                if (type.isInstance(s)) {
                    found.put(n, type.cast(s));
                }
            });
        }
        return found;
    }

    @Override
    public void waitFor(Resource resource) {
        waits.add(resource);
    }

    @Override
    public ComponentResourceOptions options() {
        return ComponentResourceOptions.builder().dependsOn(new ArrayList<>(waits)).build();
    }

    /** The options of the component built under {@code wrapper}: its child, waiting for what it resolved. */
    ComponentResourceOptions options(Resource wrapper) {
        return ComponentResourceOptions.merge(options(), ComponentResourceOptions.builder().parent(wrapper).build());
    }

    @Override
    public Scope another() {
        return new PackageScope(name, secrets);
    }

    /** Stack config's secret settings do not exist here: a program passes secret values as inputs, which stay secret. */
    @Override
    public Optional<Output<String>> secretSetting(String key) {
        return Optional.empty();
    }
}
