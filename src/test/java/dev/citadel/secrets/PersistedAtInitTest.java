package dev.citadel.secrets;

import dev.citadel.value.Refused;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Seed 003's init-time secrets (issue 24 item 3): a value its consumer persisted at first start cannot be rotated by a
 * bare bump of the marker; the refusal names the consumer, seed 003's failure and the procedure, and moving the pin with
 * the marker rotates.
 */
class PersistedAtInitTest {
    private static VaultBackedSecretArgs.Builder bootstrap(String rotation, String pin) {
        return VaultBackedSecretArgs.builder().store(SecretPlans.STORE).path("authentik/bootstrap").generate("AUTHENTIK_BOOTSTRAP_TOKEN")
                .syncTo("authentik").rotation(rotation).persistedAtInit(new PersistedAtInit.AuthentikBootstrapToken(), pin);
    }

    @Test
    void aBareRotationOfTheBootstrapTokenIsRefusedNamingTheConsumerAndTheProcedure() {
        assertThatThrownBy(() -> bootstrap("2", "1").build()).isInstanceOf(Refused.class)
                .hasMessageContaining("rotation '2' is refused")
                .hasMessageContaining("authentik (it created token authentik-bootstrap-token from AUTHENTIK_BOOTSTRAP_TOKEN at first start)")
                .hasMessageContaining("secret/authentik/bootstrap at rotation '1'")
                .hasMessageContaining("seed 003")
                .hasMessageContaining("set persistedAtInit(consumer, \"2\") in the same change")
                .hasMessageContaining("POST /api/v3/core/tokens/authentik-bootstrap-token/set_key/")
                .satisfies(e -> assertThat(((Refused) e).inConfig()).contains("persistedAtInit.rotation: 2").doesNotContain("(consumer"))
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
    }

    @Test
    void thePowerDnsKeyNamesItsOwnProcedure() {
        var b = SecretPlans.powerdns().rotation("2026-12-01").persistedAtInit(new PersistedAtInit.PowerDnsApiKey(), "1");
        assertThatThrownBy(b::build).hasMessageContaining("PowerDNS (it wrote the API key to its database at first boot)")
                .hasMessageContaining("the webhook, external-dns and the operator get 401");
    }

    /** The pin moved with the marker: the value rotates, as any other would (keeper and ExternalSecret annotation change). */
    @Test
    void movingThePinWithTheMarkerRotates() {
        var before = SecretPlans.plan("authentik-bootstrap", () -> bootstrap("1", "1"));
        var after = SecretPlans.plan("authentik-bootstrap", () -> bootstrap("2", "2"));
        assertThat(SecretPlans.only(before, SecretPlans.RANDOM_PASSWORD).inputs().get("keepers").get("rotation"))
                .isEqualTo(new dev.citadel.value.Prop.Str("1"));
        assertThat(SecretPlans.only(after, SecretPlans.RANDOM_PASSWORD).inputs().get("keepers").get("rotation"))
                .isEqualTo(new dev.citadel.value.Prop.Str("2"));
    }

    @Test
    void anotherConsumerMustSayHowANewValueReachesIt() {
        assertThatThrownBy(() -> new PersistedAtInit.Other("gitea", " ")).hasMessageContaining("persistedAtInit gitea: procedure is empty");
        var b = SecretPlans.powerdns().rotation("3").persistedAtInit(new PersistedAtInit.Other("gitea", "run gitea admin user change-password"), "2");
        assertThatThrownBy(b::build).hasMessageContaining("gitea persisted the value").hasMessageContaining("then run gitea admin");
    }

    @Test
    void anUnchangedMarkerBuilds() {
        assertThat(bootstrap("1", "1").build().persistedAtInit()).isPresent();
    }
}
