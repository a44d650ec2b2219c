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
 * values (a missing key leaves the variable unset); the ConfigMap's script at the Job's mount path, moved to a
 * temporary directory. Nothing from the test JVM's environment leaks in. Test-only.
 */
final class JobPsql {
    /** The Job's container as planned, and the script its ConfigMap holds. */
    record Rendered(List<String> command, List<Map<String, Object>> env, String mountPath, String script) {
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
        var mount = ((List<Map<String, Object>>) container.get("volumeMounts")).get(0);
        return new Rendered((List<String>) container.get("command"), (List<Map<String, Object>>) container.get("env"),
                (String) mount.get("mountPath"), (String) ((Map<String, Object>) configMap.get("data")).get("provision.sql"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Registration r) {
        return (Map<String, Object>) Redacted.kubernetesObject(r.inputs());
    }

    /**
     * Runs the rendered Job once. {@code secrets} maps {@code <secret name>/<key>} to the value Kubernetes would put
     * in the variable.
     */
    @SuppressWarnings("unchecked")
    static Peers.Result run(Rendered r, Map<String, String> secrets) {
        var psql = Peers.require("psql", Peers.PG_BIN.resolve("psql"));
        var dir = tempDir();
        try {
            Files.writeString(dir.resolve("provision.sql"), r.script());
            var command = new ArrayList<String>();
            for (var arg : r.command()) {
                command.add(arg.startsWith(r.mountPath() + "/") ? dir + arg.substring(r.mountPath().length()) : arg);
            }
            command.set(0, psql.toString());
            var env = new LinkedHashMap<String, String>();
            for (var e : r.env()) {
                var name = (String) e.get("name");
                if (e.containsKey("value")) {
                    env.put(name, (String) e.get("value"));
                } else {
                    var ref = (Map<String, Object>) ((Map<String, Object>) e.get("valueFrom")).get("secretKeyRef");
                    var value = secrets.get(ref.get("name") + "/" + ref.get("key"));
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
