package dev.citadel.provider;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.List;
import java.util.Map;

/**
 * Any Kubernetes object by apiVersion and kind, for the custom resources (External Secrets, CNPG, the
 * Keycloak operator, ...) the Java Kubernetes SDK 4.0.0 has no class for. The type token is the one the
 * kubernetes provider registers for the kind: {@code kubernetes:<group>/<version>:<Kind>}, with group
 * {@code core} for the core API.
 */
public final class KubernetesObject extends CustomResource {

    public KubernetesObject(String name, Args args, @Nullable CustomResourceOptions options) {
        super(typeToken(args.apiVersionValue, args.kindValue), name, args, Plugin.KUBERNETES.pin(options));
    }

    public static String typeToken(String apiVersion, String kind) {
        var groupVersion = apiVersion.contains("/") ? apiVersion : "core/" + apiVersion;
        return "kubernetes:" + groupVersion + ":" + kind;
    }

    /**
     * Body of the object. Nested values may be {@link Output}s (secrets, values known only after
     * deployment); the engine receives them as such.
     */
    public static final class Args extends ResourceArgs {
        private final transient String apiVersionValue;
        private final transient String kindValue;

        @Import(name = "apiVersion", required = true) private Output<String> apiVersion;
        @Import(name = "kind", required = true) private Output<String> kind;
        @Import(name = "metadata", required = true) private Output<Map<String, Object>> metadata;
        @Import(name = "spec") private Output<Map<String, Object>> spec;
        // Kinds whose body is not under spec: ConfigMap/Secret (data, stringData, type), RBAC (rules, subjects, roleRef).
        @Import(name = "data") private Output<Map<String, Object>> data;
        @Import(name = "stringData") private Output<Map<String, Object>> stringData;
        @Import(name = "type") private Output<String> type;
        @Import(name = "rules") private Output<List<Object>> rules;
        @Import(name = "subjects") private Output<List<Object>> subjects;
        @Import(name = "roleRef") private Output<Map<String, Object>> roleRef;

        public Args(String apiVersion, String kind, Map<String, Object> metadata, @Nullable Map<String, Object> spec) {
            this.apiVersionValue = apiVersion;
            this.kindValue = kind;
            this.apiVersion = Output.of(apiVersion);
            this.kind = Output.of(kind);
            this.metadata = Output.of(metadata);
            this.spec = spec == null ? null : Output.of(spec);
        }

        /**
         * A whole object as written in a manifest. Top-level fields other than the ones above are
         * rejected: the engine would silently drop them.
         */
        @SuppressWarnings("unchecked")
        public static Args fromManifest(String field, Map<String, Object> object) {
            var apiVersion = object.get("apiVersion");
            var kind = object.get("kind");
            var metadata = object.get("metadata");
            if (!(apiVersion instanceof String) || !(kind instanceof String) || !(metadata instanceof Map)) {
                throw new IllegalArgumentException(field + " needs apiVersion, kind and metadata (with a name); got "
                        + new java.util.TreeSet<>(object.keySet()));
            }
            var args = new Args((String) apiVersion, (String) kind, (Map<String, Object>) metadata,
                    map(field, "spec", object.get("spec")));
            for (var e : object.entrySet()) {
                var value = e.getValue();
                switch (e.getKey()) {
                    case "apiVersion", "kind", "metadata", "spec" -> { }
                    case "data" -> args.data = Output.of(map(field, "data", value));
                    case "stringData" -> args.stringData = Output.of(map(field, "stringData", value));
                    case "type" -> args.type = Output.of(String.valueOf(value));
                    case "rules" -> args.rules = Output.of(list(field, "rules", value));
                    case "subjects" -> args.subjects = Output.of(list(field, "subjects", value));
                    case "roleRef" -> args.roleRef = Output.of(map(field, "roleRef", value));
                    default -> throw new IllegalArgumentException(field + "." + e.getKey()
                            + " is not a field Citadel can apply for " + kind + "; supported: spec, data, stringData, type, rules, subjects, roleRef");
                }
            }
            return args;
        }

        /** A field of the wrong shape is the user's to fix, named by its path; a bare cast failed with ClassCastException. */
        @SuppressWarnings("unchecked")
        private static Map<String, Object> map(String field, String key, Object value) {
            return (Map<String, Object>) typed(field, key, value, Map.class);
        }

        @SuppressWarnings("unchecked")
        private static List<Object> list(String field, String key, Object value) {
            return (List<Object>) typed(field, key, value, List.class);
        }

        private static Object typed(String field, String key, Object value, Class<?> shape) {
            if (value == null || shape.isInstance(value)) {
                return value;
            }
            var wanted = shape == Map.class ? "a map (YAML 'key: value' lines)" : "a list (YAML '- item' lines)";
            throw new IllegalArgumentException(field + "." + key + " should be " + wanted + ", is "
                    + (value instanceof Map ? "a map" : value instanceof List ? "a list" : "the value '" + value + "'"));
        }
    }
}
