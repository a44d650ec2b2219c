package dev.citadel.provider;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;

import javax.annotation.Nullable;
import java.util.Map;

/**
 * An object that already runs in the cluster, read by the kubernetes provider (Pulumi's {@code get}: the engine reads
 * it, in preview and in up alike, and changes nothing). Its body stays a map: only the fields a caller looks at need to
 * be there, which the typed SDK classes would refuse for their required fields.
 */
public final class LiveKubernetesObject extends CustomResource {
    @Export(name = "metadata", refs = {Map.class, String.class, Object.class}, tree = "[0,1,2]")
    private Output<Map<String, Object>> metadata;
    @Export(name = "spec", refs = {Map.class, String.class, Object.class}, tree = "[0,1,2]")
    private Output<Map<String, Object>> spec;

    private LiveKubernetesObject(String name, String type, String id, @Nullable CustomResourceOptions options) {
        super(type, name, null, Plugin.KUBERNETES.pin(Plugin.merge(options,
                CustomResourceOptions.builder().id(Output.of(id)).build())));
    }

    /**
     * Reads {@code namespace/objectName}. Under the engine an object that does not exist fails the whole update
     * ("resource ... does not exist"), so read only what is known to run.
     */
    public static LiveKubernetesObject read(String name, String apiVersion, String kind, String namespace, String objectName,
                                            @Nullable CustomResourceOptions options) {
        return new LiveKubernetesObject(name, KubernetesObject.typeToken(apiVersion, kind), namespace + "/" + objectName, options);
    }

    public Output<Map<String, Object>> metadata() {
        return metadata;
    }

    /** The object's spec as the cluster has it; null when the read returned no object. */
    public Output<Map<String, Object>> spec() {
        return spec;
    }
}
