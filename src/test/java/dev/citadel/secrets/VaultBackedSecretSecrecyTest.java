package dev.citadel.secrets;

import com.pulumi.core.Output;
import dev.citadel.plan.Registration;
import dev.citadel.value.Prop;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;

import static dev.citadel.secrets.SecretPlans.RANDOM_PASSWORD;
import static dev.citadel.secrets.SecretPlans.SECRET_V2;
import static dev.citadel.secrets.SecretPlans.only;
import static org.assertj.core.api.Assertions.assertThat;

/** Generated and given values stay secret on every path: state, Vault input, component outputs. */
class VaultBackedSecretSecrecyTest {

    @Test
    void theVaultEntrysDataIsASecretInThePlan() {
        var plan = SecretPlans.plan("powerdns-api-key", SecretPlans::powerdns);
        var dataJson = only(plan, SECRET_V2).inputs().get("dataJson");
        assertThat(dataJson).isInstanceOf(Prop.Secret.class);
        // In a preview the generated password is not known yet; it must not show as a plain placeholder either.
        assertThat(((Prop.Secret) dataJson).value()).isEqualTo(Prop.UNKNOWN);
    }

    @Test
    void thePasswordResultIsDeclaredASecretOutput() {
        var plan = SecretPlans.plan("powerdns-api-key", SecretPlans::powerdns);
        assertThat(only(plan, RANDOM_PASSWORD).options().additionalSecretOutputs()).contains("result");
        assertThat(only(plan, SECRET_V2).options().additionalSecretOutputs()).contains("dataJson");
    }

    @Test
    void valuesHandedToOtherResourcesAreSecretWhetherGeneratedOrGivenInPlain() {
        var outputs = new ArrayList<Output<String>>();
        SecretPlans.plan(ctx -> {
            var secret = new VaultBackedSecret("authentik-postgres", VaultBackedSecretArgs.builder()
                    .store(SecretPlans.STORE).path("authentik/postgres")
                    .value("username", "authentik").generate("password")
                    .syncTo("authentik").build(), null);
            outputs.add(secret.value("password"));
            outputs.add(secret.value("username"));
        });
        var generated = SecretPlans.data(outputs.get(0));
        var given = SecretPlans.data(outputs.get(1));
        assertThat(generated.isSecret()).as("generated password is secret").isTrue();
        assertThat(given.isSecret()).as("plain username, read back through value()").isTrue();
        assertThat(given.getValueNullable()).isEqualTo("authentik");
    }

    @Test
    void aValueGivenAsAPlainStringAppearsOnlyInsideTheSecretVaultData() {
        var token = "s3cr3t-static-token-7f2c";
        var plan = SecretPlans.plan("webhook-token", () -> VaultBackedSecretArgs.builder()
                .store(SecretPlans.STORE).path("dns/webhook-token")
                .value("token", token)
                .syncTo("cert-manager").syncTo("dns-system"));

        for (Registration r : plan.resources()) {
            assertThat(SecretPlans.plainStrings(r.inputs()))
                    .as("plain strings of " + r.type() + " " + r.name())
                    .noneMatch(s -> s.contains(token));
        }
        var dataJson = only(plan, SECRET_V2).inputs().get("dataJson");
        assertThat(dataJson).isEqualTo(new Prop.Secret(new Prop.Str("{\"token\":\"" + token + "\"}")));
        assertThat(SecretPlans.plainStrings(plan.outputs())).noneMatch(s -> s.contains(token));
    }

    @Test
    void theExternalSecretsCarryKeyNamesButNoValues() {
        var plan = SecretPlans.plan("bootstrap", () -> VaultBackedSecretArgs.builder()
                .store(SecretPlans.STORE).path("authentik/bootstrap")
                .value("AUTHENTIK_BOOTSTRAP_EMAIL", "admin@homelab.lan")
                .generate("AUTHENTIK_BOOTSTRAP_TOKEN")
                .syncTo("authentik"));
        var es = only(plan, SecretPlans.EXTERNAL_SECRET);
        assertThat(es.inputs().containsSecret()).isFalse();
        assertThat(SecretPlans.plainStrings(es.inputs()))
                .contains("AUTHENTIK_BOOTSTRAP_EMAIL", "AUTHENTIK_BOOTSTRAP_TOKEN")
                .doesNotContain("admin@homelab.lan");
        assertThat(only(plan, SECRET_V2).inputs().get("dataJson")).isInstanceOf(Prop.Secret.class);
    }
}
