package dev.citadel.authentik;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.citadel.component.ComponentError;
import dev.citadel.contract.AuthentikChartKeys;
import dev.citadel.contract.Labels;
import dev.citadel.provider.KubernetesObject;
import dev.citadel.provider.LiveKubernetesObject;

import javax.annotation.Nullable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * authentik from the goauthentik chart, hardened as seed 001's post-mortem asked: image pinned at or above the live
 * tag (the tag the live server and worker run is read, and a pin below it refused), tuning in server.env/worker.env, a liveness probe that survives the migration lock, no persistent connections
 * through a session pool, anonymous sessions capped, secrets from VaultBackedSecrets, the blueprints of
 * {@link AuthentikFlow}s mounted, and, when {@link AuthentikReleaseArgs#outpostAlerts()} is enabled, the outpost alerts
 * as a PrometheusRule {@code <release>-outpost-alerts}.
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
        try {
            this.args = args;
            var child = dev.citadel.component.Children.waitingWith(this, options);
            new Release(name + "-release", ReleaseArgs.builder()
                    .name(args.releaseName())
                    .namespace(args.namespace())
                    .chart(AuthentikChartKeys.CHART)
                    .version(args.chartVersion())
                    .repositoryOpts(RepositoryOptsArgs.builder().repo(AuthentikChartKeys.REPO).build())
                    .values(values(name, args))
                    .build(), dev.citadel.provider.Plugin.KUBERNETES.pin(child.build()));
            if (args.outpostAlerts().enabled()) {
                var metadata = Labels.metadata(args.releaseName() + "-outpost-alerts", args.namespace());
                new KubernetesObject(name + "-outpost-alerts", new KubernetesObject.Args("monitoring.coreos.com/v1", "PrometheusRule",
                        metadata, Map.of("groups", List.of(OutpostAlertRules.group(args.namespace(), args.outpostAlerts())))),
                        CustomResourceOptions.builder().parent(this).build());
            }
            var outputs = new LinkedHashMap<String, Output<?>>();
            outputs.put("imageTag", imageTag());
            registerOutputs(outputs);
        } catch (IllegalArgumentException e) {
            // Named here, where the name is known: a builder ran before it was.
            throw ComponentError.of(TYPE, name, e);
        }
    }

    /**
     * The chart values, once the live server and worker Deployments are read (unless this is a first install): a pin
     * below the tag either runs fails here, before the release is planned (seed 001).
     */
    private Output<Map<String, Object>> values(String name, AuthentikReleaseArgs args) {
        if (args.firstInstall()) {
            return args.valuesOutput();
        }
        var workloads = LiveFloor.workloads(args);
        var tags = workloads.stream().map(w -> LiveKubernetesObject.read(name + "-live-" + w.component(), "apps/v1", "Deployment",
                        w.namespace(), w.deployment(), CustomResourceOptions.builder().parent(this).build())
                .spec().applyValue(spec -> LiveFloor.Read.of(w, spec, args.imageTag()))).toList();
        return Output.all(tags).apply(found -> args.valuesOutput().applyValue(v -> LiveFloor.annotate(v, workloads, found)));
    }

    public Output<String> imageTag() {
        return Output.of(args.imageTag());
    }

    /** The Helm release name. */
    public Output<String> releaseName() {
        return Output.of(args.releaseName());
    }
}
