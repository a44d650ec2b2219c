package dev.citadel.provider;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.List;

/** {@code vault:kubernetes/authBackendRole:AuthBackendRole}: binds service accounts to Vault policies. */
@ResourceType(type = VaultKubernetesAuthBackendRole.TYPE)
public final class VaultKubernetesAuthBackendRole extends CustomResource {
    public static final String TYPE = "vault:kubernetes/authBackendRole:AuthBackendRole";

    public VaultKubernetesAuthBackendRole(String name, Args args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Plugin.VAULT.pin(options));
    }

    public static final class Args extends ResourceArgs {
        @Import(name = "backend") private Output<String> backend;
        @Import(name = "roleName", required = true) private Output<String> roleName;
        @Import(name = "boundServiceAccountNames", required = true) private Output<List<String>> boundServiceAccountNames;
        @Import(name = "boundServiceAccountNamespaces") private Output<List<String>> boundServiceAccountNamespaces;
        @Import(name = "tokenPolicies") private Output<List<String>> tokenPolicies;
        @Import(name = "tokenTtl") private Output<Integer> tokenTtl;
        @Import(name = "audience") private Output<String> audience;

        public Args backend(Output<String> v) { this.backend = v; return this; }
        public Args roleName(String v) { this.roleName = Output.of(v); return this; }
        public Args boundServiceAccountNames(List<String> v) { this.boundServiceAccountNames = Output.of(v); return this; }
        public Args boundServiceAccountNamespaces(List<String> v) { this.boundServiceAccountNamespaces = Output.of(v); return this; }
        public Args tokenPolicies(Output<List<String>> v) { this.tokenPolicies = v; return this; }
        public Args tokenTtl(int seconds) { this.tokenTtl = Output.of(seconds); return this; }
        public Args audience(String v) { this.audience = Output.of(v); return this; }
    }
}
