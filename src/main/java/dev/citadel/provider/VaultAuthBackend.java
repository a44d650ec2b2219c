package dev.citadel.provider;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;

/** {@code vault:index/authBackend:AuthBackend}: enables an auth method (here: kubernetes) at a path. */
@ResourceType(type = VaultAuthBackend.TYPE)
public final class VaultAuthBackend extends CustomResource {
    public static final String TYPE = "vault:index/authBackend:AuthBackend";

    public VaultAuthBackend(String name, Args args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Plugin.VAULT.pin(options));
    }

    public static final class Args extends ResourceArgs {
        @Import(name = "type", required = true) private Output<String> type;
        @Import(name = "path") private Output<String> path;
        @Import(name = "description") private Output<String> description;

        public Args type(String v) { this.type = Output.of(v); return this; }
        public Args path(String v) { this.path = Output.of(v); return this; }
        public Args description(String v) { this.description = Output.of(v); return this; }
    }
}
