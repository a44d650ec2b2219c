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
import static dev.citadel.policy.rules.PropReads.show;

/**
 * Seed 003: when External Secrets changed a Secret, PowerDNS kept the old API key in its environment
 * (nothing restarted it) while the webhook read the new one: 401 Unauthorized. A workload that reads a
 * Secret an ExternalSecret writes must be restarted by Reloader when that Secret changes.
 */
public final class SecretConsumersReload implements Policy.StackPolicy {
    static final PolicyInfo INFO = new PolicyInfo(
            "secret-consumers-reload",
            "Workloads reading a Secret synced by External Secrets must be restarted by Reloader when it changes",
            EnforcementLevel.ADVISORY,
            "Annotate the workload with secret.reloader.stakater.com/reload: <secret>[,<secret>...] "
                    + "(Citadel's Reloader.annotate does this for VaultBackedSecret consumers), or with "
                    + "reloader.stakater.com/auto: \"true\"; and run Stakater Reloader in the cluster",
            "003");

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public void check(List<PolicyResource> resources, PolicyArgs args, Findings findings) {
        // The Secret an ExternalSecret writes is spec.target.name, or the ExternalSecret's own name (which,
        // when Pulumi auto-names it, is not known before deployment).
        var synced = new ArrayList<Target>();
        for (var r : resources) {
            if (r.isKind("external-secrets.io", "ExternalSecret")) {
                Prop target = r.get("spec").get("target").get("name");
                Prop own = r.metadata().get("name").isNull() ? Prop.UNKNOWN : r.metadata().get("name");
                synced.add(new Target(r, namespace(r), target.isNull() ? own : target));
            }
        }
        if (synced.isEmpty()) {
            return;
        }
        var targets = new WorkloadRefs.Targets(synced);
        for (var workload : resources) {
            if (!WorkloadRefs.isWorkload(workload)) {
                continue;
            }
            for (var read : WorkloadRefs.staleReads(workload, Source.SECRET, targets, Restarts.NO)) {
                var what = workload.kind() + " " + workload.objectName() + " (namespace " + show(namespace(workload))
                        + ") reads Secret " + show(read.name()) + " (" + read.where() + ")";
                if (!read.decided()) {
                    findings.undecidable(workload, "Whether " + what + ", which ExternalSecret "
                            + read.target().owner().objectName() + " may write, is restarted by Reloader");
                    continue;
                }
                findings.violation(workload, what + ", which ExternalSecret " + read.target().owner().objectName()
                        + " writes, but has no Reloader annotation for it: when the Secret changes the pods keep "
                        + "the old value. Add secret.reloader.stakater.com/reload: " + show(read.name())
                        + " (or reloader.stakater.com/auto: \"true\")");
            }
        }
    }
}
