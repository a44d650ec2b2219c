package dev.citadel.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a setting of an input class means, for the generated settings reference ({@code docs/settings.md}). Defaults are
 * named by the builders' own constants ({@code "default " + CnpgClusterArgs.DEFAULT_IMAGE}), never restated.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.TYPE})
public @interface Doc {
    String value();
}
