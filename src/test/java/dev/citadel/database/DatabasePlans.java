package dev.citadel.database;

import com.pulumi.Context;
import com.pulumi.resources.ComponentResourceOptions;
import dev.citadel.plan.Plan;
import dev.citadel.plan.PlanRunner;
import dev.citadel.plan.Registration;
import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.PackConfig;
import dev.citadel.policy.PolicyEngine;
import dev.citadel.policy.PolicyResource;
import dev.citadel.policy.rules.PolicyPack;
import dev.citadel.secrets.SecretRef;
import dev.citadel.secrets.SecretStoreRef;
import dev.citadel.secrets.VaultBackedSecret;
import dev.citadel.secrets.VaultBackedSecretArgs;
import dev.citadel.value.Redacted;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Plans database programs offline; test-only plumbing. */
final class DatabasePlans {
    static final String CLUSTER = "kubernetes:postgresql.cnpg.io/v1:Cluster";
    static final String OBJECT_STORE = "kubernetes:barmancloud.cnpg.io/v1:ObjectStore";
    static final String SCHEDULED_BACKUP = "kubernetes:postgresql.cnpg.io/v1:ScheduledBackup";
    static final String POOLER = "kubernetes:postgresql.cnpg.io/v1:Pooler";
    static final String DATABASE = "kubernetes:postgresql.cnpg.io/v1:Database";
    static final String POD_MONITOR = "kubernetes:monitoring.coreos.com/v1:PodMonitor";
    static final String PROMETHEUS_RULE = "kubernetes:monitoring.coreos.com/v1:PrometheusRule";
    static final String EXTERNAL_SECRET = "kubernetes:external-secrets.io/v1:ExternalSecret";

    /** Seed 000's RustFS, as the homelab's pods reach it. */
    static final String RUSTFS = "http://rustfs.storage.svc.cluster.local:9000";
    static final SecretStoreRef STORE = SecretStoreRef.cluster("vault-kv", "secret");

    private DatabasePlans() {
    }

    static Plan plan(Consumer<Context> program) {
        return new PlanRunner("citadel", "test", Map.of(), Set.of()).run(program);
    }

    static Backup.S3Credentials rustfsCredentials(String namespace) {
        var ref = SecretRef.of(namespace, "rustfs-backup", "ACCESS_KEY_ID");
        return Backup.S3Credentials.of(ref, ref.withKey("ACCESS_SECRET_KEY"));
    }

    /** The DSL target: authentik's database, two instances, RustFS backups, the app role from Vault. */
    static CnpgClusterArgs.Builder authentik(SecretRef password) {
        return CnpgClusterArgs.builder()
                .namespace("authentik")
                .instances(2)
                .bootstrap(Bootstrap.initdb("authentik", "authentik"))
                .backup(Backup.s3Compatible(RUSTFS, "authentik-backups", rustfsCredentials("authentik")))
                .role(Role.app("authentik", password))
                .database(Database.of("authentik", "authentik"));
    }

    /** The role's basic-auth Secret, kept in Vault and synced into the cluster's namespace. */
    static VaultBackedSecret authentikPassword(long rotation) {
        return new VaultBackedSecret("authentik-postgres",
                Role.passwordSecret("authentik", STORE, "authentik/postgres", "authentik").rotation(rotation).build());
    }

    /** A whole program: the secret, then the cluster waiting for it. */
    static Plan authentikPlan(long rotation, java.util.function.UnaryOperator<CnpgClusterArgs.Builder> tweak) {
        return plan(ctx -> {
            var secret = authentikPassword(rotation);
            new CnpgCluster("authentik-db", tweak.apply(authentik(secret.ref("authentik", "password"))).build(),
                    ComponentResourceOptions.builder().dependsOn(secret).build());
        });
    }

    static Registration only(Plan plan, String type) {
        var found = plan.ofType(type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + ", found " + found.size() + ": "
                    + found.stream().map(Registration::name).toList());
        }
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> spec(Registration r) {
        return (Map<String, Object>) Redacted.plain(r.inputs().get("spec"));
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Map<String, Object> root, String path) {
        Object current = root;
        for (var part : path.split("\\.")) {
            if (current instanceof List<?> list) {
                current = list.get(Integer.parseInt(part));
            } else if (current instanceof Map<?, ?> map) {
                if (!map.containsKey(part)) {
                    throw new AssertionError("no field '" + part + "' of " + path + " in " + root);
                }
                current = map.get(part);
            } else {
                throw new AssertionError(path + ": '" + part + "' is under a leaf in " + root);
            }
        }
        return (T) current;
    }

    /**
     * What these plans take from outside them, as a stack declares it: the store, RustFS and its keys (which Flux puts in
     * every namespace in seed 000's homelab).
     */
    static final PackConfig OUTSIDE = PackConfig.fromJson("{\"references-resolve\": {\"preinstalled\": [\"ClusterSecretStore vault-kv\", "
            + "\"Secret */rustfs-backup\", \"Service storage/rustfs\"]}}", Set.of("references-resolve"));

    /** Every policy verdict of the pack over the plan, but the CRD inventory (this plan installs no CRDs). */
    static List<String> verdicts(Plan plan) {
        var resources = plan.resources().stream().map(PolicyResource::of).toList();
        return new PolicyEngine(PolicyPack.policies(), OUTSIDE).analyzeStack(resources).stream()
                .filter(v -> !v.policyId().equals("crd-installed-before-use"))
                .map(v -> v.level() + " " + v.policyId() + ": " + v.message()).toList();
    }

    static List<String> mandatory(Plan plan) {
        return verdicts(plan).stream().filter(v -> v.startsWith(EnforcementLevel.MANDATORY.toString())).toList();
    }

    static IllegalArgumentException rejection(Supplier<?> build) {
        try {
            build.get();
        } catch (IllegalArgumentException e) {
            return e;
        }
        throw new AssertionError("expected the args to be rejected, but they were accepted");
    }
}
