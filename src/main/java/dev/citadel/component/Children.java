package dev.citadel.component;

import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import javax.annotation.Nullable;

/** Options for a component's children. */
public final class Children {
    private Children() {
    }

    /**
     * A child that reads what the component's own dependencies make (a Secret an ExternalSecret syncs, a ConfigMap of
     * blueprints): it waits for them too. A dependency of the parent alone does not hold its children back, so without
     * this a pod, an import Job or a Helm release starts before the Secret it mounts exists.
     */
    public static CustomResourceOptions.Builder waitingWith(Resource parent, @Nullable ComponentResourceOptions options) {
        var child = CustomResourceOptions.builder().parent(parent);
        if (options != null) {
            child.dependsOn(options.getDependsOn());
        }
        return child;
    }
}
