package dev.citadel.config;

/**
 * An input that may also be written as a single value ({@code groups: [admin, {name: platform, groups: [ops]}]}): the
 * binder hands the value to {@link #fromScalar} instead of reading keys.
 */
public interface ScalarForm {
    void fromScalar(String value);
}
