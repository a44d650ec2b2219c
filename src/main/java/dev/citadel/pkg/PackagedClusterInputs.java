package dev.citadel.pkg;

import com.pulumi.core.annotations.Import;
import dev.citadel.config.Doc;
import dev.citadel.database.CnpgClusterInputs;
import dev.citadel.secrets.SyncedSecretContract;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A {@code citadel:databases} entry, and the secrets it names, which a stack program finds in {@code citadel:secrets}. */
@Doc("A CloudNativePG cluster with its roles, databases, backups, pooler and alerts.")
public final class PackagedClusterInputs extends CnpgClusterInputs {
    @Import(name = "secrets") @Doc("The VaultBackedSecrets roles[].secret and backup.credentials.secret name, by their outputs.")
    private List<SecretContract> secrets;

    Map<String, SyncedSecretContract> secrets() {
        var byName = new TreeMap<String, SyncedSecretContract>();
        secrets.forEach(s -> byName.put(s.name(), s.contract()));
        return byName;
    }
}
