package dev.citadel.readme;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.StackReference;
import dev.citadel.authentik.AuthentikDefaults;
import dev.citadel.authentik.AuthentikFlow;
import dev.citadel.authentik.AuthentikFlowArgs;
import dev.citadel.authentik.AuthentikRelease;
import dev.citadel.authentik.AuthentikReleaseArgs;
import dev.citadel.authentik.BlueprintObject;
import dev.citadel.authentik.OutpostAlerts;
import dev.citadel.authentik.Presets;
import dev.citadel.database.Backup;
import dev.citadel.database.Bootstrap;
import dev.citadel.database.CaBundle;
import dev.citadel.database.CnpgCluster;
import dev.citadel.database.CnpgClusterArgs;
import dev.citadel.database.AwsSecretsManagerRef;
import dev.citadel.database.Credential;
import dev.citadel.database.Database;
import dev.citadel.database.Pooler;
import dev.citadel.database.Provisioner;
import dev.citadel.database.Publish;
import dev.citadel.database.RdsAppUser;
import dev.citadel.database.RdsAppUserArgs;
import dev.citadel.database.RdsParameterGroup;
import dev.citadel.database.RdsParameterGroupArgs;
import dev.citadel.database.Role;
import dev.citadel.identity.ApiServer;
import dev.citadel.identity.GoogleIdentityProvider;
import dev.citadel.identity.GroupBinding;
import dev.citadel.identity.IdpContract;
import dev.citadel.identity.KeycloakConnection;
import dev.citadel.identity.KeycloakRealm;
import dev.citadel.identity.KeycloakRealmArgs;
import dev.citadel.identity.OidcClient;
import dev.citadel.identity.OidcRbac;
import dev.citadel.identity.OidcRbacArgs;
import dev.citadel.identity.RealmAdoption;
import dev.citadel.identity.RealmTarget;
import dev.citadel.secrets.PasswordPolicy;
import dev.citadel.secrets.Reloader;
import dev.citadel.secrets.SecretRef;
import dev.citadel.secrets.SecretStoreRef;
import dev.citadel.secrets.SecretValues;
import dev.citadel.secrets.VaultBackedSecret;
import dev.citadel.secrets.VaultBackedSecretArgs;
import dev.citadel.secrets.VaultSecretStore;
import dev.citadel.secrets.VaultSecretStoreArgs;

import java.util.List;
import java.util.function.Consumer;

/**
 * The README's Java examples, verbatim (ReadmeExamplesTest keeps each block equal to the README's): if an API
 * change breaks an example, this file stops compiling. The programs also run offline in the test.
 */
@SuppressWarnings("unused")
final class ReadmeExamples {
    private ReadmeExamples() {
    }

    /** "A secret that stays put". */
    static Object secretThatStaysPut(ProviderResource kubernetes, ProviderResource vault) {
        var store = new VaultSecretStore("vault-kv", VaultSecretStoreArgs.builder()
                .vaultServer("http://vault.vault.svc.cluster.local:8200")   // as External Secrets reaches it
                .kvMount("secret")
                .build(), ComponentResourceOptions.builder().providers(kubernetes, vault).build());

        var apiKey = new VaultBackedSecret("powerdns-api-key", VaultBackedSecretArgs.builder()
                .store(store.ref())
                .path("dns/powerdns-api-key")
                .generate("PDNS_API_KEY", PasswordPolicy.alphanumeric(32))
                .rotation(1)                          // the only thing that ever changes the value
                .syncTo("dns-system")
                .syncTo("cert-manager")               // replaces the reflector copy
                .syncTo("external-dns")
                .build(), ComponentResourceOptions.builder().providers(kubernetes, vault).build());

        // A consumer restarts when the value rotates instead of keeping the stale one:
        var metadata = Reloader.annotate(ObjectMetaArgs.builder().name("powerdns").build(), "dns-system", apiKey);
        return metadata;
    }

    /** "Kubernetes OIDC that cannot drift". */
    static void oidcThatCannotDrift() {
        Pulumi.run(ctx -> {
            var google = new VaultBackedSecret("google-oauth", VaultBackedSecretArgs.builder()
                    .store(SecretStoreRef.cluster("vault-kv", "secret")).path("identity/google-oauth")
                    .value("clientId", "homelab-sso.apps.googleusercontent.com")
                    .value("clientSecret", ctx.config("citadel").requireSecret("googleClientSecret"))
                    .syncTo("identity").build());

            var realm = new KeycloakRealm("homelab", KeycloakRealmArgs.builder()
                    .keycloakUrl("https://sso.homelab.lan").namespace("identity")
                    .realm("homelab")
                    .groups("admin", "operator", "developer", "viewer", "user")
                    .defaultGroups("user")                       // every new account: a catch-all, never cluster-admin
                    .client(OidcClient.kubernetesCli())          // seed 000's client, exactly
                    // Only accounts of this Workspace domain can sign in; without it any Google user would get the
                    // default group (Keycloak creates accounts at first login), and OidcRbac refuses to bind it.
                    .google(GoogleIdentityProvider.of(google.ref("identity", "clientId"), google.ref("identity", "clientSecret"))
                            .withHostedDomain("example.com"))
                    .build(), ComponentResourceOptions.builder().dependsOn(google).build());  // the import reads the synced Secret

            var rbac = new OidcRbac("homelab-oidc", OidcRbacArgs.builder()
                    .idp(realm.contract())                       // issuer, client, claims, groups: from the realm
                    .bind("admin", GroupBinding.CLUSTER_ADMIN)
                    .bind("operator", GroupBinding.EDIT).bind("developer", GroupBinding.EDIT)
                    .bind("viewer", GroupBinding.VIEW).bind("user", GroupBinding.VIEW)
                    .apiServer(ApiServer.talos())                // or kubeadm(), authenticationConfiguration(), eks("dev")
                    .build());
            rbac.apiServer().exports().forEach(ctx::export);     // talosPatch here; each target exports its own
            ctx.export("kubeconfigUser", rbac.kubeconfigUser());
        });
    }

    /** "Import or managed". */
    static KeycloakRealm managedRealm(Context ctx, VaultBackedSecret google) {
        var target = RealmTarget.managed(
                        KeycloakConnection.serviceAccount("citadel-admin")      // of the master realm
                                .withCredential(ctx.config("citadel").requireSecret("keycloakAdminClientSecret")),
                        SecretValues.of(List.of(google)))                       // the values behind the realm's secret refs
                .adopting(RealmAdoption.realmOnly()                             // the realm exists: import it, never recreate it
                        .withGroup("admin", "6f1c2a9e-41b7-4c55-9a0e-2b7d0c8e1f01")
                        .withClient("kubernetes", "0b2e4c1d-7a3f-4e21-8c6b-5d9e0f1a2b03"));
        var realm = new KeycloakRealm("homelab", KeycloakRealmArgs.builder()
                .keycloakUrl("https://sso.homelab.lan").namespace("identity").realm("homelab")
                .groups("admin", "developer", "user")
                .client(OidcClient.kubernetesCli())
                .target(target)
                .build());
        return realm;
    }

    /** "A realm from another stack, and one OidcRbac per cluster". */
    static void realmFromAnotherStack() {
        // The identity stack:
        Pulumi.run(ctx -> {
            var realm = new KeycloakRealm("platform", KeycloakRealmArgs.builder()
                    .keycloakUrl("https://sso.example.com").namespace("identity").realm("platform")
                    .groups("platform-admins", "developers", "viewers")
                    .client(OidcClient.kubernetesCli())
                    .build());
            ctx.export("realmContract", realm.contractOutput());   // what other stacks read
        });

        // A cluster stack, with the realm only as the other stack's output:
        Pulumi.run(ctx -> {
            var realm = new StackReference("acme/identity/prod").requireOutput("realmContract")
                    .applyValue(IdpContract::fromStackOutput);
            for (var cluster : List.of("prod", "staging")) {
                var kubernetes = new Provider(cluster, ProviderArgs.builder().context(cluster).build());
                var rbac = new OidcRbac(cluster + "-oidc", OidcRbacArgs.builder()
                        .idp(realm)                              // an Output: checked when the value arrives
                        .bind("platform-admins", GroupBinding.CLUSTER_ADMIN)
                        .bind("developers", GroupBinding.EDIT).bind("viewers", GroupBinding.VIEW)
                        .apiServer(ApiServer.authenticationConfiguration())
                        .build(), ComponentResourceOptions.builder().providers(kubernetes).build());
                ctx.export(cluster + "-kubeconfigUser", rbac.kubeconfigUser());
            }
        });
    }

    /** "Using Citadel from another stack". */
    static void consumer() {
        Pulumi.run(ctx -> {
            var admin = new VaultBackedSecret("grafana-admin", VaultBackedSecretArgs.builder()
                    .store(SecretStoreRef.cluster("vault", "secret"))
                    .path("monitoring/grafana-admin")
                    .value("admin-user", "admin")
                    .generate("admin-password")
                    .syncTo("monitoring")
                    .build());
            var metadata = Reloader.annotate(
                    ObjectMetaArgs.builder().name("grafana").namespace("monitoring").build(), "monitoring", admin);
            // ... a Deployment with that metadata, env from the Secret admin.secretName("monitoring")
        });
    }

    /** "Seed 001's authentik changes as code". */
    static void authentikAsCode() {
        Pulumi.run(authentikProgram());
    }

    /** The README's {@code Pulumi.run(ctx -> {...})} body, as a program the test plans with the policy pack. */
    static Consumer<Context> authentikProgram() {
        return ctx -> {
            var bootstrap = new VaultBackedSecret("authentik-bootstrap", VaultBackedSecretArgs.builder()
                    .store(SecretStoreRef.cluster("vault-kv", "secret")).path("authentik/bootstrap")
                    .generate("AUTHENTIK_BOOTSTRAP_TOKEN", PasswordPolicy.alphanumeric(64))
                    .generate("AUTHENTIK_BOOTSTRAP_PASSWORD", PasswordPolicy.alphanumeric(32))
                    .syncTo("authentik").build());
            var secretKey = new VaultBackedSecret("authentik-secret-key", VaultBackedSecretArgs.builder()
                    .store(SecretStoreRef.cluster("vault-kv", "secret")).path("authentik/secret-key")
                    .generate("AUTHENTIK_SECRET_KEY", PasswordPolicy.alphanumeric(50))
                    .syncTo("authentik").build());
            // The database, behind a session-mode Pooler (seed 001); backups are the next example.
            var password = new VaultBackedSecret("authentik-postgres",
                    Role.passwordSecret("authentik", SecretStoreRef.cluster("vault-kv", "secret"), "authentik/postgres", "authentik").build());
            var db = new CnpgCluster("authentik-db", CnpgClusterArgs.builder()
                    .namespace("authentik").instances(2)
                    .bootstrap(Bootstrap.initdb("authentik", "authentik"))
                    .role(Role.app("authentik", password.ref("authentik", "password")))
                    .pooler(Pooler.rw(Pooler.Mode.SESSION))
                    .build(), ComponentResourceOptions.builder().dependsOn(password).build());

            var flowArgs = AuthentikFlowArgs.builder()
                    .blueprint(Presets.oneScreenLogin())                // identification embeds the password stage
                    .blueprint(Presets.persistentSessions(4))           // default-authentication-login: weeks=4
                    .blueprint(Presets.invitationEnrollment(List.of("user"), List.of("google", "github")))  // group from fixed_data; social sign-up too
                    .blueprint(Presets.firstPartyOidcApp("Forgejo", "https://git.homelab.lan/user/oauth2/authentik/callback"))
                    .blueprint(Presets.deleted("citadel-deleted", List.of(BlueprintObject.Deleted.flow("default-enrollment"))))
                    .blueprint(Presets.outpost(AuthentikDefaults.EMBEDDED_OUTPOST, "https://auth.homelab.lan", 2, "authentik"))
                    .build();                                           // every !KeyOf and !Find resolved here
            var flows = new AuthentikFlow("authentik-flows", flowArgs);

            var release = new AuthentikRelease("authentik", AuthentikReleaseArgs.builder()
                    .chartVersion("2026.2.4")
                    .image("2026.2.4", "2026.2.4")                      // the live tag, and the floor below which build() refuses
                    .existingSecret(secretKey.secretName("authentik"))   // so tuning goes to server.env/worker.env, never authentik.*
                    .bootstrap(bootstrap.ref("authentik", "AUTHENTIK_BOOTSTRAP_TOKEN"), bootstrap.ref("authentik", "AUTHENTIK_BOOTSTRAP_PASSWORD"))
                    .postgres(db.connection("authentik"))                 // the Pooler's host, owner and Secret: nothing typed by hand
                    .env("AUTHENTIK_WEB__WORKERS", "3")
                    .blueprintConfigMap(flowArgs.configMap())
                    .outpostAlerts(OutpostAlerts.forOutpost(AuthentikDefaults.EMBEDDED_OUTPOST))   // selects the series that exist
                    .build(), ComponentResourceOptions.builder().dependsOn(bootstrap, secretKey, db, flows).build());
            ctx.export("authentikImageTag", release.imageTag());
        };
    }

    /** "A CloudNativePG database whose backups cannot silently fail". */
    static void cnpgCluster() {
        Pulumi.run(ctx -> {
            var vault = SecretStoreRef.cluster("vault-kv", "secret");
            // The role's password: basic-auth, username = role, labelled cnpg.io/reload; bump rotation to rotate it.
            var password = new VaultBackedSecret("authentik-postgres",
                    Role.passwordSecret("authentik", vault, "authentik/postgres", "authentik").rotation(1).build());
            var rustfs = new VaultBackedSecret("authentik-rustfs", VaultBackedSecretArgs.builder()
                    .store(vault).path("storage/rustfs-authentik")
                    .value("ACCESS_KEY_ID", "authentik-backup")
                    .value("ACCESS_SECRET_KEY", ctx.config("citadel").requireSecret("rustfsAuthentikKey"))
                    .syncTo("authentik").build());

            var db = new CnpgCluster("authentik-db", CnpgClusterArgs.builder()
                    .namespace("authentik")
                    .instances(2)
                    .bootstrap(Bootstrap.initdb("authentik", "authentik"))
                    .backup(Backup.s3Compatible("http://rustfs.storage.svc.cluster.local:9000", "authentik-backups",
                            Backup.S3Credentials.of(rustfs.ref("authentik", "ACCESS_KEY_ID"), rustfs.ref("authentik", "ACCESS_SECRET_KEY"))))
                    .role(Role.app("authentik", password.ref("authentik", "password")))
                    .database(Database.of("authentik", "authentik"))
                    .pooler(Pooler.rw(Pooler.Mode.SESSION))      // idle_transaction_timeout 300
                    .build(), ComponentResourceOptions.builder().dependsOn(password, rustfs).build());
            ctx.export("authentikDatabaseHost", db.host());
        });
    }

    /** "PostgreSQL users on RDS that exist (seed 004)". */
    static void rdsUsersThatExist() {
        Pulumi.run(ctx -> {
            var keycloakDb = new VaultBackedSecret("keycloak-postgres", VaultBackedSecretArgs.builder()
                    .store(SecretStoreRef.cluster("vault-platform", "platform")).path("keycloak/postgres")
                    .value("username", "keycloak_app").generate("password")
                    .syncTo("platform-db")                        // the Job that creates the user
                    .build());
            var backstageDb = new VaultBackedSecret("backstage-postgres", VaultBackedSecretArgs.builder()
                    .store(SecretStoreRef.cluster("vault-platform", "platform")).path("backstage/postgres")
                    .value("username", "backstage_app").generate("password")
                    .syncTo("platform-db")
                    .build());
            // rds.force_ssl=1 stated, though 15's default: a changed engine default cannot silently open it.
            var params = new RdsParameterGroup("platform-db", RdsParameterGroupArgs.of("15.15"));

            // RDS in private subnets (behind EKS): a Job in the cluster runs the SQL. The master password stays where RDS
            // keeps it (Secrets Manager); an ExternalSecret brings it into the Job's namespace, read through secretKeyRef.
            var keycloak = new RdsAppUser("keycloak-db", RdsAppUserArgs.builder()
                    .host("goldenpath-dev-goldenpath-platform-db.cxmcacaams2q.eu-west-2.rds.amazonaws.com")
                    .engineVersion("15.15")
                    .masterUser("postgres")
                    .masterPasswordInAwsSecretsManager(AwsSecretsManagerRef.of("aws-secretsmanager", "goldenpath/dev/rds/master"))
                    .user("keycloak_app").password(Credential.of(keycloakDb, "platform-db", "password"))
                    .database("keycloak")
                    .provisioner(Provisioner.job("platform-db"))
                    // psql checks RDS's certificate (verify-full) against AWS's global-bundle.pem, put in a ConfigMap by you.
                    .caBundle(CaBundle.configMap("rds-ca", "global-bundle.pem"))
                    // Once the Job has run: username, password, host, port, dbname, sslmode, jdbcUrl for the app's ExternalSecret.
                    .publish(Publish.awsSecretsManager("goldenpath/dev/keycloak/postgres"))
                    .build(), ComponentResourceOptions.builder().dependsOn(keycloakDb).build());

            // An RDS that `pulumi up` reaches: the postgresql provider, as the master, with the values themselves.
            var masterValue = Credential.of(SecretRef.of("platform-db", "rds-master", "password"),
                    ctx.config("citadel").requireSecret("rdsMasterPassword"), "0");
            var backstage = new RdsAppUser("backstage-db", RdsAppUserArgs.builder()
                    .host("goldenpath-dev-goldenpath-platform-db.cxmcacaams2q.eu-west-2.rds.amazonaws.com")
                    .engineVersion("15.15")
                    .masterUser("postgres").masterPassword(masterValue)
                    .user("backstage_app").password(Credential.of(backstageDb, "platform-db", "password"))
                    .database("backstage_plugin_catalog")
                    .createDatabase(true)                         // seed 004's ALTER USER ... CREATEDB
                    .connectionLimit(50)
                    // Once the last grant is in: Vault KV, synced by External Secrets into the app's namespace.
                    .publish(Publish.vaultKv(SecretStoreRef.cluster("vault-platform", "platform"), "backstage/postgres-connection",
                            "backstage"))
                    .build());
            ctx.export("keycloakJdbcUrl", keycloak.jdbcUrl());   // jdbc:postgresql://…:5432/keycloak?sslmode=require
            ctx.export("keycloakSecret", keycloak.publishedAt()); // the Secrets Manager secret's ARN
            ctx.export("backstageVaultPath", backstage.publishedAt());  // platform/backstage/postgres-connection
            ctx.export("rdsParameterGroup", params.groupName());  // the instance's parameterGroupName
        });
    }
}
