package dev.citadel.pkg;

import dev.citadel.database.Backup;
import dev.citadel.database.Bootstrap;
import dev.citadel.database.CnpgClusterArgs;
import dev.citadel.database.Role;
import dev.citadel.identity.ApiServer;
import dev.citadel.identity.IdpContract;
import dev.citadel.identity.OidcClient;
import dev.citadel.identity.OidcRbacArgs;
import dev.citadel.secrets.SecretRef;
import dev.citadel.secrets.SecretStoreRef;
import dev.citadel.secrets.VaultBackedSecretArgs;

import java.util.List;
import java.util.Map;

/**
 * One value per component, twice: as a program in another language passes it to Construct, and as a Java stack builds
 * the same component with the builders. The secret's {@code apiKey} arrives as a secret.
 */
final class Examples {
    static final String API_KEY = "s3cr3t-api-key-7f1c";
    static final String ISSUER = "https://id.example.com/realms/platform";

    private Examples() {
    }

    static Map<String, Object> secretInputs() {
        return Map.of("name", "app-db", "path", "apps/db",
                "store", Map.of("name", "vault", "kvMount", "secret"),
                "generate", List.of(Map.of("key", "password")),
                "values", Map.of("username", "app", "apiKey", new Wire.Secret(API_KEY)),
                "syncTo", List.of(Map.of("namespace", "apps")));
    }

    static VaultBackedSecretArgs secretArgs() {
        return VaultBackedSecretArgs.builder().store(SecretStoreRef.cluster("vault", "secret")).path("apps/db")
                .generate("password").value("username", "app").value("apiKey", API_KEY).syncTo("apps").build();
    }

    /** The cluster's role reads the secret above by its outputs (secretNames, keys). */
    static Map<String, Object> clusterInputs() {
        return Map.of("name", "app-db", "namespace", "apps",
                "bootstrap", Map.of("database", "app", "owner", "app"),
                "roles", List.of(Map.of("name", "app", "secret", "app-db")),
                "backup", Map.of("bucket", "s3://backups/app-db", "endpoint", "https://s3.example.com",
                        "credentials", Map.of("secretName", "s3-creds")),
                "secrets", List.of(Map.of("name", "app-db", "secretNames", Map.of("apps", "app-db"),
                        "keys", List.of("apiKey", "password", "username"))));
    }

    static CnpgClusterArgs clusterArgs() {
        return CnpgClusterArgs.builder().namespace("apps").bootstrap(Bootstrap.initdb("app", "app"))
                .role(Role.app("app", SecretRef.of("apps", "app-db", "password")))
                .backup(Backup.s3Compatible("https://s3.example.com", "s3://backups/app-db", Backup.S3Credentials.of(
                        SecretRef.of("apps", "s3-creds", "ACCESS_KEY_ID"), SecretRef.of("apps", "s3-creds", "ACCESS_SECRET_KEY"))))
                .build();
    }

    static Map<String, Object> rbacInputs() {
        return Map.of("issuer", Map.of("url", ISSUER, "groups", List.of("admin", "user")),
                "apiServer", "talos", "bindings", Map.of("admin", "cluster-admin", "user", "view"));
    }

    static OidcRbacArgs rbacArgs() {
        return OidcRbacArgs.builder().idp(IdpContract.external(ISSUER, OidcClient.KUBERNETES_CLIENT_ID, "admin", "user"))
                .bind("admin", "cluster-admin").bind("user", "view").apiServer(ApiServer.talos()).build();
    }
}
