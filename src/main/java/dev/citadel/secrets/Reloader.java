package dev.citadel.secrets;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Stakater Reloader wiring for workloads that consume {@link VaultBackedSecret}s: a secret that changes
 * under a running pod is seed 003's second failure (the pod keeps the old value in its environment).
 */
public final class Reloader {
    /** Reloader restarts the annotated workload when any of the listed Secrets (comma-separated) changes. */
    public static final String SECRET_ANNOTATION = "secret.reloader.stakater.com/reload";

    private Reloader() {
    }

    /** The annotation for a workload in {@code namespace} consuming all of {@code secrets}. */
    public static Map<String, String> annotations(String namespace, VaultBackedSecret... secrets) {
        if (secrets.length == 0) {
            throw new IllegalArgumentException("no secrets given for the Reloader annotation in namespace '" + namespace
                    + "'; pass the VaultBackedSecrets the workload reads");
        }
        var names = new TreeSet<String>();
        Arrays.stream(secrets).forEach(s -> names.add(s.secretName(namespace)));
        return Map.of(SECRET_ANNOTATION, String.join(",", names));
    }

    /**
     * The workload's metadata with the Reloader annotation merged in; existing annotations are kept,
     * and Secrets the workload already lists stay listed.
     */
    public static ObjectMetaArgs annotate(ObjectMetaArgs metadata, String namespace, VaultBackedSecret... secrets) {
        var added = annotations(namespace, secrets).get(SECRET_ANNOTATION);
        var existing = metadata.annotations().orElse(Output.of(Map.of()));
        var merged = existing.applyValue(current -> {
            var result = new TreeMap<>(current);
            var names = new TreeSet<String>();
            var previous = current.get(SECRET_ANNOTATION);
            if (previous != null && !previous.isBlank()) {
                Arrays.stream(previous.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(names::add);
            }
            names.addAll(Arrays.asList(added.split(",")));
            result.put(SECRET_ANNOTATION, String.join(",", names));
            return (Map<String, String>) result;
        });
        return ObjectMetaArgs.builder(metadata).annotations(merged).build();
    }
}
