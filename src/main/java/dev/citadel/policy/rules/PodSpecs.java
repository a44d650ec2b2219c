package dev.citadel.policy.rules;

import dev.citadel.policy.PolicyResource;
import dev.citadel.value.Prop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.citadel.policy.rules.PropReads.items;
import static dev.citadel.policy.rules.PropReads.opaque;

/**
 * The pod spec inside a Kubernetes workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job,
 * CronJob, Pod) and the containers in it.
 */
final class PodSpecs {

    /**
     * One container of a pod spec.
     *
     * @param init true for an init container
     */
    record Container(String name, boolean init, Prop spec) {
        String describe() {
            return (init ? "init container " : "container ") + name;
        }

        Image image() {
            return Image.ofReference(describe(), spec.get("image"));
        }
    }

    private static final Set<String> TEMPLATED = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job");

    private PodSpecs() {
    }

    /** The pod spec of a workload; empty for anything else. */
    static Optional<Prop> of(PolicyResource r) {
        if (!r.isKubernetes()) {
            return Optional.empty();
        }
        var kind = r.kind();
        var group = r.group();
        if (kind.equals("Pod") && group.isEmpty()) {
            return Optional.of(r.get("spec"));
        }
        if (kind.equals("CronJob") && group.equals("batch")) {
            return Optional.of(r.get("spec").get("jobTemplate").get("spec").get("template").get("spec"));
        }
        if (TEMPLATED.contains(kind) && (group.equals("apps") || group.equals("batch"))) {
            return Optional.of(r.get("spec").get("template").get("spec"));
        }
        return Optional.empty();
    }

    /** Containers then init containers. */
    static List<Container> containers(Prop podSpec) {
        var out = new ArrayList<Container>();
        for (var list : List.of("containers", "initContainers")) {
            for (var c : items(podSpec.get(list))) {
                out.add(new Container(c.get("name").string().orElse("?"), list.equals("initContainers"), c));
            }
        }
        return out;
    }

    /**
     * The part of the pod spec that cannot be read before deployment ({@code spec.containers} when that
     * whole list is unknown), if any: a check that needs every container must then say so.
     */
    static Optional<String> unreadable(Prop podSpec) {
        if (opaque(podSpec)) {
            return Optional.of("the pod spec");
        }
        for (var list : List.of("containers", "initContainers")) {
            if (opaque(podSpec.get(list))) {
                return Optional.of("the " + list + " list");
            }
        }
        return Optional.empty();
    }

    /**
     * An env list ({@code [{name, value | valueFrom}]}, as in containers and chart {@code env} values) as a
     * map of name to value. A {@code valueFrom} is read at runtime, so its value is {@link Prop#UNKNOWN}.
     */
    static Map<String, Prop> env(Prop envList) {
        var out = new LinkedHashMap<String, Prop>();
        for (var e : items(envList)) {
            var name = e.get("name").string();
            if (name.isPresent()) {
                out.put(name.get(), e.get("valueFrom").isNull() ? e.get("value") : Prop.UNKNOWN);
            }
        }
        return out;
    }
}
