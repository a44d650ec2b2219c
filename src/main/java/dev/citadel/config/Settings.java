package dev.citadel.config;

import com.pulumi.core.annotations.Import;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of an input class, read from its {@code @Import} fields in declaration order: the same fields the SDK's
 * component analyzer reads, so stack config, the settings reference and a package schema cannot disagree.
 */
public final class Settings {
    private Settings() {
    }

    /** One setting: its key, whether it must be given, its Java field and what it means. */
    public record Setting(String key, boolean required, Field field, String doc) {
        public Type type() {
            return field.getGenericType();
        }

        /** The input class a nested setting (or each item of a list of them) binds to, if any. */
        public Optional<Class<? extends Inputs>> nested() {
            var type = type();
            if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
                type = p.getActualTypeArguments()[0];
            }
            if (type instanceof Class<?> c && Inputs.class.isAssignableFrom(c)) {
                return Optional.of(c.asSubclass(Inputs.class));
            }
            return Optional.empty();
        }
    }

    /** The settings of {@code inputs}, those of its superclasses first (as the SDK's schema has them too). */
    public static List<Setting> of(Class<?> inputs) {
        var settings = new ArrayList<Setting>();
        var parent = inputs.getSuperclass();
        if (parent != null && parent != Inputs.class && Inputs.class.isAssignableFrom(parent)) {
            settings.addAll(of(parent));
        }
        for (var field : inputs.getDeclaredFields()) {
            var imported = field.getAnnotation(Import.class);
            if (imported == null || Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            var doc = field.getAnnotation(Doc.class);
            var key = imported.name().isEmpty() ? field.getName() : imported.name();
            settings.add(new Setting(key, imported.required(), field, doc == null ? "" : doc.value()));
        }
        return settings;
    }

    public static Optional<Setting> named(Class<?> inputs, String key) {
        return of(inputs).stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /**
     * Whether {@code message} starts with a setting path of {@code inputs} ({@code instances}, {@code backup.retention})
     * followed by a space, a colon or the end.
     */
    static boolean startsWithSetting(Class<?> inputs, String message) {
        var end = 0;
        while (end < message.length() && (Character.isLetterOrDigit(message.charAt(end)) || "._-".indexOf(message.charAt(end)) >= 0)) {
            end++;
        }
        if (end == 0 || (end < message.length() && message.charAt(end) != ' ' && message.charAt(end) != ':')) {
            return false;
        }
        Class<?> type = inputs;
        for (var segment : message.substring(0, end).split("\\.", -1)) {
            if (type == null) {
                return false;
            }
            var setting = named(type, segment);
            if (setting.isEmpty()) {
                return false;
            }
            if (setting.get().type() instanceof ParameterizedType p && p.getRawType() == Map.class) {
                return true;
            }
            type = setting.get().nested().orElse(null);
        }
        return true;
    }

    /** How the settings reference names a setting's type. */
    public static String typeName(Type type) {
        if (type instanceof ParameterizedType p) {
            var args = p.getActualTypeArguments();
            if (p.getRawType() == List.class) {
                return "list of " + typeName(args[0]);
            }
            if (p.getRawType() == Map.class) {
                return args[1] == Object.class ? "map" : "map of " + typeName(args[1]);
            }
        }
        if (type == String.class) {
            return "string";
        }
        if (type == Integer.class) {
            return "integer";
        }
        if (type == Boolean.class) {
            return "boolean";
        }
        if (type == Double.class) {
            return "number";
        }
        if (type == Object.class) {
            return "any";
        }
        if (type instanceof Class<?> c && Inputs.class.isAssignableFrom(c)) {
            return ScalarForm.class.isAssignableFrom(c) ? "string or map" : "map";
        }
        throw new IllegalStateException("no settings type for " + type);
    }
}
