package dev.citadel.identity;

import com.pulumi.core.Output;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link OidcRbac} made for the API server, one type per {@link ApiServer} target: the Talos patch, the
 * kubeadm configuration, the structured AuthenticationConfiguration, or the EKS identity provider config. Each
 * carries exactly its own outputs, so a caller cannot ask an EKS target for a Talos patch.
 */
public sealed interface ApiServerConfig {

    /** The stack outputs the reference stacks export for this target, by output name. */
    Map<String, Output<?>> exports();

    /** {@code cluster.apiServer.extraArgs} for control-plane machine configs ({@code talosctl patch mc --patch @file}). */
    record TalosPatch(Output<String> patch) implements ApiServerConfig {
        @Override
        public Map<String, Output<?>> exports() {
            return Map.of("talosPatch", patch);
        }
    }

    /** The {@code --oidc-*} flags and the kubeadm {@code ClusterConfiguration} carrying them. */
    record Kubeadm(Output<List<String>> apiServerFlags, Output<String> clusterConfiguration) implements ApiServerConfig {
        @Override
        public Map<String, Output<?>> exports() {
            var m = new LinkedHashMap<String, Output<?>>();
            m.put("apiServerFlags", apiServerFlags);
            m.put("kubeadmClusterConfiguration", clusterConfiguration);
            return m;
        }
    }

    /** The {@code AuthenticationConfiguration} file for {@code --authentication-config}. */
    record AuthenticationConfiguration(Output<String> yaml) implements ApiServerConfig {
        @Override
        public Map<String, Output<?>> exports() {
            return Map.of("authenticationConfiguration", yaml);
        }
    }

    /** The id of the {@code aws.eks.IdentityProviderConfig} associated with the cluster. */
    record EksIdentityProvider(Output<String> identityProviderConfigId) implements ApiServerConfig {
        @Override
        public Map<String, Output<?>> exports() {
            return Map.of("eksIdentityProviderConfig", identityProviderConfigId);
        }
    }
}
