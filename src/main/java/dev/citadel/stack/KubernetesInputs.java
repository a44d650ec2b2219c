package dev.citadel.stack;

import com.pulumi.core.annotations.Import;
import com.pulumi.kubernetes.ProviderArgs;
import dev.citadel.config.Doc;
import dev.citadel.config.Inputs;

/** {@code citadel:kubernetes}: the cluster pulumi up talks to. */
@Doc("The Kubernetes cluster pulumi up talks to (the kubeconfig of the environment).")
public final class KubernetesInputs extends Inputs {
    @Import(name = "context") @Doc("The kubeconfig context; default the current one.")
    private String context;
    @Import(name = "namespace") @Doc("The namespace of objects that name none.")
    private String namespace;

    ProviderArgs providerArgs() {
        var args = ProviderArgs.builder();
        ifSet(context, args::context);
        ifSet(namespace, args::namespace);
        return args.build();
    }
}
