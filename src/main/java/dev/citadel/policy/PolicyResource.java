package dev.citadel.policy;

import dev.citadel.plan.Registration;
import dev.citadel.value.Prop;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A resource as a policy sees it, whether it comes from `citadel plan` or from the Pulumi engine
 * through the analyzer protocol: type, name, URN, properties (secrets and unknowns kept as such),
 * parent and dependencies.
 *
 * @param pluginVersion the version of the provider plugin that serves the resource, as the engine picks it: its
 *                      explicit provider's, else its own {@code version} option; empty when neither names one
 */
public record PolicyResource(
        String urn,
        String type,
        String name,
        Prop.Obj properties,
        Optional<String> parent,
        List<String> dependencies,
        Optional<String> pluginVersion
) {
    public PolicyResource {
        dependencies = List.copyOf(dependencies);
    }

    /** A resource whose plugin version is not known (a fixture, the in-program guard's single registration). */
    public PolicyResource(String urn, String type, String name, Prop.Obj properties, Optional<String> parent,
                          List<String> dependencies) {
        this(urn, type, name, properties, parent, dependencies, Optional.empty());
    }

    /** One registration on its own: its plugin version is its own version option, even if an explicit provider overrides it. */
    public static PolicyResource of(Registration r) {
        return of(r, r.version());
    }

    /**
     * Every registration of a plan, each with the plugin version the engine would run it on: a resource with an explicit
     * provider runs on that provider's version, whatever its own version option says.
     */
    public static List<PolicyResource> of(List<Registration> plan) {
        Map<String, Registration> providers = plan.stream().filter(Registration::isProvider)
                .collect(Collectors.toMap(Registration::urn, Function.identity(), (a, b) -> a));
        return plan.stream().map(r -> of(r, r.provider().map(providers::get).map(Registration::version)
                .orElse(r.version()))).toList();
    }

    private static PolicyResource of(Registration r, Optional<String> pluginVersion) {
        return new PolicyResource(r.urn(), r.type(), r.name(), r.inputs(),
                r.parent().isEmpty() ? Optional.empty() : Optional.of(r.parent()), r.dependsOn(), pluginVersion);
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
