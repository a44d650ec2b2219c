package dev.citadel.secrets;

import dev.citadel.plan.Plan;
import dev.citadel.plan.Registration;
import dev.citadel.provider.Plugin;
import dev.citadel.value.Prop;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.citadel.secrets.SecretPlans.EXTERNAL_SECRET;
import static dev.citadel.secrets.SecretPlans.RANDOM_PASSWORD;
import static dev.citadel.secrets.SecretPlans.SECRET_V2;
import static dev.citadel.secrets.SecretPlans.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** What a VaultBackedSecret registers, read from an offline preview of seed 003's PowerDNS API key. */
class VaultBackedSecretResourcesTest {
    private static Plan plan;
    private static Registration component;

    @BeforeAll
    static void planPowerDnsKey() {
        plan = SecretPlans.plan("powerdns-api-key", SecretPlans::powerdns);
        component = plan.find(VaultBackedSecret.TYPE, "powerdns-api-key").orElseThrow();
    }

    @Test
    void registersExactlyThePasswordTheVaultEntryAndOneExternalSecretPerNamespace() {
        assertThat(plan.childrenOf(component.urn()))
                .extracting(Registration::type, Registration::name)
                .containsExactlyInAnyOrder(
                        tuple(RANDOM_PASSWORD, "powerdns-api-key-PDNS_API_KEY"),
                        tuple(SECRET_V2, "powerdns-api-key"),
                        tuple(EXTERNAL_SECRET, "powerdns-api-key-dns-system"),
                        tuple(EXTERNAL_SECRET, "powerdns-api-key-cert-manager"),
                        tuple(EXTERNAL_SECRET, "powerdns-api-key-external-dns"));
        assertThat(component.type()).isEqualTo("citadel:secrets:VaultBackedSecret");
        assertThat(component.custom()).isFalse();
    }

    @Test
    void everyCustomResourceIsAChildOfTheComponent() {
        var custom = plan.resources().stream().filter(Registration::custom).toList();
        assertThat(custom).hasSize(5).allSatisfy(r -> assertThat(r.parent()).as(r.name()).isEqualTo(component.urn()));
    }

    @Test
    void everyCustomResourcePinsItsProviderPluginVersion() {
        var expected = Map.of(
                RANDOM_PASSWORD, Plugin.RANDOM.version(),
                SECRET_V2, Plugin.VAULT.version(),
                EXTERNAL_SECRET, Plugin.KUBERNETES.version());
        assertThat(expected).containsEntry(RANDOM_PASSWORD, "4.21.1")
                .containsEntry(SECRET_V2, "7.7.0")
                .containsEntry(EXTERNAL_SECRET, "4.34.2");
        plan.resources().stream().filter(Registration::custom).forEach(r ->
                assertThat(r.version()).as("plugin version of " + r.name()).contains(expected.get(r.type())));
    }

    @Test
    void theVaultEntryIsWrittenToTheStoresMountAtThePathInsideIt() {
        var stored = only(plan, SECRET_V2);
        assertThat(stored.inputs().get("mount")).isEqualTo(new Prop.Str("secret"));
        assertThat(stored.inputs().get("name")).isEqualTo(new Prop.Str("dns/powerdns-api-key"));
        assertThat(stored.inputs().get("deleteAllVersions")).isEqualTo(new Prop.Bool(false));
    }

    @Test
    void theExternalSecretIsAnExternalSecretsV1ObjectInItsNamespace() {
        var es = externalSecret("dns-system");
        assertThat(es.inputs().get("apiVersion")).isEqualTo(new Prop.Str("external-secrets.io/v1"));
        assertThat(es.inputs().get("kind")).isEqualTo(new Prop.Str("ExternalSecret"));
        assertThat(es.inputs().get("metadata").get("name")).isEqualTo(new Prop.Str("powerdns-api-key"));
        assertThat(es.inputs().get("metadata").get("namespace")).isEqualTo(new Prop.Str("dns-system"));
    }

    @Test
    void theExternalSecretReadsTheStoredKeyThroughTheClusterSecretStore() {
        var spec = externalSecret("cert-manager").inputs().get("spec");
        assertThat(spec.get("refreshInterval")).isEqualTo(new Prop.Str("1h"));
        assertThat(spec.get("secretStoreRef").get("name")).isEqualTo(new Prop.Str("vault-kv"));
        assertThat(spec.get("secretStoreRef").get("kind")).isEqualTo(new Prop.Str("ClusterSecretStore"));
        assertThat(spec.get("target").get("name")).isEqualTo(new Prop.Str("powerdns-api-key"));
        assertThat(spec.get("target").get("creationPolicy")).isEqualTo(new Prop.Str("Owner"));
        assertThat(spec.get("target").get("template").get("type")).isEqualTo(new Prop.Str("Opaque"));

        var data = (Prop.Arr) spec.get("data");
        assertThat(data.items()).hasSize(1);
        var entry = data.items().get(0);
        assertThat(entry.get("secretKey")).isEqualTo(new Prop.Str("PDNS_API_KEY"));
        assertThat(entry.get("remoteRef").get("key")).isEqualTo(new Prop.Str("dns/powerdns-api-key"));
        assertThat(entry.get("remoteRef").get("property")).isEqualTo(new Prop.Str("PDNS_API_KEY"));
    }

    @Test
    void oneExternalSecretPerConsumerNamespace() {
        assertThat(plan.ofType(EXTERNAL_SECRET))
                .extracting(r -> r.inputs().get("metadata").get("namespace").string().orElseThrow())
                .containsExactlyInAnyOrder("dns-system", "cert-manager", "external-dns");
    }

    @Test
    void everyExternalSecretWaitsForTheVaultEntry() {
        var stored = only(plan, SECRET_V2);
        assertThat(plan.ofType(EXTERNAL_SECRET)).hasSize(3)
                .allSatisfy(es -> assertThat(es.dependsOn()).as(es.name()).contains(stored.urn()));
    }

    @Test
    void keysAreListedInTheExternalSecretSortedAndSecretTypeAndNamesFollowTheArgs() {
        var plan = SecretPlans.plan("authentik-postgres", () -> VaultBackedSecretArgs.builder()
                .store(SecretPlans.STORE)
                .path("authentik/postgres")
                .secretType("kubernetes.io/basic-auth")
                .value("username", "authentik")
                .generate("password")
                .refreshInterval("24h")
                .syncTo("authentik")
                .syncTo("postgres", "authentik-db-credentials"));

        assertThat(plan.ofType(RANDOM_PASSWORD)).extracting(Registration::name).containsExactly("authentik-postgres-password");
        var inAuthentik = plan.find(EXTERNAL_SECRET, "authentik-postgres-authentik").orElseThrow().inputs().get("spec");
        assertThat(inAuthentik.get("refreshInterval")).isEqualTo(new Prop.Str("24h"));
        assertThat(inAuthentik.get("target").get("name")).isEqualTo(new Prop.Str("authentik-postgres"));
        assertThat(inAuthentik.get("target").get("template").get("type")).isEqualTo(new Prop.Str("kubernetes.io/basic-auth"));
        assertThat(((Prop.Arr) inAuthentik.get("data")).items())
                .extracting(d -> d.get("secretKey").string().orElseThrow())
                .containsExactly("password", "username");

        var inPostgres = plan.find(EXTERNAL_SECRET, "authentik-postgres-postgres").orElseThrow().inputs();
        assertThat(inPostgres.get("metadata").get("name")).isEqualTo(new Prop.Str("authentik-db-credentials"));
        assertThat(inPostgres.get("spec").get("target").get("name")).isEqualTo(new Prop.Str("authentik-db-credentials"));
    }

    /** A reference names what a reader needs; a namespace it is not synced to or a key it lacks is named with the fix. */
    @Test
    void aReferenceToAnUnsyncedNamespaceOrAMissingKeyIsRefused() {
        var captured = new VaultBackedSecret[1];
        SecretPlans.plan(ctx -> captured[0] = new VaultBackedSecret("powerdns-api-key", SecretPlans.powerdns().build()));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> captured[0].ref("identity", "PDNS_API_KEY"))
                .hasMessageContaining("namespace 'identity' does not consume").hasMessageContaining("add 'identity' to its syncTo");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> captured[0].ref("dns-system", "password"))
                .hasMessageContaining("no key 'password'").hasMessageContaining("[PDNS_API_KEY]");
    }

    @Test
    void theComponentReportsWhereTheValueLivesAndWhatEachNamespaceCallsIt() {
        var captured = new VaultBackedSecret[1];
        SecretPlans.plan(ctx -> captured[0] = new VaultBackedSecret("powerdns-api-key",
                SecretPlans.powerdns().syncTo("powerdns", "pdns-api").build(), null));
        var secret = captured[0];
        assertThat(SecretPlans.data(secret.vaultPath()).getValueNullable()).isEqualTo("secret/dns/powerdns-api-key");
        assertThat(secret.ref("powerdns", "PDNS_API_KEY")).isEqualTo(SecretRef.of("powerdns", "pdns-api", "PDNS_API_KEY"));
        assertThat(secret.secretNames()).isEqualTo(Map.of(
                "dns-system", "powerdns-api-key",
                "cert-manager", "powerdns-api-key",
                "external-dns", "powerdns-api-key",
                "powerdns", "pdns-api"));
        assertThat(secret.reloaderAnnotations("powerdns")).isEqualTo(Map.of(Reloader.SECRET_ANNOTATION, "pdns-api"));
    }

    private static Registration externalSecret(String namespace) {
        return plan.find(EXTERNAL_SECRET, "powerdns-api-key-" + namespace).orElseThrow();
    }
}
