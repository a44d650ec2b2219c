package dev.citadel.config;

import com.pulumi.resources.ResourceArgs;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The input shape of a component: plain fields named as a stack-config author (or a YAML/TypeScript program) writes
 * them, marked with the SDK's {@code @Import} so the same class describes the component to other languages; it holds
 * nothing else, since the SDK's component analyzer makes every field a property. An input class does not validate: its
 * {@code toArgs} calls the component's builder, whose {@code build()} is the only validator, and {@link #build} reports
 * the builder's message at the setting it is about.
 */
public abstract class Inputs extends ResourceArgs {
    /**
     * Runs a builder: its rejection is reported at this input, joined to the setting it starts with when that is one of
     * this input's settings ({@code backup.retention: '30days' ...} at {@code citadel:databases[0]} reads
     * {@code citadel:databases[0].backup.retention: '30days' ...}).
     */
    public final <T> T build(Supplier<T> build) {
        try {
            return build.get();
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw refusal(this, message(e));
        }
    }

    /**
     * As {@link #build(Supplier)}, for args built from this input and {@code also} (an RDS user and the endpoint it lives
     * on): a rejection that starts with one of {@code also}'s settings is reported there.
     */
    public final <T> T build(Supplier<T> build, Inputs also) {
        try {
            return build.get();
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            var message = message(e);
            if (!Settings.startsWithSetting(getClass(), message) && Settings.startsWithSetting(also.getClass(), message)) {
                throw new InputException(also, "." + message);
            }
            throw refusal(this, message);
        }
    }

    /** Runs a builder whose rejection is about one setting, {@code key}, whatever words it starts with. */
    public final <T> T build(String key, Supplier<T> build) {
        try {
            return build.get();
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InputException(this, "." + key + ": " + message(e));
        }
    }

    /** A mistake in setting {@code key}; {@code rest} follows its path ({@code " is missing; ..."}, {@code ": 'x' is ..."}). */
    public final InputException fail(String key, String rest) {
        return new InputException(this, "." + key + rest);
    }

    /** A choice the shape cannot express (one of two keys, neither given); {@code rest} follows this input's path. */
    public final InputException mistake(String rest) {
        return new InputException(this, rest);
    }

    /** Calls {@code setter} with a setting that was given; one not given leaves the builder's own default. */
    protected static <T> void ifSet(T value, Consumer<? super T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    /** What a user of stack config is shown of a builder's rejection: the fix in keys, not in Java calls, when it has both. */
    static String message(IllegalArgumentException e) {
        if (e instanceof dev.citadel.component.ComponentError c) {
            // Stack config names the entry by its citadel: path, not by the component's Java name.
            return message(c.refusal());
        }
        return e instanceof dev.citadel.value.Refused r ? r.inConfig() : String.valueOf(e.getMessage());
    }

    private static InputException refusal(Inputs input, String message) {
        return new InputException(input, Settings.startsWithSetting(input.getClass(), message) ? "." + message : ": " + message);
    }
}
