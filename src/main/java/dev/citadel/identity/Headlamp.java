package dev.citadel.identity;

import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.core.Output;
import dev.citadel.component.ComponentError;

import javax.annotation.Nullable;
import java.util.Map;

/**
 * Headlamp (chart {@value HeadlampArgs#CHART}) logging in through the API server's own OIDC client, so the tokens it
 * sends are ones the API server accepts and RBAC reads the same groups kubectl's carry. One child: the Helm release
 * {@code <name>}.
 */
public final class Headlamp extends ComponentResource {
    public static final String TYPE = "citadel:identity:Headlamp";

    public Headlamp(String name, HeadlampArgs args) {
        this(name, args, null);
    }

    public Headlamp(String name, HeadlampArgs args, @Nullable ComponentResourceOptions options) {
        super(TYPE, name, options);
        try {
            var child = dev.citadel.component.Children.waitingWith(this, options);
            new Release(name, ReleaseArgs.builder()
                    .name(name)
                    .namespace(args.namespace())
                    .chart(HeadlampArgs.CHART)
                    .version(args.chartVersion())
                    .repositoryOpts(RepositoryOptsArgs.builder().repo(HeadlampArgs.REPO).build())
                    .values(args.values())
                    .build(), dev.citadel.provider.Plugin.KUBERNETES.pin(child.build()));
            registerOutputs(Map.of("callbackUrl", Output.of(args.callbackUrl())));
        } catch (IllegalArgumentException e) {
            // Named here, where the name is known: a builder ran before it was.
            throw ComponentError.of(TYPE, name, e);
        }
    }
}
