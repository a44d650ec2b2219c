package dev.citadel.policy.rules;

import dev.citadel.policy.PolicyResource;
import dev.citadel.policy.rules.PropReads.Match;
import dev.citadel.value.Prop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.citadel.policy.rules.PropReads.items;
import static dev.citadel.policy.rules.PropReads.opaque;

/**
 * What a workload's pod template reads (Secrets, ConfigMaps) and whether Stakater Reloader restarts it
 * when one of them changes. Shared by the rules about pods left on stale values (seeds 001, 003).
 */
final class WorkloadRefs {

    /** What a pod reads: a Secret or a ConfigMap. */
    enum Source {
        SECRET("secret"), CONFIG_MAP("configmap");

        /** Reloader's annotation prefix for this kind. */
        final String reloaderPrefix;

        Source(String reloaderPrefix) {
            this.reloaderPrefix = reloaderPrefix;
        }
    }

    /** One reference: the name (maybe unknown) and where in the pod template it is. */
    record Ref(Prop name, String where) {
    }

    /** Whether the pods restart on a change: known yes, known no, or not known before deployment. */
    enum Restarts { YES, NO, MAYBE }

    /** An object in the stack that pods may read, and who makes it (itself, or an ExternalSecret). */
    record Target(PolicyResource owner, Prop namespace, Prop name) {
    }

    /**
     * A read of a target by a workload that is not restarted when the target changes.
     *
     * @param decided false when an unknown value (a name, a namespace, an annotation) leaves it open
     */
    record StaleRead(Prop name, String where, Target target, boolean decided) {
    }

    private static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet");

    private WorkloadRefs() {
    }

    static boolean isWorkload(PolicyResource r) {
        return r.isKubernetes() && r.group().equals("apps") && WORKLOAD_KINDS.contains(r.kind());
    }

    static Prop podTemplate(PolicyResource r) {
        return r.get("spec").get("template");
    }

    /** Every reference of the pod template to objects of {@code source}'s kind. */
    static List<Ref> references(PolicyResource workload, Source source) {
        var refs = new ArrayList<Ref>();
        var pod = podTemplate(workload).get("spec");
        var secret = source == Source.SECRET;
        for (var list : List.of("containers", "initContainers")) {
            var containers = pod.get(list);
            if (opaque(containers)) {
                refs.add(new Ref(Prop.UNKNOWN, "spec.template.spec." + list));
            }
            for (var c : items(containers)) {
                var cname = c.get("name").string().orElse("?");
                for (var env : items(c.get("env"))) {
                    var ref = env.get("valueFrom").get(secret ? "secretKeyRef" : "configMapKeyRef");
                    if (!ref.isNull()) {
                        refs.add(new Ref(ref.get("name"), "env " + env.get("name").string().orElse("?") + " of container " + cname));
                    }
                }
                for (var from : items(c.get("envFrom"))) {
                    var ref = from.get(secret ? "secretRef" : "configMapRef");
                    if (!ref.isNull()) {
                        refs.add(new Ref(ref.get("name"), "envFrom of container " + cname));
                    }
                }
            }
        }
        if (opaque(pod.get("volumes"))) {
            refs.add(new Ref(Prop.UNKNOWN, "spec.template.spec.volumes"));
        }
        for (var volume : items(pod.get("volumes"))) {
            var vname = volume.get("name").string().orElse("?");
            var direct = secret ? volume.get("secret").get("secretName") : volume.get("configMap").get("name");
            if (!direct.isNull()) {
                refs.add(new Ref(direct, "volume " + vname));
            }
            for (var projected : items(volume.get("projected").get("sources"))) {
                var ref = projected.get(secret ? "secret" : "configMap");
                if (!ref.isNull()) {
                    refs.add(new Ref(ref.get("name"), "projected volume " + vname));
                }
            }
        }
        return refs;
    }

    /**
     * The targets of a stack, looked up by namespace and name. Matching each reference against every target
     * made a stack check quadratic: thousands of workloads times thousands of ExternalSecrets (AnalyzeStack
     * took 53 s at 20,000 resources). Targets whose namespace or name is unknown may be any, so they are
     * kept apart and tried in order, as are references whose own name or namespace is unknown.
     */
    static final class Targets {
        private final List<Target> all;
        private final Map<List<String>, Target> known = new HashMap<>();
        private final List<Target> open = new ArrayList<>();

        Targets(List<Target> all) {
            this.all = List.copyOf(all);
            for (var t : all) {
                var ns = PropReads.text(t.namespace());
                var name = PropReads.text(t.name());
                if (opaque(t.namespace()) || opaque(t.name())) {
                    open.add(t);
                } else {
                    known.putIfAbsent(List.of(ns.orElse(""), name.orElse("")), t);
                }
            }
        }

        boolean isEmpty() {
            return all.isEmpty();
        }

        /** {sure, maybe}: the first target that is the same, else the first that may be (as a scan in order would find). */
        Target[] match(Prop ns, Prop name) {
            if (opaque(ns) || opaque(name)) {
                return scan(all, ns, name);
            }
            var sure = known.get(List.of(PropReads.text(ns).orElse(""), PropReads.text(name).orElse("")));
            return sure != null ? new Target[]{sure, null} : scan(open, ns, name);
        }

        private static Target[] scan(List<Target> targets, Prop ns, Prop name) {
            Target maybe = null;
            for (var t : targets) {
                var match = Match.all(PropReads.compare(ns, t.namespace()), PropReads.compare(name, t.name()));
                if (match == Match.SAME) {
                    return new Target[]{t, null};
                }
                if (match == Match.MAYBE && maybe == null) {
                    maybe = t;
                }
            }
            return new Target[]{null, maybe};
        }
    }

    /**
     * The workload's reads of {@code targets} whose change does not restart its pods: neither Reloader nor
     * {@code otherwise} (another mechanism, e.g. a checksum annotation) restarts them. One entry per name.
     */
    static List<StaleRead> staleReads(PolicyResource workload, Source source, Targets targets, Restarts otherwise) {
        var out = new ArrayList<StaleRead>();
        if (otherwise == Restarts.YES) {
            return out;
        }
        var ns = PropReads.namespace(workload);
        var byName = new LinkedHashMap<String, List<Ref>>();
        for (var ref : references(workload, source)) {
            byName.computeIfAbsent(PropReads.show(ref.name()), k -> new ArrayList<>()).add(ref);
        }
        for (var refs : byName.values()) {
            var name = refs.get(0).name();
            var found = targets.match(ns, name);
            Target sure = found[0];
            Target maybe = found[1];
            var restarts = reloaderRestarts(workload, source, name);
            if ((sure == null && maybe == null) || restarts == Restarts.YES) {
                continue;
            }
            var where = refs.stream().map(Ref::where).collect(Collectors.joining(", "));
            var decided = sure != null && restarts == Restarts.NO && otherwise == Restarts.NO;
            out.add(new StaleRead(name, where, sure != null ? sure : maybe, decided));
        }
        return out;
    }

    /**
     * Whether Reloader restarts the workload when the named object changes. Reloader reads its
     * annotations from the workload and from the pod template (charts often expose only podAnnotations,
     * as in seed 003's {@code values.podAnnotations}).
     */
    static Restarts reloaderRestarts(PolicyResource workload, Source source, Prop name) {
        var result = Restarts.NO;
        for (var annotations : List.of(workload.metadata().get("annotations"), podTemplate(workload).get("metadata").get("annotations"))) {
            if (opaque(annotations)) {
                result = Restarts.MAYBE;
                continue;
            }
            for (var key : List.of("reloader.stakater.com/auto", source.reloaderPrefix + ".reloader.stakater.com/auto")) {
                var value = annotations.get(key);
                if (opaque(value)) {
                    result = Restarts.MAYBE;
                } else if (value.string().map(WorkloadRefs::parseBool).orElse(false)) {
                    return Restarts.YES;
                }
            }
            var listed = annotations.get(source.reloaderPrefix + ".reloader.stakater.com/reload");
            if (opaque(listed) || (!listed.isNull() && opaque(name))) {
                result = Restarts.MAYBE;
            } else if (listed.string().isPresent() && name.string().isPresent()
                    && List.of(listed.string().get().split(",")).stream().map(String::strip).anyMatch(name.string().get()::equals)) {
                return Restarts.YES;
            }
        }
        return result;
    }

    /** Reloader reads its switches with Go's strconv.ParseBool. */
    private static boolean parseBool(String value) {
        return Set.of("1", "t", "true").contains(value.strip().toLowerCase(Locale.ROOT));
    }
}
