package dev.citadel.database;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.citadel.contract.Labels;
import dev.citadel.names.KubernetesNames;
import dev.citadel.provider.KubernetesObject;
import dev.citadel.secrets.SecretRef;

import javax.annotation.Nullable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Job path of {@link RdsAppUser}: {@code <name>-sql}, a ConfigMap with {@link RdsSql}'s script, {@code <name>-provision},
 * the Job running it with psql, and, when the master password is in AWS Secrets Manager, {@code <name>-master}, the
 * ExternalSecret that brings it into the Job's namespace.
 */
final class RdsJob {
    /**
     * In the cluster: Kubernetes fails the Job (condition Failed, reason DeadlineExceeded) after this long, retries
     * included, and pulumi-kubernetes's Job awaiter fails the update as soon as it sees that condition.
     */
    static final int ACTIVE_DEADLINE_SECONDS = 600;
    /** For pulumi up: a bound above the Job's own deadline, so a Job that never starts (no node, no image) cannot hang the update. */
    static final int AWAIT_TIMEOUT_SECONDS = 660;
    /** Long enough for ESO's first sync from AWS; Ready is the condition ESO sets once the Secret is written. */

    /** @param objectName the Job's Kubernetes name; @param job the resource that finishes when the SQL has run */
    record Parts(String objectName, Resource job) {
    }

    private RdsJob() {
    }

    /** @param options the component's: the Job waits for what it waits for (the Secrets its pod reads). */
    static Parts register(Resource parent, String name, RdsAppUserArgs a, Provisioner.Job job, @Nullable ComponentResourceOptions options) {
        var before = new ArrayList<Resource>();
        var master = master(parent, name, a, job, before);
        var app = a.password();
        var script = RdsSql.render(a).psql();
        // A Job's pod template is immutable and a finished Job never runs again: a new name is what makes Kubernetes
        // run the script once more. The name changes with the script, the Secrets it reads and their rotation markers.
        var hashed = new ArrayList<>(List.of(script, job.image(), master.ref().toString(), master.rotation(),
                app.ref().toString(), app.rotation(), a.knownHost().orElse(""), String.valueOf(a.port())));
        // Only when used, so that Jobs declared before it keep their names (and do not run again for nothing).
        a.masterSecret().ifPresent(s -> hashed.add(s.toString()));
        a.caBundle().ifPresent(b -> hashed.add(b.toString()));
        var hash = RdsSql.hash(hashed);
        var objectName = KubernetesNames.label("the Job's name (from the component name '" + name
                + "'; choose a shorter one)", trim(name, 63 - 9 - 10) + "-provision-" + hash.substring(0, 8));
        var configMapName = KubernetesNames.label("the ConfigMap's name (from the component name '" + name
                + "'; choose a shorter one)", trim(name, 63 - 4) + "-sql");

        var configMap = new LinkedHashMap<String, Object>();
        configMap.put("apiVersion", "v1");
        configMap.put("kind", "ConfigMap");
        configMap.put("metadata", metadata(configMapName, job.namespace(), Map.of()));
        configMap.put("data", Map.of("provision.sql", script));
        before.add(new KubernetesObject(name + "-sql", KubernetesObject.Args.fromManifest("ConfigMap " + configMapName, configMap),
                CustomResourceOptions.builder().parent(parent).build()));

        var annotations = new LinkedHashMap<String, Object>();
        annotations.put(RdsAppUser.SQL_HASH_ANNOTATION, hash);
        annotations.put(RdsAppUser.ROTATION_ANNOTATION, master.rotation() + "/" + app.rotation());
        annotations.put("pulumi.com/timeoutSeconds", String.valueOf(AWAIT_TIMEOUT_SECONDS));
        var spec = new LinkedHashMap<String, Object>();
        spec.put("backoffLimit", 6);
        spec.put("activeDeadlineSeconds", ACTIVE_DEADLINE_SECONDS);
        // No ttlSecondsAfterFinished: a Job the TTL controller deletes is gone from the cluster but not from the state,
        // so a later refresh would create it again and re-run the script on every up.
        spec.put("template", Map.of("metadata", Map.of("labels", Labels.managedByCitadel()), "spec", podSpec(a, job, master, configMapName)));
        var resource = new KubernetesObject(name + "-provision",
                new KubernetesObject.Args("batch/v1", "Job", metadata(objectName, job.namespace(), annotations), spec),
                CustomResourceOptions.builder().parent(parent).dependsOn(waitsFor(options, before)).deleteBeforeReplace(true).build());
        return new Parts(objectName, resource);
    }

    /**
     * What the Job waits for: its own ConfigMap (and master ExternalSecret), and the component's dependencies. Without
     * the latter, the Job's pod started before the Secrets the stack syncs for it (the app password, a shared master).
     */
    private static Output<List<Resource>> waitsFor(@Nullable ComponentResourceOptions options, List<Resource> before) {
        if (options == null) {
            return Output.of(List.copyOf(before));
        }
        return options.getDependsOn().applyValue(deps -> {
            var all = new ArrayList<Resource>(deps);
            before.stream().filter(r -> !all.contains(r)).forEach(all::add);
            return List.copyOf(all);
        });
    }

    /** The master password's Secret key: as given, or the Secret {@code <name>-master} synced from AWS Secrets Manager. */
    private static Credential master(Resource parent, String name, RdsAppUserArgs a, Provisioner.Job job, List<Resource> before) {
        if (a.masterSecret().isEmpty()) {
            return a.masterPassword().orElseThrow();
        }
        var aws = a.masterSecret().get();
        var secretName = KubernetesNames.subdomain("the master Secret's name (from the component name '" + name
                + "'; choose a shorter one)", name + "-master");
        before.add(RdsMasterSecret.externalSecret(parent, name + "-master", secretName, job.namespace(), aws));
        // RDS, not Citadel, rotates it; the Job reads it when it runs, so there is no marker of ours to follow.
        return Credential.ref(SecretRef.of(job.namespace(), secretName, "password"));
    }

    private static Map<String, Object> podSpec(RdsAppUserArgs a, Provisioner.Job job, Credential master, String configMapName) {
        var env = new ArrayList<Object>(List.of(
                Map.of("name", "PGHOST", "value", a.host()),
                Map.of("name", "PGPORT", "value", String.valueOf(a.port())),
                Map.of("name", "PGDATABASE", "value", "postgres"),
                Map.of("name", "PGUSER", "value", a.masterUser()),
                Map.of("name", "PGSSLMODE", "value", a.sslMode().value()),
                Map.of("name", "PGCONNECT_TIMEOUT", "value", "15")));
        var mounts = new ArrayList<Object>(List.of(Map.of("name", "sql", "mountPath", SQL_DIR, "readOnly", true)));
        var volumes = new ArrayList<Object>(List.of(Map.of("name", "sql", "configMap", Map.of("name", configMapName))));
        a.caBundle().ifPresent(b -> {
            env.add(Map.of("name", "PGSSLROOTCERT", "value", CA_DIR + "/" + b.key()));
            mounts.add(Map.of("name", "ca", "mountPath", CA_DIR, "readOnly", true));
            var items = List.of(Map.of("key", b.key(), "path", b.key()));
            volumes.add(b instanceof CaBundle.SecretKey
                    ? Map.of("name", "ca", "secret", Map.of("secretName", b.name(), "items", items))
                    : Map.of("name", "ca", "configMap", Map.of("name", b.name(), "items", items)));
        });
        env.add(secretEnv("PGPASSWORD", master));
        env.add(secretEnv(RdsSql.PASSWORD_ENV, a.password()));
        var container = new LinkedHashMap<String, Object>();
        container.put("name", "psql");
        container.put("image", job.image());
        container.put("command", COMMAND);
        container.put("env", env);
        container.put("volumeMounts", mounts);
        container.put("securityContext", Map.of(
                "runAsNonRoot", true, "runAsUser", 70, "allowPrivilegeEscalation", false,
                "readOnlyRootFilesystem", true, "capabilities", Map.of("drop", List.of("ALL"))));
        var podSpec = new LinkedHashMap<String, Object>();
        podSpec.put("restartPolicy", "Never");
        // psql talks to the database only: a mounted token would let whoever gets into the pod act as its service account.
        podSpec.put("automountServiceAccountToken", false);
        podSpec.put("containers", List.of(container));
        podSpec.put("volumes", volumes);
        return podSpec;
    }

    static final String SQL_DIR = "/citadel";
    static final String CA_DIR = "/citadel-ca";

    /**
     * What the Job's container runs: the app password is checked (an empty one left the role unable to log in, and
     * "succeeded"; one with a line break would be cut) before anything runs, then given twice on psql's stdin for
     * {@code \password}; the script is mounted at {@code /citadel/provision.sql}.
     */
    static final List<String> COMMAND = List.of("sh", "-c", String.join("\n",
            "case \"$" + RdsSql.PASSWORD_ENV + "\" in",
            "  '') echo 'citadel: the app password ($" + RdsSql.PASSWORD_ENV + ") is empty in its Secret; nothing was run' >&2; exit 3 ;;",
            "  *'",
            "'*) echo 'citadel: the app password ($" + RdsSql.PASSWORD_ENV + ") holds a line break, which psql cannot read; nothing was run' >&2; exit 3 ;;",
            "esac",
            "printf '%s\\n%s\\n' \"$" + RdsSql.PASSWORD_ENV + "\" \"$" + RdsSql.PASSWORD_ENV + "\" | psql -X -v ON_ERROR_STOP=1 -f "
                    + SQL_DIR + "/provision.sql"));

    private static Map<String, Object> metadata(String name, String namespace, Map<String, Object> annotations) {
        var meta = Labels.metadata(name, namespace);
        if (!annotations.isEmpty()) {
            meta.put("annotations", annotations);
        }
        return meta;
    }

    private static Map<String, Object> secretEnv(String variable, Credential c) {
        return Map.of("name", variable, "valueFrom", Map.of("secretKeyRef", Map.of(
                "name", c.ref().name(), "key", c.ref().key())));
    }

    private static String trim(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max).replaceAll("-+$", "");
    }
}
