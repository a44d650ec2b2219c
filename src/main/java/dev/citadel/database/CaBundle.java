package dev.citadel.database;

import dev.citadel.names.KubernetesNames;

/**
 * Where the Job finds the CA certificates the database's certificate must chain to: a key of a Secret or a ConfigMap
 * in the Job's namespace, mounted read-only and given to psql as {@code PGSSLROOTCERT} with {@code sslmode=verify-full}.
 * Issue 23: with {@code require} and no CA the Job sent the master password to whoever answered at the host.
 * For RDS it is AWS's global bundle ({@code global-bundle.pem}, published by AWS; the user puts it in the cluster,
 * Citadel cannot fetch it at plan time).
 */
public sealed interface CaBundle {

    /** The object's name. */
    String name();

    /** The key holding the PEM. */
    String key();

    /** A key of a ConfigMap in the Job's namespace (CA certificates are public). */
    static CaBundle configMap(String name, String key) {
        return new ConfigMapKey(name, key);
    }

    /** A key of a Secret in the Job's namespace (e.g. one an operator writes, like CNPG's {@code <cluster>-ca}). */
    static CaBundle secret(String name, String key) {
        return new SecretKey(name, key);
    }

    record ConfigMapKey(String name, String key) implements CaBundle {
        public ConfigMapKey {
            check(name, key);
        }
    }

    record SecretKey(String name, String key) implements CaBundle {
        public SecretKey {
            check(name, key);
        }
    }

    private static void check(String name, String key) {
        KubernetesNames.subdomain("caBundle name", name);
        if (key == null || !key.matches("[-._a-zA-Z0-9]{1,253}")) {
            throw new IllegalArgumentException("caBundle key: '" + dev.citadel.value.Shown.cut(String.valueOf(key))
                    + "' is not a ConfigMap/Secret key (letters, digits, '-', '_', '.'); e.g. global-bundle.pem");
        }
    }
}
