package dev.citadel.pkg;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import dev.citadel.secrets.VaultBackedSecretArgs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code citadel:index:VaultBackedSecret}: a {@link dev.citadel.secrets.VaultBackedSecret} (its child, named after the
 * {@code name} input) for a program in another language. Its outputs are what a consumer's {@code secrets} entry takes.
 */
public final class VaultBackedSecret extends ComponentResource {
    public static final String TYPE = "citadel:index:VaultBackedSecret";

    @Export(name = "vaultPath")
    private final Output<String> vaultPath;
    @Export(name = "secretNames")
    private final Output<Map<String, String>> secretNames;
    @Export(name = "keys")
    private final Output<List<String>> keys;
    @Export(name = "rotation")
    private final Output<String> rotation;

    public VaultBackedSecret(String name, PackagedSecretInputs inputs, ComponentResourceOptions options) {
        this(name, inputs.name(), Built.of(name, Map.of(), scope -> inputs.toArgs(scope, inputs.store())), options);
    }

    private VaultBackedSecret(String name, String entry, Built<VaultBackedSecretArgs> built, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var secret = new dev.citadel.secrets.VaultBackedSecret(entry, built.args(), built.scope().options(this));
        this.vaultPath = secret.vaultPath();
        this.secretNames = Output.of(new TreeMap<>(secret.secretNames()));
        this.keys = Output.of(new ArrayList<>(secret.keys()));
        this.rotation = Output.of(secret.rotation());
        registerOutputs(Map.of("vaultPath", vaultPath, "secretNames", secretNames, "keys", keys, "rotation", rotation));
    }

    public Output<Map<String, String>> secretNames() {
        return secretNames;
    }

    public Output<List<String>> keys() {
        return keys;
    }
}
