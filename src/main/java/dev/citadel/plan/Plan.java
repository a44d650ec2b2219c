package dev.citadel.plan;

import dev.citadel.value.Prop;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a program registered in one offline preview, in canonical order (by URN).
 *
 * @param outputs          the stack's exported outputs
 * @param componentOutputs what each component registered as its outputs, by URN (a KeycloakRealm's {@code realmJson}:
 *                         what {@code citadel verify --realm-drift} compares the live realm with)
 * @param reads            the live objects the program read, in canonical order (by type, then id)
 */
public record Plan(String project, String stack, List<Registration> resources, Prop.Obj outputs,
                   Map<String, Prop.Obj> componentOutputs, List<LiveRead> reads) {

    public Plan {
        resources = List.copyOf(resources);
        componentOutputs = Map.copyOf(componentOutputs);
        reads = List.copyOf(reads);
    }

    public Plan(String project, String stack, List<Registration> resources, Prop.Obj outputs) {
        this(project, stack, resources, outputs, Map.of(), List.of());
    }

    /** The outputs the resource registered (components only); empty when it registered none. */
    public Optional<Prop.Obj> outputsOf(Registration resource) {
        return Optional.ofNullable(componentOutputs.get(resource.urn()));
    }

    public Optional<Registration> find(String type, String name) {
        return resources.stream().filter(r -> r.type().equals(type) && r.name().equals(name)).findFirst();
    }

    public List<Registration> ofType(String type) {
        return resources.stream().filter(r -> r.type().equals(type)).toList();
    }

    public List<Registration> childrenOf(String urn) {
        return resources.stream().filter(r -> r.parent().equals(urn)).toList();
    }
}
