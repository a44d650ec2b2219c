package dev.citadel.config;

import java.util.function.Supplier;

/** A mistake in stack configuration; the message names the key, the value and the fix. */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    /**
     * Builds something from the setting at {@code where}: a builder's rejection (an {@link IllegalArgumentException}
     * naming the field and the fix) gets the setting's path in front, so the user finds the line to change.
     */
    public static <T> T at(String where, Supplier<T> build) {
        try {
            return build.get();
        } catch (ConfigException e) {
            throw e;
        } catch (dev.citadel.component.ComponentError e) {
            if (e.refusal() instanceof ConfigException c) {
                throw c;
            }
            throw new ConfigException(where + ": " + Inputs.message(e));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ": " + Inputs.message(e));
        }
    }
}
