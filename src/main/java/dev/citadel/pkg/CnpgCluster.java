package dev.citadel.pkg;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import dev.citadel.config.ConfigException;
import dev.citadel.database.CnpgClusterArgs;

import java.util.Map;

/**
 * {@code citadel:index:CnpgCluster}: a {@link dev.citadel.database.CnpgCluster} (its child, named after the {@code name}
 * input) for a program in another language; role passwords and backup credentials name VaultBackedSecrets given in
 * {@code secrets} by their outputs.
 */
public final class CnpgCluster extends ComponentResource {
    public static final String TYPE = "citadel:index:CnpgCluster";

    @Export(name = "clusterName")
    private final Output<String> clusterName;
    @Export(name = "host")
    private final Output<String> host;
    @Export(name = "serverName")
    private final Output<String> serverName;

    public CnpgCluster(String name, PackagedClusterInputs inputs, ComponentResourceOptions options) {
        this(name, inputs.name(), Built.of(name, inputs.secrets(), inputs::toArgs), options);
    }

    private CnpgCluster(String name, String entry, Built<CnpgClusterArgs> built, ComponentResourceOptions options) {
        super(TYPE, name, options);
        // The cluster checks what only the whole args show (a recovery onto its own archive): its refusal names the input.
        var cluster = ConfigException.at(name, () -> new dev.citadel.database.CnpgCluster(entry, built.args(), built.scope().options(this)));
        this.clusterName = cluster.clusterName();
        this.host = cluster.host();
        this.serverName = cluster.serverName();
        registerOutputs(Map.of("clusterName", clusterName, "host", host, "serverName", serverName));
    }

    public Output<String> host() {
        return host;
    }
}
