package dev.citadel.config;

/**
 * A mistake found in an input while it builds its component's args: {@code where} follows the input's own path
 * ({@code .backup.retention: '30days' ...}, {@code : give secret or secretName}). The program that bound the input
 * knows that path ({@link Paths}) and turns this into a {@link ConfigException} naming the whole of it.
 */
public final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Inputs input;
    private final String where;

    public InputException(Inputs input, String where) {
        super(input.getClass().getSimpleName() + where);
        this.input = input;
        this.where = where;
    }

    public Inputs input() {
        return input;
    }

    /** The rest of the message, after the input's path. */
    public String where() {
        return where;
    }
}
