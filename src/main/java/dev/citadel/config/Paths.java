package dev.citadel.config;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where each bound input was read ({@code citadel:databases[0].backup}). Kept beside the inputs, not in them: an
 * input class holds only its settings, because the SDK's component analyzer makes every field a schema property.
 */
public final class Paths {
    private final Map<Inputs, String> paths = new IdentityHashMap<>();

    void record(Inputs input, String path) {
        paths.put(input, path);
    }

    /** The path {@code input} was read at. */
    public String of(Inputs input) {
        var path = paths.get(input);
        if (path == null) {
            throw new IllegalStateException(input.getClass().getSimpleName() + " was not bound by this program");
        }
        return path;
    }

    /** Runs {@code work}; a mistake an input reports becomes a {@link ConfigException} naming the setting's whole path. */
    public <T> T locate(Supplier<T> work) {
        try {
            return work.get();
        } catch (InputException e) {
            throw new ConfigException(of(e.input()) + e.where());
        }
    }
}
