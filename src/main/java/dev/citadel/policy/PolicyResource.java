package dev.citadel.policy;

import dev.citadel.plan.Registration;
import dev.citadel.value.Prop;

import java.util.List;
import java.util.Optional;

/**
 * A resource as a policy sees it, whether it comes from `citadel plan` or from the Pulumi engine
 * through the analyzer protocol: type, name, URN, properties (secrets and unknowns kept as such),
 * parent and dependencies.
 */
public record PolicyResource(
        String urn,
        String type,
        String name,
        Prop.Obj properties,
        Optional<String> parent,
        List<String> dependencies
) {
    public PolicyResource {
        dependencies = List.copyOf(dependencies);
    }

    public static PolicyResource of(Registration r) {
        return new PolicyResource(r.urn(), r.type(), r.name(), r.inputs(),
                r.parent().isEmpty() ? Optional.empty() : Optional.of(r.parent()), r.dependsOn());
    }

    public Prop get(String key) {
        return properties.get(key);
    }

    /** True for Kubernetes objects (not the provider instance). */
    public boolean isKubernetes() {
        return type.startsWith("kubernetes:");
    }

    /** Kubernetes kind, from the object or, failing that, the type token. */
    public String kind() {
        return properties.get("kind").string().orElse(type.substring(type.lastIndexOf(':') + 1));
    }

    /** {@code group/version} of a Kubernetes object, from the object or the type token. */
    public String apiVersion() {
        var fromBody = properties.get("apiVersion").string();
        if (fromBody.isPresent()) {
            return fromBody.get();
        }
        var parts = type.split(":");
        return parts.length == 3 ? parts[1].replaceFirst("^core/", "") : "";
    }

    public String group() {
        var api = apiVersion();
        return api.contains("/") ? api.substring(0, api.indexOf('/')) : "";
    }

    public boolean isKind(String group, String kind) {
        return isKubernetes() && group().equals(group) && kind().equals(kind);
    }

    public Prop metadata() {
        return properties.get("metadata");
    }

    /** The object's name, or the Pulumi name when it is auto-named or unknown. */
    public String objectName() {
        return metadata().get("name").string().orElse(name);
    }

    public Optional<String> namespace() {
        return metadata().get("namespace").string();
    }
}
