package dev.citadel.policy.rules;

import dev.citadel.contract.BarmanCloud;
import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.Findings;
import dev.citadel.policy.Policy;
import dev.citadel.policy.PolicyArgs;
import dev.citadel.policy.PolicyInfo;
import dev.citadel.policy.PolicyResource;
import dev.citadel.value.Prop;

import java.util.ArrayList;
import java.util.List;

import static dev.citadel.policy.rules.PropReads.items;
import static dev.citadel.policy.rules.PropReads.opaque;

/**
 * Seed 000: boto3 ≥ 1.36 sends request checksums that S3-compatible stores (RustFS, older MinIO) reject,
 * and barman-cloud WAL archiving failed with "exit status 1" until the sidecar had
 * AWS_REQUEST_CHECKSUM_CALCULATION and AWS_RESPONSE_CHECKSUM_VALIDATION set to when_required (obot's
 * ObjectStore was the one left without them).
 */
public final class S3CompatibleChecksumEnv implements Policy.ResourcePolicy {
    static final PolicyInfo INFO = new PolicyInfo(
            "s3-compatible-checksum-env",
            "Barman backups to a non-AWS S3 endpoint must set boto3's checksum variables to when_required",
            EnforcementLevel.MANDATORY,
            "Set AWS_REQUEST_CHECKSUM_CALCULATION=when_required and AWS_RESPONSE_CHECKSUM_VALIDATION=when_required "
                    + "in the ObjectStore's spec.instanceSidecarConfiguration.env (for a Cluster's legacy "
                    + "spec.backup.barmanObjectStore: in the Cluster's spec.env); Citadel's CnpgCluster does this",
            "000");

    static final List<String> REQUIRED = BarmanCloud.CHECKSUM_ENV;

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public void check(PolicyResource r, PolicyArgs args, Findings findings) {
        if (r.isKind("barmancloud.cnpg.io", "ObjectStore")) {
            var spec = r.get("spec");
            check(r, spec.get("configuration"), "spec.configuration", spec.get("instanceSidecarConfiguration").get("env"),
                    "spec.instanceSidecarConfiguration.env", findings);
        } else if (r.isKind("postgresql.cnpg.io", "Cluster")) {
            var spec = r.get("spec");
            check(r, spec.get("backup").get("barmanObjectStore"), "spec.backup.barmanObjectStore", spec.get("env"),
                    "spec.env", findings);
        }
    }

    private static void check(PolicyResource r, Prop store, String storePath, Prop env, String envPath, Findings findings) {
        var endpointProp = store.get("endpointURL");
        if (endpointProp.isNull()) {
            return; // no endpoint: boto3 talks to AWS S3 itself
        }
        var endpoint = findings.decidingString(r, endpointProp, storePath + ".endpointURL");
        if (endpoint == null || isAws(endpoint)) {
            return;
        }
        // Only S3 goes through boto3; an Azure or Google destination with an endpoint does not.
        var destination = store.get("destinationPath").string().orElse("s3://");
        if (!destination.startsWith("s3://")) {
            return;
        }
        var missing = new ArrayList<String>();
        for (var name : REQUIRED) {
            var value = valueOf(env, name);
            if (opaque(value)) {
                findings.undecidable(r, envPath + " " + name);
                return;
            }
            if (!value.string().map(v -> v.strip().equalsIgnoreCase(BarmanCloud.CHECKSUM_VALUE)).orElse(false)) {
                missing.add(name + "=" + BarmanCloud.CHECKSUM_VALUE + value.string().map(v -> " (is '" + v + "')").orElse(""));
            }
        }
        if (!missing.isEmpty()) {
            findings.violation(r, r.kind() + " " + r.objectName() + " backs up to the S3-compatible endpoint " + endpoint
                    + " but " + envPath + " lacks " + String.join(" and ", missing)
                    + ": boto3 ≥ 1.36 sends checksums such stores (RustFS, older MinIO) reject, and WAL archiving "
                    + "fails with 'exit status 1'");
        }
    }

    /** The value of an env var: its value, UNKNOWN when it cannot be read (valueFrom, unknown list), NULL when unset. */
    private static Prop valueOf(Prop env, String name) {
        if (opaque(env)) {
            return Prop.UNKNOWN;
        }
        var unreadable = false;
        for (var e : items(env)) {
            if (e.get("name").string().orElse("").equals(name)) {
                return e.get("valueFrom").isNull() ? e.get("value") : Prop.UNKNOWN;
            }
            unreadable |= opaque(e) || opaque(e.get("name"));
        }
        return unreadable ? Prop.UNKNOWN : Prop.NULL;
    }

    static boolean isAws(String endpoint) {
        return BarmanCloud.isAwsEndpoint(endpoint);
    }
}
