package dev.citadel.secrets;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a {@link VaultBackedSecret} promises its consumers, as plain values: the Secret's name in each namespace it is
 * synced to and the keys it holds. The component checks its own references with it, so a reference made from the
 * contract alone (passed between stacks or languages as the component's outputs) is refused for the same reasons.
 *
 * @param name        the secret's name, for messages
 * @param secretNames consumer namespace to the synced Secret's name there
 * @param keys        the keys it holds
 */
public record SyncedSecretContract(String name, Map<String, String> secretNames, Set<String> keys) implements SyncedSecret {

    public SyncedSecretContract {
        secretNames = java.util.Collections.unmodifiableMap(new TreeMap<>(secretNames));
        keys = java.util.Collections.unmodifiableSet(new TreeSet<>(keys));
    }

    @Override
    public SecretRef ref(String namespace, String key) {
        if (!keys.contains(key)) {
            throw new IllegalArgumentException("secret '" + name + "' has no key '" + key + "' (it has " + keys + ")");
        }
        return new SecretRef(namespace, secretName(namespace), key);
    }

    /** The synced Secret's name in {@code namespace}. */
    public String secretName(String namespace) {
        var n = secretNames.get(namespace);
        if (n == null) {
            throw new IllegalArgumentException("namespace '" + namespace + "' does not consume the secret '" + name
                    + "'; it is synced to " + secretNames.keySet() + " (add '" + namespace + "' to its syncTo)");
        }
        return n;
    }
}
