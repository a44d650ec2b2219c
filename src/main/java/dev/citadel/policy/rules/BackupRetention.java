package dev.citadel.policy.rules;

import dev.citadel.contract.BarmanCloud;
import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.Findings;
import dev.citadel.policy.Policy;
import dev.citadel.policy.PolicyArgs;
import dev.citadel.policy.PolicyInfo;
import dev.citadel.policy.PolicyResource;
import dev.citadel.value.Prop;

import static dev.citadel.policy.rules.PropReads.opaque;

/**
 * Seed 000: the barman buckets kept every WAL file of every earlier cluster incarnation until someone ran
 * a clean-up script by hand; the report's recommendation is retention policies "to automatically clean
 * old data". Advisory: the seed recommends it, the outage itself came from reused paths
 * (unique-backup-path).
 */
public final class BackupRetention implements Policy.ResourcePolicy {
    static final PolicyInfo INFO = new PolicyInfo(
            "backup-retention",
            "Barman object stores (and legacy Cluster backups) must set a retention policy",
            EnforcementLevel.ADVISORY,
            "Set spec.retentionPolicy on the ObjectStore (e.g. \"30d\"); for a Cluster's legacy "
                    + "spec.backup.barmanObjectStore set spec.backup.retentionPolicy. Citadel's CnpgCluster sets one",
            "000");

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public void check(PolicyResource r, PolicyArgs args, Findings findings) {
        if (r.isKind("barmancloud.cnpg.io", "ObjectStore")) {
            check(r, r.get("spec").get(BarmanCloud.RETENTION_KEY), "spec." + BarmanCloud.RETENTION_KEY, findings);
        } else if (r.isKind("postgresql.cnpg.io", "Cluster")) {
            var backup = r.get("spec").get("backup");
            var store = backup.get("barmanObjectStore");
            if (store.isNull()) {
                return; // no legacy store: its backups (if any) go through an ObjectStore, checked there
            }
            var retention = backup.get("retentionPolicy");
            if (opaque(store) && retention.isNull()) {
                findings.undecidable(r, "Whether Cluster " + r.objectName() + " backs up with spec.backup.barmanObjectStore");
                return;
            }
            check(r, retention, "spec.backup.retentionPolicy", findings);
        }
    }

    private static void check(PolicyResource r, Prop retention, String path, Findings findings) {
        if (opaque(retention)) {
            findings.undecidable(r, path);
            return;
        }
        if (retention.string().map(String::isBlank).orElse(true)) {
            findings.violation(r, r.kind() + " " + r.objectName() + " has no " + path
                    + ": old base backups and WAL files are never removed and pile up in the bucket (seed 000 needed "
                    + "a manual clean-up of every bucket); set it, e.g. \"30d\"");
        }
    }
}
