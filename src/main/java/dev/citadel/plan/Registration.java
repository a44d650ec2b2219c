package dev.citadel.plan;

import dev.citadel.value.Prop;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One resource as the program registered it: what `pulumi preview` would show, and what policies check.
 *
 * @param parent    URN of the parent; empty for the root stack
 * @param inputs    the inputs as the engine received them (secrets and unknowns kept as such)
 * @param provider  URN of the explicit provider instance, if any
 */
public record Registration(
        String urn,
        String type,
        String name,
        boolean custom,
        String parent,
        Prop.Obj inputs,
        Optional<String> provider,
        Optional<String> version,
        List<String> dependsOn,
        Map<String, List<String>> propertyDependencies,
        Options options
) {
    /**
     * The remaining resource options, as the engine received them ({@code aliases} as the URNs they resolve to;
     * {@code importId}: the provider's id of an object that exists, which {@code pulumi up} adopts instead of creating).
     */
    public record Options(
            boolean protect,
            boolean retainOnDelete,
            List<String> ignoreChanges,
            List<String> replaceOnChanges,
            List<String> additionalSecretOutputs,
            Optional<String> deletedWith,
            List<String> aliases,
            Optional<String> importId
    ) {
    }

    /** Adopted: {@code pulumi up} imports the existing object under this id rather than creating one. */
    public boolean isImport() {
        return options.importId().isPresent();
    }

    public boolean isProvider() {
        return type.startsWith("pulumi:providers:");
    }

    public boolean isKubernetes() {
        return type.startsWith("kubernetes:") || type.equals("pulumi:providers:kubernetes");
    }

    /** The package the resource belongs to: {@code vault} for {@code vault:kv/secretV2:SecretV2} and for {@code pulumi:providers:vault}. */
    public String pkg() {
        return isProvider() ? type.substring("pulumi:providers:".length()) : type.substring(0, type.indexOf(':'));
    }
}
