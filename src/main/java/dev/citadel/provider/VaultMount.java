package dev.citadel.provider;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.Map;

/** {@code vault:index/mount:Mount}: a secrets engine mount, e.g. KV version 2. */
@ResourceType(type = VaultMount.TYPE)
public final class VaultMount extends CustomResource {
    public static final String TYPE = "vault:index/mount:Mount";

    public VaultMount(String name, Args args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Plugin.VAULT.pin(options));
    }

    public static final class Args extends ResourceArgs {
        @Import(name = "path", required = true) private Output<String> path;
        @Import(name = "type", required = true) private Output<String> type;
        @Import(name = "description") private Output<String> description;
        @Import(name = "options") private Output<Map<String, String>> options;

        public Args path(String v) { this.path = Output.of(v); return this; }
        public Args type(String v) { this.type = Output.of(v); return this; }
        public Args description(String v) { this.description = Output.of(v); return this; }
        public Args options(Map<String, String> v) { this.options = Output.of(v); return this; }
    }
}
