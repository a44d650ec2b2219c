package dev.citadel.database;

import com.pulumi.core.Output;
import dev.citadel.secrets.SecretRef;
import dev.citadel.secrets.VaultBackedSecret;

import java.util.Objects;
import java.util.Optional;

/**
 * A PostgreSQL password by reference: the key of a Kubernetes Secret (what the in-cluster Job reads through
 * {@code secretKeyRef}) and, when Pulumi knows it, its value (what the postgresql provider needs). Seed 004's
 * passwords lived in a secret store while nothing set them on the role; carrying both keeps the two paths on one
 * declaration. A value, never a resource, so args stay pure.
 *
 * @param ref      where the cluster holds it
 * @param value    the value, for the provider path; empty for a Secret made elsewhere (the Job path only)
 * @param rotation the rotation marker of the secret: a new marker re-runs the Job, so the role is re-keyed
 */
public record Credential(SecretRef ref, Optional<Output<String>> value, String rotation) {

    public Credential {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(rotation, "rotation");
    }

    /** The key {@code key} of a VaultBackedSecret synced into {@code namespace}: reference, value and rotation. */
    public static Credential of(VaultBackedSecret secret, String namespace, String key) {
        return new Credential(secret.ref(namespace, key), Optional.of(secret.value(key)), secret.rotation());
    }

    /** A Secret made elsewhere (another stack, ESO from AWS Secrets Manager): usable by the Job path only. */
    public static Credential ref(SecretRef ref) {
        return new Credential(ref, Optional.empty(), "0");
    }

    /** A Secret made elsewhere whose value the program also has (e.g. read from AWS Secrets Manager). */
    public static Credential of(SecretRef ref, Output<String> value, String rotation) {
        return new Credential(ref, Optional.of(value), rotation);
    }
}
