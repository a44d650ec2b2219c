package dev.citadel.component;

/**
 * A component's refusal, naming the component as its stack-config twin names the {@code citadel:} path:
 * {@code CnpgCluster 'app-db': bootstrap: ...}. A program of several clusters, secrets and realms otherwise said only
 * what was wrong, not where. The refusal as the check said it stays the cause, so stack config, which names the entry's
 * path instead, shows that.
 */
public final class ComponentError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private ComponentError(String message, IllegalArgumentException refusal) {
        super(message, refusal);
    }

    /** {@code CnpgCluster 'app-db'}: the component's class and its Pulumi name, as a user wrote them. */
    public static String describe(String type, String name) {
        return type.substring(type.lastIndexOf(':') + 1) + " '" + name + "'";
    }

    /** The refusal with the component in front; {@code type} is the component's type token. */
    public static ComponentError of(String type, String name, IllegalArgumentException refusal) {
        return new ComponentError(describe(type, name) + ": " + refusal.getMessage(), refusal);
    }

    /** The refusal as the component's own check made it. */
    public IllegalArgumentException refusal() {
        return (IllegalArgumentException) getCause();
    }
}
