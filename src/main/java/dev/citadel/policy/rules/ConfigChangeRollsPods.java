package dev.citadel.policy.rules;

import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.Findings;
import dev.citadel.policy.Policy;
import dev.citadel.policy.PolicyArgs;
import dev.citadel.policy.PolicyInfo;
import dev.citadel.policy.PolicyResource;
import dev.citadel.policy.rules.WorkloadRefs.Restarts;
import dev.citadel.policy.rules.WorkloadRefs.Source;
import dev.citadel.policy.rules.WorkloadRefs.Target;
import dev.citadel.value.Prop;

import java.util.ArrayList;
import java.util.List;

import static dev.citadel.policy.rules.PropReads.namespace;
import static dev.citadel.policy.rules.PropReads.opaque;
import static dev.citadel.policy.rules.PropReads.show;

/**
 * Seed 001: a changed pgbouncer.ini (idle_transaction_timeout) and a changed auth-proxy nginx config did
 * nothing until someone restarted the pods; both got a config-checksum annotation "so config changes roll
 * the pods". A workload reading a ConfigMap of the stack needs a checksum annotation on its pod template
 * or Reloader.
 */
public final class ConfigChangeRollsPods implements Policy.StackPolicy {
    static final PolicyInfo INFO = new PolicyInfo(
            "config-change-rolls-pods",
            "Workloads reading a ConfigMap of the stack must roll when it changes (checksum/ annotation or Reloader)",
            EnforcementLevel.ADVISORY,
            "Add a checksum/<name> annotation with a hash of the ConfigMap's data to spec.template.metadata."
                    + "annotations, so a change rolls the pods; or annotate the workload with "
                    + "configmap.reloader.stakater.com/reload: <configmap> (or reloader.stakater.com/auto: \"true\")",
            "001");

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public void check(List<PolicyResource> resources, PolicyArgs args, Findings findings) {
        var configMaps = new ArrayList<Target>();
        for (var r : resources) {
            // Pulumi's Kubernetes provider replaces a ConfigMap whose data changes (unless the provider sets
            // enableConfigMapMutable); an auto-named one comes back under a new name, which rolls its readers.
            // Only explicitly named ones change under running pods.
            if (r.isKind("", "ConfigMap") && !r.metadata().get("name").isNull()) {
                configMaps.add(new Target(r, namespace(r), r.metadata().get("name")));
            }
        }
        if (configMaps.isEmpty()) {
            return;
        }
        var targets = new WorkloadRefs.Targets(configMaps);
        for (var workload : resources) {
            if (!WorkloadRefs.isWorkload(workload)) {
                continue;
            }
            for (var read : WorkloadRefs.staleReads(workload, Source.CONFIG_MAP, targets, checksum(workload))) {
                var what = workload.kind() + " " + workload.objectName() + " (namespace " + show(namespace(workload))
                        + ") reads ConfigMap " + show(read.name()) + " (" + read.where() + ")";
                if (!read.decided()) {
                    findings.undecidable(workload, "Whether " + what + " rolls when it changes");
                    continue;
                }
                findings.violation(workload, what + " from this stack, but its pod template has no checksum/ "
                        + "annotation and no Reloader annotation: a config change leaves the pods running the old "
                        + "config. Add checksum/config: <hash of the data> to spec.template.metadata.annotations, "
                        + "or configmap.reloader.stakater.com/reload: " + show(read.name()));
            }
        }
    }

    /** A {@code checksum/...} annotation on the pod template changes the template, hence rolls the pods. */
    private static Restarts checksum(PolicyResource workload) {
        Prop annotations = WorkloadRefs.podTemplate(workload).get("metadata").get("annotations");
        if (opaque(annotations)) {
            return Restarts.MAYBE;
        }
        if (annotations instanceof Prop.Obj
                && ((Prop.Obj) annotations).fields().keySet().stream().anyMatch(k -> k.startsWith("checksum/"))) {
            return Restarts.YES;
        }
        return Restarts.NO;
    }
}
