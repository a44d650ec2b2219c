package dev.citadel.config;

import com.pulumi.resources.ResourceArgs;

import java.util.function.Supplier;

/**
 * The input shape of a component: plain fields named as a stack-config author (or a YAML/TypeScript program) writes
 * them, marked with the SDK's {@code @Import} so the same class describes the component to other languages. An input
 * class does not validate: its {@code toArgs} calls the component's builder, whose {@code build()} is the only
 * validator, and {@link #build} puts the setting's path in front of the builder's message.
 */
public abstract class Inputs extends ResourceArgs {
    /** Where the binder read this input ({@code citadel:databases[0]}); empty for one made in code. */
    private String at = "";

    final void boundAt(String path) {
        this.at = path;
    }

    /** The path this input was read at, for messages. */
    public final String at() {
        return at;
    }

    /** The path of one of this input's settings. */
    public final String at(String key) {
        return at + "." + key;
    }

    /**
     * Runs a builder: its rejection names this input's path, joined to the setting it starts with when that is one of
     * this input's settings ({@code backup.retention: '30days' ...} becomes {@code citadel:databases[0].backup.retention: ...}).
     */
    public final <T> T build(Supplier<T> build) {
        try {
            return build.get();
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            var message = message(e);
            throw new ConfigException(Settings.startsWithSetting(getClass(), message) ? at + "." + message : at + ": " + message);
        }
    }

    /**
     * As {@link #build(Supplier)}, for args built from this input and {@code also} (an RDS user and the endpoint it lives
     * on): a rejection that starts with one of {@code also}'s settings names it there.
     */
    public final <T> T build(Supplier<T> build, Inputs also) {
        try {
            return build.get();
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            var message = message(e);
            if (!Settings.startsWithSetting(getClass(), message) && Settings.startsWithSetting(also.getClass(), message)) {
                throw new ConfigException(also.at + "." + message);
            }
            throw new ConfigException(Settings.startsWithSetting(getClass(), message) ? at + "." + message : at + ": " + message);
        }
    }

    /** What a user of stack config is shown of a builder's rejection: the fix in keys, not in Java calls, when it has both. */
    static String message(IllegalArgumentException e) {
        return e instanceof dev.citadel.value.Refused r ? r.inConfig() : String.valueOf(e.getMessage());
    }

    /** Runs a builder whose rejection is about one setting, {@code key}, whatever words it starts with. */
    public final <T> T build(String key, Supplier<T> build) {
        return ConfigException.at(at(key), build);
    }

    /** Calls {@code setter} with a setting that was given; one not given leaves the builder's own default. */
    protected static <T> void ifSet(T value, java.util.function.Consumer<? super T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    /** Refuses a choice the shape cannot express (one of two keys, neither given): the message names this input. */
    public final ConfigException mistake(String message) {
        return new ConfigException(at + message);
    }
}
