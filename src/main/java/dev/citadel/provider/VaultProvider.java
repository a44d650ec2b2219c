package dev.citadel.provider;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;

/**
 * {@code pulumi:providers:vault}. The token is deliberately not an input: the provider reads
 * {@code VAULT_TOKEN} (or a token helper) at run time, so no credential lands in the state file.
 */
public final class VaultProvider extends ProviderResource {

    public VaultProvider(String name, Args args) {
        this(name, args, null);
    }

    public VaultProvider(String name, Args args, @Nullable CustomResourceOptions options) {
        super(Plugin.VAULT.pkg(), name, args, Plugin.VAULT.pin(options));
    }

    public static final class Args extends ResourceArgs {
        @Import(name = "address") private Output<String> address;
        @Import(name = "namespace") private Output<String> namespace;

        public Args address(String v) { this.address = Output.of(v); return this; }
        public Args namespace(String v) { this.namespace = Output.of(v); return this; }
    }
}
