// Five Citadel policies written the way a team would write them with @pulumi/policy, so that
// AnalyzerBenchmark can run the same resources through this pack (under @pulumi/pulumi's
// run-policy-pack, as the Pulumi CLI starts Node packs) and through the Java analyzer.
//
// They follow DESIGN.md's policy table and the Java policies' rules: same ids, same resources, one
// finding per resource. Values unknown during preview are left to @pulumi/policy: reading one
// throws, and the framework reports "can't run policy ... during preview" (the counterpart of the
// Java pack's "not known until deployment" finding). Not a Citadel deliverable: benchmark input only.
"use strict";

const { PolicyPack } = require("@pulumi/policy");

/** Kubernetes kind and API group, from the object or the type token (as PolicyResource does). */
function isKind(args, group, kind) {
    const type = args.type;
    if (!type.startsWith("kubernetes:")) {
        return false;
    }
    const props = args.props;
    const actualKind = typeof props.kind === "string" ? props.kind : type.substring(type.lastIndexOf(":") + 1);
    let api = props.apiVersion;
    if (typeof api !== "string") {
        const parts = type.split(":");
        api = parts.length === 3 ? parts[1].replace(/^core\//, "") : "";
    }
    const actualGroup = api.includes("/") ? api.substring(0, api.indexOf("/")) : "";
    return actualGroup === group && actualKind === kind;
}

function objectName(args) {
    const metadata = args.props.metadata;
    return metadata && typeof metadata.name === "string" ? metadata.name : args.name;
}

// --- no-regenerating-secret-generators (seed 003) -------------------------------------------------

function collectGenerators(entries, out) {
    if (!Array.isArray(entries)) {
        return;
    }
    for (const entry of entries) {
        const ref = entry && entry.sourceRef && entry.sourceRef.generatorRef;
        if (ref) {
            out.push(`${typeof ref.kind === "string" ? ref.kind : "a generator"} ${typeof ref.name === "string" ? ref.name : ""}`);
        }
    }
}

const noRegeneratingSecretGenerators = {
    name: "no-regenerating-secret-generators",
    description: "ExternalSecrets must not take values from a generator that runs again on every refresh",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (!isKind(args, "external-secrets.io", "ExternalSecret")) {
            return;
        }
        const spec = args.props.spec || {};
        const generators = [];
        collectGenerators(spec.dataFrom, generators);
        collectGenerators(spec.data, generators);
        if (generators.length === 0 || spec.refreshPolicy === "CreatedOnce") {
            return;
        }
        // ESO's default refresh is 1h when the field is absent.
        const interval = typeof spec.refreshInterval === "string" ? spec.refreshInterval : "1h";
        if (/^0+(\.0+)?(ns|us|µs|ms|s|m|h)?$/.test(interval)) {
            return;
        }
        reportViolation(`ExternalSecret ${objectName(args)} takes ${generators.join(", ")} from a generator and refreshes every `
            + `${interval}: each refresh makes a new value, and whatever consumed the old one breaks`);
    },
};

// --- no-mutable-image-tags (seeds 004, 001) --------------------------------------------------------

/** Workload kinds: API group and where the pod spec is. */
const WORKLOADS = new Map(Object.entries({
    Pod: ["", (spec) => spec],
    Deployment: ["apps", (spec) => spec.template && spec.template.spec],
    StatefulSet: ["apps", (spec) => spec.template && spec.template.spec],
    DaemonSet: ["apps", (spec) => spec.template && spec.template.spec],
    ReplicaSet: ["apps", (spec) => spec.template && spec.template.spec],
    Job: ["batch", (spec) => spec.template && spec.template.spec],
    CronJob: ["batch", (spec) => spec.jobTemplate && spec.jobTemplate.spec && spec.jobTemplate.spec.template
        && spec.jobTemplate.spec.template.spec],
}));

/** The tag problem of an image reference, or undefined when it is pinned (a version tag or a digest). */
function mutableTag(image) {
    if (image.includes("@")) {
        return undefined;
    }
    const lastSegment = image.substring(image.lastIndexOf("/") + 1);
    const colon = lastSegment.indexOf(":");
    if (colon < 0) {
        return "has no tag (pulls latest)";
    }
    const tag = lastSegment.substring(colon + 1);
    return tag === "" || tag === "latest" ? `uses the mutable tag '${tag || "(empty)"}'` : undefined;
}

const noMutableImageTags = {
    name: "no-mutable-image-tags",
    description: "Container images must be pinned to a version tag or a digest, never latest or no tag",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (!args.type.startsWith("kubernetes:")) {
            return;
        }
        const kind = args.props.kind;
        const workload = typeof kind === "string" ? WORKLOADS.get(kind) : undefined;
        if (!workload || !isKind(args, workload[0], kind)) {
            return;
        }
        const podSpec = workload[1](args.props.spec || {});
        if (!podSpec) {
            return;
        }
        const problems = [];
        for (const list of [podSpec.initContainers, podSpec.containers]) {
            for (const container of list || []) {
                const image = container.image;
                const problem = typeof image === "string" ? mutableTag(image) : "has no image";
                if (problem) {
                    problems.push(`container ${container.name} image ${image} ${problem}`);
                }
            }
        }
        if (problems.length > 0) {
            reportViolation(`${kind} ${objectName(args)}: ${problems.join("; ")}: a restart can pull a different image`);
        }
    },
};

// --- backup-retention (seed 000) -------------------------------------------------------------------

const backupRetention = {
    name: "backup-retention",
    description: "barman-cloud ObjectStores must set a retentionPolicy",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (!isKind(args, "barmancloud.cnpg.io", "ObjectStore")) {
            return;
        }
        const spec = args.props.spec || {};
        const retention = spec.retentionPolicy;
        if (typeof retention !== "string" || retention.trim() === "") {
            reportViolation(`ObjectStore ${objectName(args)} has no retentionPolicy: backups and WAL accumulate forever`);
        }
    },
};

// --- pgbouncer-idle-transaction-timeout (seed 001) -------------------------------------------------

const pgbouncerIdleTransactionTimeout = {
    name: "pgbouncer-idle-transaction-timeout",
    description: "CNPG Poolers must set pgbouncer idle_transaction_timeout",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (!isKind(args, "postgresql.cnpg.io", "Pooler")) {
            return;
        }
        const spec = args.props.spec || {};
        const parameters = (spec.pgbouncer || {}).parameters || {};
        const timeout = parameters.idle_transaction_timeout;
        if (timeout === undefined || timeout === null || String(timeout).trim() === "" || /^0+$/.test(String(timeout).trim())) {
            reportViolation(`Pooler ${objectName(args)} has no idle_transaction_timeout: a client that dies inside a `
                + "transaction holds its locks until someone kills the backend");
        }
    },
};

// --- rds-force-ssl (seed 004) ----------------------------------------------------------------------

const PARAMETER_GROUP_TYPES = new Set([
    "aws:rds/parameterGroup:ParameterGroup",
    "aws:rds/clusterParameterGroup:ClusterParameterGroup",
]);
const SSL_MODES = new Set(["require", "verify-ca", "verify-full"]);

const rdsForceSsl = {
    name: "rds-force-ssl",
    description: "RDS PostgreSQL parameter groups must set rds.force_ssl=1; PostgreSQL connections must use SSL",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (args.type === "pulumi:providers:postgresql") {
            const sslmode = args.props.sslmode;
            if (typeof sslmode !== "string" || !SSL_MODES.has(sslmode)) {
                reportViolation(`postgresql provider ${args.name} connects with sslmode ${sslmode === undefined ? "(unset)" : sslmode}; `
                    + "RDS with rds.force_ssl=1 rejects it, and without it passwords cross the network in clear");
            }
            return;
        }
        if (!PARAMETER_GROUP_TYPES.has(args.type)) {
            return;
        }
        const family = args.props.family;
        if (typeof family !== "string" || !/postgres/.test(family)) {
            return;
        }
        const forceSsl = (args.props.parameters || []).find((p) => p.name === "rds.force_ssl");
        if (!forceSsl || String(forceSsl.value) !== "1") {
            reportViolation(`parameter group ${args.name} (${family}) does not set rds.force_ssl=1: clients may connect without SSL`);
        }
    },
};

new PolicyPack("node-bench", {
    policies: [
        backupRetention,
        noMutableImageTags,
        noRegeneratingSecretGenerators,
        pgbouncerIdleTransactionTimeout,
        rdsForceSsl,
    ],
});
