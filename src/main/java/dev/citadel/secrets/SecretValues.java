package dev.citadel.secrets;

import com.pulumi.core.Output;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The values behind {@link SecretRef}s, as Pulumi secrets: what a component that writes a credential into another
 * system itself (a Keycloak client secret over Keycloak's admin API) needs, where a Kubernetes consumer needs only
 * the ref. Built from the {@link VaultBackedSecret}s that sync the refs; a ref nothing here answers is the caller's
 * error to report (it names the consumer), never an empty value.
 */
public final class SecretValues {
    private final Map<SecretRef, Output<String>> values;

    private SecretValues(Map<SecretRef, Output<String>> values) {
        this.values = Map.copyOf(values);
    }

    public static SecretValues none() {
        return new SecretValues(Map.of());
    }

    /** Every key of every given secret, in every namespace it is synced to. */
    public static SecretValues of(Collection<VaultBackedSecret> secrets) {
        var values = new LinkedHashMap<SecretRef, Output<String>>();
        for (var secret : secrets) {
            secret.secretNames().forEach((namespace, name) -> secret.keys().forEach(key ->
                    values.put(SecretRef.of(namespace, name, key), secret.value(key))));
        }
        return new SecretValues(values);
    }

    /** These values and {@code ref}'s, for a Secret made elsewhere whose value this program has (always kept secret). */
    public SecretValues with(SecretRef ref, Output<String> value) {
        var more = new LinkedHashMap<>(values);
        more.put(ref, value.asSecret());
        return new SecretValues(more);
    }

    /** The value behind {@code ref}, a secret; empty when nothing given here syncs it. */
    public Optional<Output<String>> value(SecretRef ref) {
        return Optional.ofNullable(values.get(ref)).map(Output::asSecret);
    }

    /** The refs answered, for messages (never the values). */
    public Set<SecretRef> refs() {
        return values.keySet();
    }

    @Override
    public String toString() {
        return "SecretValues" + refs();
    }
}
