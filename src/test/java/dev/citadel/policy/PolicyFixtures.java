package dev.citadel.policy;

import dev.citadel.provider.KubernetesObject;
import dev.citadel.value.Prop;
import dev.citadel.value.PropDecoder;
import dev.citadel.value.Redacted;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A policy fixture: {@code src/test/resources/policy-fixtures/<policy-id>/{violating,compliant}.yaml}.
 * <pre>
 * config: {...}            # optional: the policy's parameters for this fixture
 * expect: [substring, ...] # violating only: what the violation message must say
 * resources:               # Kubernetes objects (apiVersion + kind) or {type, name, inputs}; version: its plugin's
 *   - ...
 * </pre>
 * The string {@code "[unknown]"} anywhere stands for a value unknown until deployment.
 */
public record PolicyFixtures(Prop.Obj config, List<String> expect, List<PolicyResource> resources) {

    public static Optional<PolicyFixtures> load(String policyId, String variant) throws IOException {
        try (InputStream in = PolicyFixtures.class.getResourceAsStream("/policy-fixtures/" + policyId + "/" + variant + ".yaml")) {
            if (in == null) {
                return Optional.empty();
            }
            Map<String, Object> doc = new Yaml(new SecretTag()).load(in);
            return Optional.of(parse(doc));
        }
    }

    @SuppressWarnings("unchecked")
    public static PolicyFixtures parse(Map<String, Object> doc) {
        var config = PropDecoder.fromPlain(unknowns(doc.getOrDefault("config", Map.of())));
        var expect = (List<String>) doc.getOrDefault("expect", List.of());
        var resources = new ArrayList<PolicyResource>();
        for (var raw : (List<Map<String, Object>>) doc.getOrDefault("resources", List.of())) {
            resources.add(resource(raw));
        }
        return new PolicyFixtures((Prop.Obj) config, expect, resources);
    }

    @SuppressWarnings("unchecked")
    static PolicyResource resource(Map<String, Object> raw) {
        String type;
        String name;
        Prop props;
        if (raw.containsKey("apiVersion") && raw.containsKey("kind")) {
            type = KubernetesObject.typeToken(String.valueOf(raw.get("apiVersion")), String.valueOf(raw.get("kind")));
            var metadata = (Map<String, Object>) raw.getOrDefault("metadata", Map.of());
            name = String.valueOf(metadata.getOrDefault("name", "unnamed"));
            var body = new java.util.LinkedHashMap<>(raw);
            body.remove("version");
            props = PropDecoder.fromPlain(unknowns(body));
        } else {
            type = String.valueOf(raw.get("type"));
            name = String.valueOf(raw.get("name"));
            props = PropDecoder.fromPlain(unknowns(raw.getOrDefault("inputs", Map.of())));
        }
        var parent = Optional.ofNullable((String) raw.get("parent"));
        var deps = (List<String>) raw.getOrDefault("dependsOn", List.of());
        // version: the plugin version the resource runs on (its default provider's), as the engine tells the analyzer.
        var version = Optional.ofNullable(raw.get("version")).map(String::valueOf);
        return new PolicyResource(urn(type, name), type, name,
                props instanceof Prop.Obj ? (Prop.Obj) props : new Prop.Obj(new TreeMap<>()), parent, deps, version);
    }

    /** Replaces every {@code "[unknown]"} with {@link Prop#UNKNOWN}, as the format above promises. */
    private static Object unknowns(Object raw) {
        if (Redacted.UNKNOWN.equals(raw)) {
            return Prop.UNKNOWN;
        }
        if (raw instanceof Map) {
            var out = new TreeMap<String, Object>();
            ((Map<?, ?>) raw).forEach((k, v) -> out.put(String.valueOf(k), unknowns(v)));
            return out;
        }
        if (raw instanceof List) {
            var out = new ArrayList<Object>();
            ((List<?>) raw).forEach(v -> out.add(unknowns(v)));
            return out;
        }
        return raw;
    }

    static String urn(String type, String name) {
        return "urn:pulumi:test::citadel::" + type + "::" + name;
    }

    /** Fixture YAML: {@code !secret value} (a scalar, list or map) stands for a value marked secret. */
    public static final class SecretTag extends org.yaml.snakeyaml.constructor.SafeConstructor {
        public SecretTag() {
            super(new org.yaml.snakeyaml.LoaderOptions());
            yamlConstructors.put(new org.yaml.snakeyaml.nodes.Tag("!secret"), new org.yaml.snakeyaml.constructor.AbstractConstruct() {
                @Override
                public Object construct(org.yaml.snakeyaml.nodes.Node node) {
                    Object inner;
                    if (node instanceof org.yaml.snakeyaml.nodes.MappingNode) {
                        inner = constructMapping((org.yaml.snakeyaml.nodes.MappingNode) node);
                    } else if (node instanceof org.yaml.snakeyaml.nodes.SequenceNode) {
                        inner = constructSequence((org.yaml.snakeyaml.nodes.SequenceNode) node);
                    } else {
                        inner = constructScalar((org.yaml.snakeyaml.nodes.ScalarNode) node);
                    }
                    return new Prop.Secret(PropDecoder.fromPlain(inner));
                }
            });
        }
    }
}
