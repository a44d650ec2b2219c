package dev.citadel.secrets;

import dev.citadel.names.KubernetesNames;

/**
 * One key of a Kubernetes Secret, by value: what a component reads a credential from without holding the
 * resource that makes it. A {@link VaultBackedSecret} hands these out ({@link VaultBackedSecret#ref}); a Secret
 * made elsewhere (another stack, a Helm chart, by hand) is {@link #of}. Args stay pure values this way, so
 * {@code build()} needs no deployment; when the Secret is made in the same program, pass its resource as
 * {@code dependsOn} in the component's options so the reader waits for it.
 *
 * @param namespace the Secret's namespace
 * @param name      the Secret's name
 * @param key       the key inside its data
 */
public record SecretRef(String namespace, String name, String key) {

    public SecretRef {
        KubernetesNames.label("secret namespace", namespace);
        KubernetesNames.subdomain("secret name", name);
        KubernetesNames.secretKey("secret key", key);
    }

    public static SecretRef of(String namespace, String name, String key) {
        return new SecretRef(namespace, name, key);
    }

    /** Another key of the same Secret. */
    public SecretRef withKey(String otherKey) {
        return new SecretRef(namespace, name, otherKey);
    }

    @Override
    public String toString() {
        return "secret " + namespace + "/" + name + "[" + key + "]";
    }
}
