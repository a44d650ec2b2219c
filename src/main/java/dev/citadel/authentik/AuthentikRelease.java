package dev.citadel.authentik;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.citadel.contract.AuthentikChartKeys;

import javax.annotation.Nullable;
import java.util.LinkedHashMap;

/**
 * authentik from the goauthentik chart, hardened as seed 001's post-mortem asked: image pinned at or above the live
 * tag, tuning in server.env/worker.env, a liveness probe that survives the migration lock, no persistent connections
 * through a session pool, anonymous sessions capped, secrets from VaultBackedSecrets, and the blueprints of
 * {@link AuthentikFlow}s mounted.
 */
public final class AuthentikRelease extends ComponentResource {
    public static final String TYPE = "citadel:authentik:AuthentikRelease";

    private final AuthentikReleaseArgs args;

    public AuthentikRelease(String name, AuthentikReleaseArgs args) {
        this(name, args, null);
    }

    /**
     * @param options pass the VaultBackedSecrets of {@link AuthentikReleaseArgs#secrets()} and the AuthentikFlows as
     *                {@code dependsOn}: the pods read those Secrets and ConfigMaps at start
     */
    public AuthentikRelease(String name, AuthentikReleaseArgs args, @Nullable ComponentResourceOptions options) {
        super(TYPE, name, options);
        this.args = args;
        var child = CustomResourceOptions.builder().parent(this);
        if (options != null) {
            child.dependsOn(options.getDependsOn());
        }
        new Release(name + "-release", ReleaseArgs.builder()
                .name(args.releaseName())
                .namespace(args.namespace())
                .chart(AuthentikChartKeys.CHART)
                .version(args.chartVersion())
                .repositoryOpts(RepositoryOptsArgs.builder().repo(AuthentikChartKeys.REPO).build())
                .values(args.values())
                .build(), dev.citadel.provider.Plugin.KUBERNETES.pin(child.build()));
        var outputs = new LinkedHashMap<String, Output<?>>();
        outputs.put("imageTag", imageTag());
        registerOutputs(outputs);
    }

    public Output<String> imageTag() {
        return Output.of(args.imageTag());
    }

    /** The Helm release name. */
    public Output<String> releaseName() {
        return Output.of(args.releaseName());
    }
}
