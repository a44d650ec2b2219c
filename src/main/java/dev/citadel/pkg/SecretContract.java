package dev.citadel.pkg;

import com.pulumi.core.annotations.Import;
import dev.citadel.config.Doc;
import dev.citadel.config.Inputs;
import dev.citadel.secrets.SyncedSecretContract;

import java.util.List;
import java.util.Map;

/** A VaultBackedSecret as a consumer in another program names it: its name and the outputs it promises. */
@Doc("A VaultBackedSecret a component reads: its name, and its secretNames and keys outputs.")
public final class SecretContract extends Inputs {
    @Import(name = "name", required = true) @Doc("The name the component's settings use for it (e.g. roles[].secret).")
    private String name;
    @Import(name = "secretNames", required = true) @Doc("The VaultBackedSecret's secretNames output: namespace to the synced Secret's name.")
    private Map<String, String> secretNames;
    @Import(name = "keys", required = true) @Doc("The VaultBackedSecret's keys output.")
    private List<String> keys;

    String name() {
        return name;
    }

    SyncedSecretContract contract() {
        return new SyncedSecretContract(name, secretNames, new java.util.TreeSet<>(keys));
    }
}
