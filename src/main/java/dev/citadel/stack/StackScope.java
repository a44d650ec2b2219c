package dev.citadel.stack;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.Resource;
import dev.citadel.config.Inputs;
import dev.citadel.config.Scope;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The stack program's {@link Scope}: the entries registered so far, by section and name, and what the component being
 * built resolved (it waits for those).
 */
final class StackScope implements Scope {
    private final StackConfig config;
    private final List<ProviderResource> providers;
    private final Map<String, Map<String, Object>> entries;
    private final Set<Resource> waits = new LinkedHashSet<>();

    private StackScope(StackConfig config, List<ProviderResource> providers, Map<String, Map<String, Object>> entries) {
        this.config = config;
        this.providers = providers;
        this.entries = entries;
    }

    static StackScope of(StackConfig config, List<ProviderResource> providers) {
        return new StackScope(config, List.copyOf(providers), new TreeMap<>());
    }

    /** Makes {@code entry} the entry {@code name} of {@code citadel:<section>}, for the sections after it. */
    void register(String section, String name, Object entry) {
        entries.computeIfAbsent(section, s -> new TreeMap<>()).put(name, entry);
    }

    @Override
    public String stack() {
        return config.stack();
    }

    @Override
    public <C> C entry(Inputs owner, String key, String section, Class<C> type, String name) {
        var entry = entries.getOrDefault(section, Map.of()).get(name);
        if (!type.isInstance(entry)) {
            throw owner.fail(key, ": no citadel:" + section + " entry is named '" + dev.citadel.config.Plain.shown(name)
                    + "' (there are " + entries.getOrDefault(section, Map.of()).keySet() + ")");
        }
        if (entry instanceof Resource resource) {
            waits.add(resource);
        }
        return type.cast(entry);
    }

    @Override
    public <C> Map<String, C> entries(String section, Class<C> type) {
        var found = new TreeMap<String, C>();
        entries.getOrDefault(section, Map.of()).forEach((name, entry) -> {
            if (type.isInstance(entry)) {
                found.put(name, type.cast(entry));
            }
        });
        return Collections.unmodifiableMap(found);
    }

    @Override
    public void waitFor(Resource resource) {
        waits.add(resource);
    }

    @Override
    public ComponentResourceOptions options() {
        var options = ComponentResourceOptions.builder().providers(providers);
        if (!waits.isEmpty()) {
            options.dependsOn(new ArrayList<>(waits));
        }
        return options.build();
    }

    @Override
    public StackScope another() {
        return new StackScope(config, providers, entries);
    }

    @Override
    public Optional<Output<String>> secretSetting(String key) {
        return config.secret(key);
    }
}
