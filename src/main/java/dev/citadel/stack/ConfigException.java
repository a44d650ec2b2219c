package dev.citadel.stack;

/** A mistake in stack configuration; the message names the key, the value and the fix. */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    /**
     * Builds args from the setting at {@code where}: a builder's rejection (an {@link IllegalArgumentException}
     * naming the field and the fix) gets the setting's path in front, so the user finds the line to change.
     */
    static <T> T at(String where, java.util.function.Supplier<T> build) {
        return at(where, java.util.Map.of(), build);
    }

    /**
     * As {@link #at(String, java.util.function.Supplier)}, where a rejection that starts with a builder call the setting
     * became (a key of {@code keys}, e.g. {@code bind("user", "cluster-admin")}) names the setting's own key instead
     * ({@code bindings.user}): the user wrote YAML, not that call.
     */
    static <T> T at(String where, java.util.Map<String, String> keys, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            var message = e.getMessage();
            for (var k : keys.entrySet()) {
                if (message.startsWith(k.getKey())) {
                    throw new ConfigException(where + "." + k.getValue() + message.substring(k.getKey().length()));
                }
            }
            throw new ConfigException(where + ": " + message);
        }
    }
}
