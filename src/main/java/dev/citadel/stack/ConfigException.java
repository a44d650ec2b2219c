package dev.citadel.stack;

/** A mistake in stack configuration; the message names the key, the value and the fix. */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
