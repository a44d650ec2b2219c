package dev.citadel.secrets;

import dev.citadel.plan.Plan;
import dev.citadel.plan.Registration;
import dev.citadel.value.Prop;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.citadel.secrets.SecretPlans.EXTERNAL_SECRET;
import static dev.citadel.secrets.SecretPlans.RANDOM_PASSWORD;
import static dev.citadel.secrets.SecretPlans.only;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 003: a value changes when, and only when, its rotation marker does. Nothing else a user edits
 * (refresh interval, consumers, Vault path) may regenerate it.
 */
class VaultBackedSecretRotationTest {
    private static final String ROTATION_ANNOTATION = "metadata.annotations." + VaultBackedSecret.ROTATION_ANNOTATION;

    @Test
    void bumpingTheRotationChangesOnlyThePasswordKeeperAndTheExternalSecretAnnotation() {
        var before = SecretPlans.plan("powerdns-api-key", () -> SecretPlans.powerdns().rotation("1"));
        var after = SecretPlans.plan("powerdns-api-key", () -> SecretPlans.powerdns().rotation("2"));

        var changes = diff(before, after);

        var expected = new TreeMap<String, String>();
        expected.put("powerdns-api-key-PDNS_API_KEY keepers.rotation", "1 -> 2");
        for (var ns : new String[] {"cert-manager", "dns-system", "external-dns"}) {
            expected.put("powerdns-api-key-" + ns + " " + ROTATION_ANNOTATION, "1 -> 2");
        }
        assertThat(changes).isEqualTo(expected);
    }

    @Test
    void bumpingTheRotationChangesTheComponentsRotation() {
        var secrets = new VaultBackedSecret[2];
        SecretPlans.plan(ctx -> {
            secrets[0] = new VaultBackedSecret("first", SecretPlans.powerdns().path("dns/first").rotation("1").build(), null);
            secrets[1] = new VaultBackedSecret("second", SecretPlans.powerdns().path("dns/second").rotation(2).build(), null);
        });
        assertThat(secrets[0].rotation()).isEqualTo("1");
        assertThat(secrets[1].rotation()).isEqualTo("2");
    }

    @Test
    void everyGeneratedKeyRotatesTogether() {
        var before = SecretPlans.plan("authentik-bootstrap", () -> bootstrap().rotation("2026-01-01"));
        var after = SecretPlans.plan("authentik-bootstrap", () -> bootstrap().rotation("2026-11-22"));
        assertThat(diff(before, after)).containsOnlyKeys(
                "authentik-bootstrap-AUTHENTIK_BOOTSTRAP_TOKEN keepers.rotation",
                "authentik-bootstrap-AUTHENTIK_BOOTSTRAP_PASSWORD keepers.rotation",
                "authentik-bootstrap-authentik " + ROTATION_ANNOTATION);
    }

    @Test
    void theDefaultRotationIsZeroAndWrittenExplicitly() {
        var plan = SecretPlans.plan("powerdns-api-key", SecretPlans::powerdns);
        assertThat(VaultBackedSecretArgs.INITIAL_ROTATION).isEqualTo("0");
        assertThat(only(plan, RANDOM_PASSWORD).inputs().get("keepers"))
                .isEqualTo(new Prop.Obj(new TreeMap<>(Map.of("rotation", new Prop.Str("0")))));
        assertThat(plan.ofType(EXTERNAL_SECRET)).hasSize(3).allSatisfy(es ->
                assertThat(es.inputs().get("metadata").get("annotations").get(VaultBackedSecret.ROTATION_ANNOTATION))
                        .isEqualTo(new Prop.Str("0")));
    }

    @Test
    void writingTheDefaultRotationLaterChangesNothing() {
        var implicit = SecretPlans.plan("powerdns-api-key", SecretPlans::powerdns);
        var explicit = SecretPlans.plan("powerdns-api-key", () -> SecretPlans.powerdns().rotation(0));
        assertThat(diff(implicit, explicit)).isEmpty();
    }

    @Test
    void changingTheRefreshIntervalKeepsThePassword() {
        assertPasswordUnchanged(SecretPlans.powerdns().refreshInterval("1h"), SecretPlans.powerdns().refreshInterval("168h"));
    }

    @Test
    void addingAConsumerNamespaceKeepsThePassword() {
        assertPasswordUnchanged(SecretPlans.powerdns(), SecretPlans.powerdns().syncTo("powerdns-operator"));
    }

    @Test
    void movingTheVaultPathKeepsThePassword() {
        assertPasswordUnchanged(SecretPlans.powerdns(), SecretPlans.powerdns().path("platform/dns/powerdns-api-key"));
    }

    @Test
    void addingAnotherKeyKeepsTheExistingPassword() {
        assertPasswordUnchanged(SecretPlans.powerdns(),
                SecretPlans.powerdns().generate("PDNS_WEBSERVER_PASSWORD").value("PDNS_USER", "pdns"));
    }

    /** The password registration, inputs and options, is the same in both plans: the provider keeps its value. */
    private static void assertPasswordUnchanged(VaultBackedSecretArgs.Builder before, VaultBackedSecretArgs.Builder after) {
        var a = SecretPlans.plan("powerdns-api-key", () -> before);
        var b = SecretPlans.plan("powerdns-api-key", () -> after);
        var passwordA = a.find(RANDOM_PASSWORD, "powerdns-api-key-PDNS_API_KEY").orElseThrow();
        var passwordB = b.find(RANDOM_PASSWORD, "powerdns-api-key-PDNS_API_KEY").orElseThrow();
        assertThat(passwordB.urn()).isEqualTo(passwordA.urn());
        assertThat(passwordB.inputs()).isEqualTo(passwordA.inputs());
        assertThat(passwordB.options()).isEqualTo(passwordA.options());
        // The edit did reach the plan: otherwise the comparison above proves nothing.
        assertThat(diff(a, b)).isNotEmpty();
    }

    private static VaultBackedSecretArgs.Builder bootstrap() {
        return VaultBackedSecretArgs.builder().store(SecretPlans.STORE).path("authentik/bootstrap")
                .generate("AUTHENTIK_BOOTSTRAP_TOKEN", PasswordPolicy.alphanumeric(64))
                .generate("AUTHENTIK_BOOTSTRAP_PASSWORD")
                .syncTo("authentik");
    }

    /**
     * Every input leaf that differs between the two plans, as {@code "<resource name> <path>" -> "old -> new"};
     * a resource present in one plan only shows as {@code "<name> (added|removed)"}.
     */
    static Map<String, String> diff(Plan before, Plan after) {
        Function<Plan, Map<String, Registration>> byUrn =
                p -> p.resources().stream().collect(Collectors.toMap(Registration::urn, r -> r));
        var a = byUrn.apply(before);
        var b = byUrn.apply(after);
        var urns = new TreeSet<>(a.keySet());
        urns.addAll(b.keySet());
        var out = new TreeMap<String, String>();
        for (var urn : urns) {
            var ra = a.get(urn);
            var rb = b.get(urn);
            if (ra == null || rb == null) {
                out.put((ra == null ? rb : ra).name() + (ra == null ? " (added)" : " (removed)"), urn);
                continue;
            }
            var la = SecretPlans.leaves(ra.inputs());
            var lb = SecretPlans.leaves(rb.inputs());
            var paths = new TreeSet<>(la.keySet());
            paths.addAll(lb.keySet());
            for (var path : paths) {
                var va = la.getOrDefault(path, Prop.NULL);
                var vb = lb.getOrDefault(path, Prop.NULL);
                if (!va.equals(vb)) {
                    out.put(ra.name() + " " + path, show(va) + " -> " + show(vb));
                }
            }
            if (!ra.dependsOn().equals(rb.dependsOn()) || !ra.options().equals(rb.options())
                    || !ra.version().equals(rb.version()) || !ra.parent().equals(rb.parent())) {
                out.put(ra.name() + " (options)", ra + " -> " + rb);
            }
        }
        return out;
    }

    private static String show(Prop p) {
        return p.string().orElse(p.toString());
    }
}
