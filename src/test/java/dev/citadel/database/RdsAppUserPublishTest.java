package dev.citadel.database;

import com.google.gson.JsonParser;
import com.pulumi.resources.ComponentResourceOptions;
import dev.citadel.plan.Plan;
import dev.citadel.plan.Registration;
import dev.citadel.provider.PostgresqlGrant;
import dev.citadel.provider.VaultKvSecretV2;
import dev.citadel.secrets.SecretStoreRef;
import dev.citadel.value.Prop;
import dev.citadel.value.Redacted;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static dev.citadel.database.RdsPlans.only;
import static dev.citadel.database.RdsPlans.plain;
import static org.assertj.core.api.Assertions.assertThat;

/** Publishing the connection details where the app reads them: Vault KV (synced by ESO) or AWS Secrets Manager. */
class RdsAppUserPublishTest {
    static final String EXTERNAL_SECRET = "kubernetes:external-secrets.io/v1:ExternalSecret";
    static final String AWS_SECRET = "aws:secretsmanager/secret:Secret";
    static final String AWS_SECRET_VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
    static final String APP_CANARY = "canary-backstage-app-7d21";
    static final SecretStoreRef STORE = SecretStoreRef.cluster("vault-kv", "secret");

    private static Plan plan(UnaryOperator<RdsAppUserArgs.Builder> tweak) {
        return RdsPlans.plan(ctx -> {
            // A password whose value the preview knows, so the published document can be read back (a generated one is
            // unknown until deployment).
            var password = Credential.of(RdsPlans.MASTER_REF.withKey("app"), com.pulumi.core.Output.ofSecret(APP_CANARY), "3");
            var user = new RdsAppUser("backstage-db", tweak.apply(RdsPlans.backstage(password)).build());
            ctx.export("publishedAt", user.publishedAt());
        });
    }

    private static Registration component(Plan plan, String type, String name) {
        return plan.find(type, name).orElseThrow(() -> new AssertionError("no " + type + " " + name));
    }

    @Test
    void vaultKvWritesEveryDetailWithThePasswordSecretAndSyncsItIntoTheAppNamespace() {
        var plan = plan(b -> b.publish(Publish.vaultKv(STORE, "backstage/postgres-connection", "backstage")));
        var kv = component(plan, VaultKvSecretV2.TYPE, "backstage-db-connection");
        assertThat(plain(kv, "mount")).isEqualTo("secret");
        assertThat(plain(kv, "name")).isEqualTo("backstage/postgres-connection");
        // The whole JSON is a secret: the password never shows in the plan, the state or --out.
        assertThat(kv.inputs().get("dataJson")).isInstanceOf(Prop.Secret.class);
        assertThat(plain(kv, "dataJson")).isEqualTo(Redacted.SECRET);
        var json = JsonParser.parseString(String.valueOf(Redacted.plain(((Prop.Secret) kv.inputs().get("dataJson")).value()))).getAsJsonObject();
        assertThat(json.keySet()).containsExactlyInAnyOrder("username", "password", "engine", "host", "port", "dbname", "sslmode", "jdbcUrl");
        assertThat(json.get("username").getAsString()).isEqualTo("backstage_app");
        assertThat(json.get("password").getAsString()).isEqualTo(APP_CANARY);
        assertThat(json.get("host").getAsString()).isEqualTo(RdsPlans.HOST);
        assertThat(json.get("port").getAsString()).isEqualTo("5432");
        assertThat(json.get("dbname").getAsString()).isEqualTo("backstage_plugin_catalog");
        assertThat(json.get("sslmode").getAsString()).isEqualTo("verify-full");
        assertThat(json.get("jdbcUrl").getAsString())
                .isEqualTo("jdbc:postgresql://" + RdsPlans.HOST + ":5432/backstage_plugin_catalog?sslmode=verify-full");

        var es = plan.childrenOf(component(plan, dev.citadel.secrets.VaultBackedSecret.TYPE, "backstage-db-connection").urn())
                .stream().filter(r -> r.type().equals(EXTERNAL_SECRET)).findFirst().orElseThrow();
        var object = Redacted.kubernetesObject(es.inputs());
        assertThat(((Map<?, ?>) object.get("metadata")).get("namespace")).isEqualTo("backstage");
        assertThat(String.valueOf(object.get("spec"))).contains("key=backstage/postgres-connection, property=password")
                .contains("secretKey=jdbcUrl");
        assertThat(((Map<?, ?>) Redacted.plain(plan.outputs())).get("publishedAt")).isEqualTo("secret/backstage/postgres-connection");
    }

    @Test
    void theVaultEntryIsWrittenOnlyAfterTheLastGrant() {
        var plan = plan(b -> b.publish(Publish.vaultKv(STORE, "backstage/postgres-connection", "backstage")));
        var lastGrant = component(plan, PostgresqlGrant.TYPE, "backstage-db-public-schema");
        assertThat(component(plan, VaultKvSecretV2.TYPE, "backstage-db-connection").dependsOn()).contains(lastGrant.urn());
    }

    @Test
    void awsSecretsManagerHoldsTheKeysSeed004sExternalSecretsRead() {
        var plan = plan(b -> b.publish(Publish.awsSecretsManager("goldenpath/dev/backstage/postgres")));
        var secret = only(plan, AWS_SECRET);
        assertThat(secret.name()).isEqualTo("backstage-db-connection");
        assertThat(plain(secret, "name")).isEqualTo("goldenpath/dev/backstage/postgres");
        var version = only(plan, AWS_SECRET_VERSION);
        assertThat(version.name()).isEqualTo("backstage-db-connection-value");
        assertThat(plain(version, "secretString")).isEqualTo(Redacted.SECRET);
        var json = JsonParser.parseString(String.valueOf(Redacted.plain(((Prop.Secret) version.inputs().get("secretString")).value())))
                .getAsJsonObject();
        assertThat(json.keySet()).containsExactlyInAnyOrder("username", "password", "engine", "host", "port", "dbname", "sslmode", "jdbcUrl");
        assertThat(json.get("port").getAsInt()).isEqualTo(5432);
        assertThat(json.get("password").getAsString()).isEqualTo(APP_CANARY);
        assertThat(json.get("engine").getAsString()).isEqualTo("postgres");
        assertThat(json.get("dbname").getAsString()).isEqualTo("backstage_plugin_catalog");
        var component = component(plan, RdsAppUser.TYPE, "backstage-db").urn();
        assertThat(List.of(secret.parent(), version.parent())).containsOnly(component);
        var lastGrant = component(plan, PostgresqlGrant.TYPE, "backstage-db-public-schema");
        assertThat(secret.dependsOn()).contains(lastGrant.urn());
        assertThat(version.dependsOn()).contains(lastGrant.urn(), secret.urn());
    }

    @Test
    void thePasswordIsInNoPlainInputOrOutput() {
        for (var publish : List.of(Publish.vaultKv(STORE, "backstage/postgres-connection", "backstage"),
                Publish.awsSecretsManager("goldenpath/dev/backstage/postgres"))) {
            var plan = plan(b -> b.publish(publish));
            assertThat(plan.resources()).allSatisfy(r -> assertThat(String.valueOf(Redacted.plain(r.inputs())))
                    .doesNotContain(APP_CANARY).doesNotContain(RdsPlans.MASTER_CANARY));
            assertThat(String.valueOf(Redacted.plain(plan.outputs()))).doesNotContain(APP_CANARY);
        }
    }

    @Test
    void noPublishRegistersNothingToPublish() {
        var plan = plan(b -> b);
        assertThat(plan.ofType(AWS_SECRET)).isEmpty();
        assertThat(plan.find(VaultKvSecretV2.TYPE, "backstage-db-connection")).isEmpty();
        assertThat(((Map<?, ?>) Redacted.plain(plan.outputs())).get("publishedAt")).isEqualTo("");
    }
}
