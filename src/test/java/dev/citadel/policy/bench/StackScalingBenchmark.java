package dev.citadel.policy.bench;

import dev.citadel.policy.PackConfig;
import dev.citadel.policy.PolicyEngine;
import dev.citadel.policy.PolicyResource;
import dev.citadel.policy.rules.PolicyPack;
import dev.citadel.value.Prop;
import dev.citadel.value.PropDecoder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Benchmark (not a test): how the stack policies that match workloads against the objects they read grow
 * with the stack, in process. Half the stack is ExternalSecrets and ConfigMaps, half Deployments reading
 * one each; a preview of many apps looks like this. Prints each policy's time at 2,500 to 20,000
 * resources (second round, after the JIT); a linear policy doubles per row.
 *
 * <pre>
 * mvn -B -q -DskipTests package
 * java -cp target/citadel.jar:target/test-classes dev.citadel.policy.bench.StackScalingBenchmark
 * </pre>
 */
public final class StackScalingBenchmark {
    private StackScalingBenchmark() {
    }

    public static void main(String[] args) {
        var ids = List.of("secret-consumers-reload", "config-change-rolls-pods");
        for (int round = 0; round < 2; round++) {
            for (int n : new int[]{2500, 5000, 10000, 20000}) {
                var stack = stack(n);
                for (var policy : PolicyPack.policies()) {
                    if (!ids.contains(policy.info().id())) {
                        continue;
                    }
                    long t = System.nanoTime();
                    var found = new PolicyEngine(List.of(policy), PackConfig.empty()).analyzeStack(stack);
                    if (round == 1) {
                        System.out.printf(Locale.ROOT, "%6d resources  %-26s %7.0f ms (%d findings)%n", n, policy.info().id(),
                                (System.nanoTime() - t) / 1e6, found.size());
                    }
                }
            }
        }
    }

    private static List<PolicyResource> stack(int n) {
        var out = new ArrayList<PolicyResource>();
        for (int i = 0; i < n / 2; i++) {
            var name = "app-" + i;
            var secret = i % 2 == 0;
            var target = secret
                    ? Map.of("apiVersion", "external-secrets.io/v1", "kind", "ExternalSecret", "metadata", Map.of("name", name, "namespace", "apps"),
                    "spec", Map.of("target", Map.of("name", name)))
                    : Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", name, "namespace", "apps"), "data", Map.of("k", "v"));
            out.add(resource(secret ? "kubernetes:external-secrets.io/v1:ExternalSecret" : "kubernetes:core/v1:ConfigMap", name, target));
            var ref = secret ? Map.of("secretRef", Map.of("name", name)) : Map.of("configMapRef", Map.of("name", name));
            var annotation = secret ? "secret.reloader.stakater.com/reload" : "configmap.reloader.stakater.com/reload";
            out.add(resource("kubernetes:apps/v1:Deployment", name, Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                    "metadata", Map.of("name", name, "namespace", "apps", "annotations", Map.of(annotation, name)),
                    "spec", Map.of("template", Map.of("spec", Map.of("containers", List.of(Map.of("name", "app", "envFrom", List.of(ref)))))))));
        }
        return out;
    }

    private static PolicyResource resource(String type, String name, Map<String, Object> body) {
        return new PolicyResource("urn:pulumi:bench::citadel::" + type + "::" + name, type, name, (Prop.Obj) PropDecoder.fromPlain(body),
                Optional.empty(), List.of());
    }
}
