// The same program in TypeScript, after `pulumi package add <citadel>/package` (docs/package.md).
import * as citadel from "@pulumi/citadel";

const appDbSecret = new citadel.VaultBackedSecret("appDbSecret", {
    name: "app-db",
    path: "apps/db",
    store: { name: "vault", kvMount: "secret" },
    generate: [{ key: "password" }],
    values: { username: "app" },
    syncTo: [{ namespace: "apps" }],
});

const appDb = new citadel.CnpgCluster("appDb", {
    name: "app-db",
    namespace: "apps",
    bootstrap: { database: "app", owner: "app" },
    roles: [{ name: "app", secret: "app-db" }],
    backup: {
        bucket: "s3://backups/app-db",
        endpoint: "https://s3.example.com",
        credentials: { secretName: "s3-creds" },
    },
    secrets: [{ name: "app-db", secretNames: appDbSecret.secretNames, keys: appDbSecret.keys }],
});

const clusterOidc = new citadel.OidcRbac("clusterOidc", {
    issuer: { url: "https://id.example.com/realms/platform", groups: ["admin", "user"] },
    apiServer: "talos",
    bindings: { admin: "cluster-admin", user: "view" },
});

export const databaseHost = appDb.host;
export const kubeconfigUser = clusterOidc.kubeconfigUser;
