package dev.citadel.value;

/**
 * A builder's refusal whose fix reads differently in code and in stack config: the message names Java calls
 * ({@code generate("password")}), {@link #inConfig()} the same fix as the keys a stack file has
 * ({@code generate: [{key: password}]}). The stack program shows the second, so a user of YAML is never told to
 * call a method.
 */
public final class Refused extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String inConfig;

    public Refused(String message, String inConfig) {
        super(message);
        this.inConfig = inConfig;
    }

    public String inConfig() {
        return inConfig;
    }
}
