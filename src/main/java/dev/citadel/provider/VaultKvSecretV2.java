package dev.citadel.provider;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.Map;

/** {@code vault:kv/secretV2:SecretV2}: one secret in a KV version 2 mount. */
@ResourceType(type = VaultKvSecretV2.TYPE)
public final class VaultKvSecretV2 extends CustomResource {
    public static final String TYPE = "vault:kv/secretV2:SecretV2";

    public VaultKvSecretV2(String name, Args args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Plugin.VAULT.pin(options, "data", "dataJson"));
    }

    public static final class Args extends ResourceArgs {
        @Import(name = "mount", required = true) private Output<String> mount;
        @Import(name = "name", required = true) private Output<String> name;
        @Import(name = "dataJson", required = true) private Output<String> dataJson;
        @Import(name = "customMetadata") private Output<Map<String, Object>> customMetadata;
        @Import(name = "deleteAllVersions") private Output<Boolean> deleteAllVersions;

        public Args mount(String v) { this.mount = Output.of(v); return this; }
        public Args name(String v) { this.name = Output.of(v); return this; }
        /** Always stored as a secret, whatever the caller passed. */
        public Args dataJson(Output<String> v) { this.dataJson = v.asSecret(); return this; }
        public Args customMetadata(Map<String, Object> v) { this.customMetadata = Output.of(v); return this; }
        public Args deleteAllVersions(boolean v) { this.deleteAllVersions = Output.of(v); return this; }
    }
}
