package dev.citadel.database;

import dev.citadel.database.peers.Peers;
import dev.citadel.plan.Registration;
import dev.citadel.value.Redacted;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs what the Job path renders with the real {@code psql} (Debian's postgresql-15), the way the Job's container
 * would: the Job's own command and environment, taken from the plan; {@code secretKeyRef}s filled from the given Secret
 * values (a missing key leaves the variable unset); each volume at its mount path, moved to a temporary directory (the
 * ConfigMap's script; the CA bundle's key from the given values). As in a pod, psql has no terminal ({@code setsid}),
 * so {@code \password} reads the container's stdin. Nothing from the test JVM's environment leaks in. Test-only.
 */
final class JobPsql {
    /** The Job's container as planned, its volumes, and the script its ConfigMap holds. */
    record Rendered(List<String> command, List<Map<String, Object>> env, List<Map<String, Object>> mounts,
                    List<Map<String, Object>> volumes, String configMapName, String script, Map<String, Object> pod) {
    }

    private JobPsql() {
    }

    /** Plans {@code args} (a Job-path declaration) as component {@code app-db} and reads back its Job and ConfigMap. */
    @SuppressWarnings("unchecked")
    static Rendered render(RdsAppUserArgs args) {
        var plan = RdsPlans.plan(ctx -> new RdsAppUser("app-db", args));
        var job = object(RdsPlans.only(plan, "kubernetes:batch/v1:Job"));
        var configMap = object(RdsPlans.only(plan, "kubernetes:core/v1:ConfigMap"));
        var pod = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) job.get("spec")).get("template")).get("spec");
        var container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
        return new Rendered((List<String>) container.get("command"), (List<Map<String, Object>>) container.get("env"),
                (List<Map<String, Object>>) container.get("volumeMounts"), (List<Map<String, Object>>) pod.get("volumes"),
                (String) ((Map<String, Object>) configMap.get("metadata")).get("name"),
                (String) ((Map<String, Object>) configMap.get("data")).get("provision.sql"), pod);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Registration r) {
        return (Map<String, Object>) Redacted.kubernetesObject(r.inputs());
    }

    /**
     * Runs the rendered Job once. {@code values} maps {@code <secret or configmap name>/<key>} to the value Kubernetes
     * would put in the variable or the mounted file.
     */
    @SuppressWarnings("unchecked")
    static Peers.Result run(Rendered r, Map<String, String> values) {
        Peers.require("psql", Peers.PG_BIN.resolve("psql"));
        var dir = tempDir();
        try {
            var paths = new LinkedHashMap<String, String>();
            for (var mount : r.mounts()) {
                var name = (String) mount.get("name");
                var mountPath = (String) mount.get("mountPath");
                var local = Files.createDirectories(dir.resolve(name));
                paths.put(mountPath, local.toString());
                var volume = r.volumes().stream().filter(v -> name.equals(v.get("name"))).findFirst().orElseThrow();
                var source = (Map<String, Object>) (volume.containsKey("secret") ? volume.get("secret") : volume.get("configMap"));
                var object = (String) (source.containsKey("secretName") ? source.get("secretName") : source.get("name"));
                if (object.equals(r.configMapName())) {
                    Files.writeString(local.resolve("provision.sql"), r.script());
                    continue;
                }
                for (var item : (List<Map<String, Object>>) source.get("items")) {
                    var value = values.get(object + "/" + item.get("key"));
                    if (value != null) {
                        Files.writeString(local.resolve((String) item.get("path")), value);
                    }
                }
            }
            var command = new ArrayList<String>(List.of("setsid", "-w"));
            r.command().forEach(arg -> command.add(local(arg, paths)));
            var env = new LinkedHashMap<String, String>();
            // The image's PATH: its psql is the one on it.
            env.put("PATH", Peers.PG_BIN + ":/usr/bin:/bin");
            for (var e : r.env()) {
                var name = (String) e.get("name");
                if (e.containsKey("value")) {
                    env.put(name, local((String) e.get("value"), paths));
                } else {
                    var ref = (Map<String, Object>) ((Map<String, Object>) e.get("valueFrom")).get("secretKeyRef");
                    var value = values.get(ref.get("name") + "/" + ref.get("key"));
                    if (value != null) {
                        env.put(name, value);
                    }
                }
            }
            var pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().putAll(env);
            var p = pb.start();
            p.getOutputStream().close();
            // psql's own connect timeout (PGCONNECT_TIMEOUT from the Job) bounds the wait for the server.
            var out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("psql did not finish in 60 s: " + out);
            }
            return new Peers.Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            Peers.deleteTree(dir);
        }
    }

    /** A container path (in an argument or a variable) where the test put that mount. */
    private static String local(String text, Map<String, String> paths) {
        var out = text;
        for (var e : paths.entrySet()) {
            out = out.replace(e.getKey() + "/", e.getValue() + "/");
        }
        return out;
    }

    /** Runs it and fails the test, with psql's output, when the Job would have failed. */
    static String apply(RdsAppUserArgs args, Map<String, String> secrets) {
        var result = run(render(args), secrets);
        if (result.exitCode() != 0) {
            throw new AssertionError("the Job's psql exited " + result.exitCode() + ": " + result.output());
        }
        return result.output();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("citadel-job-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
