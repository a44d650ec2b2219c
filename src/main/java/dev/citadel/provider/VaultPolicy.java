package dev.citadel.provider;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;

/** {@code vault:index/policy:Policy}: an ACL policy in HCL. */
@ResourceType(type = VaultPolicy.TYPE)
public final class VaultPolicy extends CustomResource {
    public static final String TYPE = "vault:index/policy:Policy";

    public VaultPolicy(String name, Args args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Plugin.VAULT.pin(options));
    }

    public static final class Args extends ResourceArgs {
        @Import(name = "name") private Output<String> name;
        @Import(name = "policy", required = true) private Output<String> policy;

        public Args name(String v) { this.name = Output.of(v); return this; }
        public Args policy(String v) { this.policy = Output.of(v); return this; }
    }
}
