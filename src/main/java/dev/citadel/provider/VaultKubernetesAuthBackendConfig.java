package dev.citadel.provider;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;

/** {@code vault:kubernetes/authBackendConfig:AuthBackendConfig}: where Vault reviews service-account tokens. */
@ResourceType(type = VaultKubernetesAuthBackendConfig.TYPE)
public final class VaultKubernetesAuthBackendConfig extends CustomResource {
    public static final String TYPE = "vault:kubernetes/authBackendConfig:AuthBackendConfig";

    public VaultKubernetesAuthBackendConfig(String name, Args args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Plugin.VAULT.pin(options));
    }

    public static final class Args extends ResourceArgs {
        @Import(name = "backend") private Output<String> backend;
        @Import(name = "kubernetesHost", required = true) private Output<String> kubernetesHost;
        @Import(name = "kubernetesCaCert") private Output<String> kubernetesCaCert;
        @Import(name = "disableLocalCaJwt") private Output<Boolean> disableLocalCaJwt;

        public Args backend(Output<String> v) { this.backend = v; return this; }
        public Args kubernetesHost(String v) { this.kubernetesHost = Output.of(v); return this; }
        public Args kubernetesCaCert(String v) { this.kubernetesCaCert = Output.of(v); return this; }
        public Args disableLocalCaJwt(boolean v) { this.disableLocalCaJwt = Output.of(v); return this; }
    }
}
