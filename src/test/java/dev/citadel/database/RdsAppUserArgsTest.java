package dev.citadel.database;

import dev.citadel.secrets.SecretRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.citadel.database.RdsPlans.rejection;
import static org.assertj.core.api.Assertions.assertThat;

/** What RdsAppUserArgs refuses at build(), without a deployment, and what each message tells. */
class RdsAppUserArgsTest {

    @Test
    void seed004sDeclarationsBuild() {
        var keycloak = RdsPlans.keycloak(RdsPlans.someRef()).build();
        assertThat(keycloak.user()).isEqualTo("keycloak_app");
        assertThat(keycloak.createDatabase()).isFalse();
        assertThat(keycloak.grantsPublicSchema()).isTrue();
        assertThat(keycloak.sslMode()).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(RdsPlans.backstage(RdsPlans.someRef()).build().createDatabase()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"keycloak\"; DROP ROLE postgres; --", "keycloak app", "Keycloak_App", "app'x", "1app", "",
            "a_name_that_is_far_too_long_for_postgresql_which_truncates_at_63_bytes"})
    void aRoleNameWithQuotesSpacesOrSqlIsRefused(String name) {
        var e = rejection(() -> RdsPlans.keycloak(RdsPlans.someRef()).user(name).build());
        assertThat(e).hasMessageStartingWith("user: '" + name + "' is not a plain PostgreSQL name")
                .hasMessageContaining("lower-case letters, digits and underscores");
    }

    @ParameterizedTest
    @ValueSource(strings = {"keycloak\"; DROP DATABASE postgres; --", "my db", "db'--"})
    void aDatabaseNameWithQuotesSpacesOrSqlIsRefused(String name) {
        assertThat(rejection(() -> RdsPlans.keycloak(RdsPlans.someRef()).database(name).build()))
                .hasMessageStartingWith("database: '" + name + "' is not a plain PostgreSQL name");
    }

    @Test
    void reservedNamesAreRefused() {
        assertThat(rejection(() -> RdsPlans.keycloak(RdsPlans.someRef()).user("pg_monitor").build()))
                .hasMessageContaining("starts with pg_");
        assertThat(rejection(() -> RdsPlans.keycloak(RdsPlans.someRef()).user("rds_superuser").build()))
                .hasMessageContaining("RDS keeps for itself");
        assertThat(rejection(() -> RdsPlans.keycloak(RdsPlans.someRef()).user("postgres").build()))
                .hasMessageContaining("RDS keeps for itself");
        assertThat(rejection(() -> RdsPlans.keycloak(RdsPlans.someRef()).database("template1").build()))
                .hasMessageContaining("database: 'template1' is reserved");
        assertThat(rejection(() -> RdsPlans.keycloak(RdsPlans.someRef()).masterUser("admin").user("admin").build()))
                .hasMessageContaining("is the master user");
    }

    @Test
    void endpointMistakesNameTheFieldAndTheFix() {
        assertThat(rejection(() -> RdsPlans.keycloak(RdsPlans.someRef()).host("postgres://db.example.com:5432").build()))
                .hasMessageStartingWith("host: 'postgres://db.example.com:5432' is not a host name")
                .hasMessageContaining("without scheme, port or path");
        assertThat(rejection(() -> RdsPlans.keycloak(RdsPlans.someRef()).port(0).build())).hasMessageStartingWith("port: 0");
        assertThat(rejection(() -> RdsPlans.keycloak(RdsPlans.someRef()).engineVersion("fifteen").build()))
                .hasMessageStartingWith("engineVersion: 'fifteen'").hasMessageContaining("e.g. 15.15");
        assertThat(rejection(() -> RdsPlans.keycloak(RdsPlans.someRef()).engineVersion("9.6").build()))
                .hasMessageContaining("upgrade the instance");
        assertThat(rejection(() -> RdsPlans.keycloak(RdsPlans.someRef()).connectionLimit(-2).build()))
                .hasMessageStartingWith("connectionLimit: -2");
        assertThat(rejection(() -> RdsPlans.keycloak(null).build())).hasMessageStartingWith("password: not set");
        assertThat(rejection(() -> RdsPlans.keycloak(RdsPlans.someRef()).masterPassword(null).build()))
                .hasMessageStartingWith("masterPassword: not set");
    }

    @Test
    void theProviderPathNeedsPasswordValuesNotJustSecretNames() {
        var elsewhere = Credential.ref(SecretRef.of(RdsPlans.NAMESPACE, "keycloak-db", "password"));
        assertThat(rejection(() -> RdsPlans.keycloak(elsewhere).build()))
                .hasMessageStartingWith("password: secret platform-db/keycloak-db[password] has no value the postgresql provider can use")
                .hasMessageContaining("Provisioner.job(\"platform-db\")");
        assertThat(RdsPlans.keycloak(elsewhere).provisioner(Provisioner.job(RdsPlans.NAMESPACE)).caBundle(RdsPlans.CA).build().password()).isEqualTo(elsewhere);
    }

    @Test
    void theJobReadsSecretsOfItsOwnNamespaceOnly() {
        var other = Credential.ref(SecretRef.of("keycloak", "keycloak-db", "password"));
        assertThat(rejection(() -> RdsPlans.keycloak(other).provisioner(Provisioner.job(RdsPlans.NAMESPACE)).caBundle(RdsPlans.CA).build()))
                .hasMessageStartingWith("password: secret keycloak/keycloak-db[password] is not in the Job's namespace 'platform-db'")
                .hasMessageContaining("sync the secret to 'platform-db'");
    }

    @Test
    void theJobImageMustBePinned() {
        assertThat(rejection(() -> Provisioner.job(RdsPlans.NAMESPACE).withImage("postgres:latest")))
                .hasMessageStartingWith("provisioner.job image: 'postgres:latest' must pin a version");
        assertThat(rejection(() -> Provisioner.job(RdsPlans.NAMESPACE).withImage("postgres")))
                .hasMessageContaining(Provisioner.Job.DEFAULT_IMAGE);
    }

    @Test
    void aMasterPasswordInSecretsManagerIsForTheJobPathAndTheProviderPathSaysWhatToDo() {
        var aws = AwsSecretsManagerRef.of("aws-secretsmanager", "rds!db-0a1b2c3d-4e5f");
        var e = rejection(() -> RdsPlans.keycloak(RdsPlans.someRef()).masterPasswordInAwsSecretsManager(aws).build());
        assertThat(e).hasMessageStartingWith("masterPassword.awsSecretsManager: rds!db-0a1b2c3d-4e5f in AWS Secrets Manager is read only by the Job path")
                .hasMessageContaining("provisioner(Provisioner.job(namespace))").hasMessageContaining("getSecretVersion");
        var job = RdsPlans.keycloak(RdsPlans.someRef()).masterPasswordInAwsSecretsManager(aws)
                .provisioner(Provisioner.job(RdsPlans.NAMESPACE)).caBundle(RdsPlans.CA).build();
        assertThat(job.masterSecret()).contains(aws);
        assertThat(job.masterPassword()).isEmpty();
    }

    @Test
    void aSecretsManagerReferenceThatCannotBeOneIsRefused() {
        assertThat(rejection(() -> AwsSecretsManagerRef.of("aws-secretsmanager", "my secret")))
                .hasMessageStartingWith("masterPassword.awsSecretsManager secretId: 'my secret' is not a Secrets Manager secret name or ARN");
        assertThat(rejection(() -> AwsSecretsManagerRef.of("AWS_Store", "goldenpath/dev/rds/master")))
                .hasMessageContaining("AWS_Store");
    }

    @Test
    void publishingNeedsThePasswordsValue() {
        var refOnly = Credential.ref(SecretRef.of(RdsPlans.NAMESPACE, "keycloak-db", "password"));
        var e = rejection(() -> RdsPlans.keycloak(refOnly).provisioner(Provisioner.job(RdsPlans.NAMESPACE)).caBundle(RdsPlans.CA)
                .publish(Publish.awsSecretsManager("goldenpath/dev/keycloak/postgres")).build());
        assertThat(e).hasMessageStartingWith("publish: secret platform-db/keycloak-db[password] has no value in the program")
                .hasMessageContaining("Credential.of(vaultBackedSecret, namespace, key)");
    }

    @Test
    void aPublishTargetThatCannotBeOneIsRefused() {
        assertThat(rejection(() -> Publish.awsSecretsManager("goldenpath dev")))
                .hasMessageStartingWith("publish.awsSecretsManager name: 'goldenpath dev' is not a Secrets Manager secret name");
        var store = RdsAppUserPublishTest.STORE;
        assertThat(rejection(() -> Publish.vaultKv(store, "data/backstage/postgres", "backstage")))
                .hasMessageContaining("publish.vaultKv path").hasMessageContaining("backstage/postgres");
        assertThat(rejection(() -> Publish.vaultKv(store, "backstage/postgres", "backstage", "backstage")))
                .hasMessageStartingWith("publish.vaultKv namespace: 'backstage' is given twice");
        assertThat(rejection(() -> Publish.vaultKv(store, "backstage/postgres", "Backstage")))
                .hasMessageContaining("Backstage");
    }

    /** Issue 23: the Job verifies the server before it sends the master password; without a CA the build says how. */
    @Test
    void theJobPathNeedsACaBundleAndRefusesAnUnverifiedSslmode() {
        var job = RdsPlans.keycloak(RdsPlans.someRef()).provisioner(Provisioner.job(RdsPlans.NAMESPACE));
        assertThat(rejection(job::build)).hasMessageStartingWith("caBundle: not set; the Job checks the server's certificate (sslmode verify-full)")
                .hasMessageContaining("kubectl -n platform-db create configmap rds-ca --from-file=global-bundle.pem");
        assertThat(rejection(() -> job.caBundle(RdsPlans.CA).sslMode(SslMode.REQUIRE).build()))
                .hasMessageStartingWith("sslmode: require checks no certificate, so the Job would send the master password to whoever answers");
        assertThat(job.caBundle(RdsPlans.CA).sslMode(null).build().sslMode()).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(rejection(() -> RdsPlans.keycloak(RdsPlans.someRef()).caBundle(RdsPlans.CA).build()))
                .hasMessageStartingWith("caBundle: only the Job path mounts a CA bundle");
        assertThat(rejection(() -> CaBundle.configMap("rds-ca", "global bundle.pem"))).hasMessageContaining("'global bundle.pem'");
    }
}
