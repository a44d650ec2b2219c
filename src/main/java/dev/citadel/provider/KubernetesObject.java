package dev.citadel.provider;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
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

        public Args(String apiVersion, String kind, Map<String, Object> metadata, @Nullable Map<String, Object> spec) {
            this.apiVersionValue = apiVersion;
            this.kindValue = kind;
            this.apiVersion = Output.of(apiVersion);
            this.kind = Output.of(kind);
            this.metadata = Output.of(metadata);
            this.spec = spec == null ? null : Output.of(spec);
        }
    }
}
