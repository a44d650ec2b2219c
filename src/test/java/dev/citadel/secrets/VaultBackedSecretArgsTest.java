package dev.citadel.secrets;

import dev.citadel.plan.PlanRunner;
import org.junit.jupiter.api.Test;

import static dev.citadel.secrets.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every mistake is caught at build(), before anything is registered, with the field, the value and the fix. */
class VaultBackedSecretArgsTest {

    private static VaultBackedSecretArgs.Builder valid() {
        return VaultBackedSecretArgs.builder()
                .store(SecretPlans.STORE)
                .path("dns/powerdns-api-key")
                .generate("PDNS_API_KEY")
                .syncTo("dns-system");
    }

    @Test
    void theValidBaselineBuilds() {
        var args = valid().build();
        assertThat(args.rotation()).isEqualTo("0");
        assertThat(args.refreshInterval()).isEqualTo("1h");
        assertThat(args.secretType()).isEqualTo("Opaque");
        assertThat(args.generated()).containsOnlyKeys("PDNS_API_KEY");
    }

    @Test
    void namespaceWithUppercaseAndUnderscore() {
        assertRejected(() -> valid().syncTo("Cert_Manager").build(), "syncTo namespace", "'Cert_Manager'", "use e.g. 'cert-manager'");
    }

    @Test
    void emptyNamespace() {
        assertRejected(() -> valid().syncTo("").build(), "syncTo namespace", "is empty", "such as 'dns-system'");
    }

    @Test
    void namespaceLongerThan63Characters() {
        var tooLong = "a".repeat(64);
        assertRejected(() -> valid().syncTo(tooLong).build(), "syncTo namespace", "'" + tooLong + "'", "use e.g. '" + "a".repeat(63) + "'");
    }

    @Test
    void invalidSecretName() {
        assertRejected(() -> valid().secretName("PowerDNS_API_Key").build(), "secretName", "'PowerDNS_API_Key'", "use e.g. 'powerdns-api-key'");
    }

    @Test
    void invalidSecretNameForOneNamespace() {
        assertRejected(() -> valid().syncTo("powerdns", "pdns api").build(), "syncTo(powerdns) secretName", "'pdns api'", "use e.g. 'pdns-api'");
    }

    @Test
    void invalidSecretKey() {
        assertRejected(() -> valid().generate("PDNS API KEY").build(), "key", "'PDNS API KEY'", "use e.g. 'password'");
    }

    @Test
    void vaultPathWithLeadingSlash() {
        assertRejected(() -> valid().path("/leading").build(), "path", "'/leading'", "write 'leading'");
    }

    @Test
    void vaultPathWithTrailingSlash() {
        assertRejected(() -> valid().path("trailing/").build(), "path", "'trailing/'", "write 'trailing'");
    }

    @Test
    void vaultPathWithEmptySegment() {
        assertRejected(() -> valid().path("a//b").build(), "path", "'a//b'", "write 'a/b'");
    }

    @Test
    void vaultPathWithKvV2ApiPrefix() {
        assertRejected(() -> valid().path("data/foo").build(), "path", "'data/foo'", "e.g. 'foo'");
    }

    @Test
    void vaultPathEscapingTheMount() {
        assertRejected(() -> valid().path("../x").build(), "path", "'..'", "e.g. 'dns/powerdns-api-key'");
    }

    @Test
    void emptyVaultPath() {
        assertRejected(() -> valid().path("").build(), "path", "is empty", "such as 'dns/powerdns-api-key'");
    }

    @Test
    void missingStore() {
        assertRejected(() -> valid().store(null).build(), "store", "is not set", "SecretStoreRef.cluster(");
    }

    @Test
    void noKeys() {
        assertRejected(() -> VaultBackedSecretArgs.builder().store(SecretPlans.STORE).path("dns/powerdns-api-key")
                .syncTo("dns-system").build(), "no keys", "no keys", "add at least one generate(\"password\")");
    }

    @Test
    void keyBothGeneratedAndGiven() {
        assertRejected(() -> valid().value("PDNS_API_KEY", "fixed").build(), "key", "'PDNS_API_KEY' is given twice", "once");
    }

    @Test
    void keyGeneratedTwice() {
        assertRejected(() -> valid().generate("PDNS_API_KEY").build(), "key", "'PDNS_API_KEY' is given twice", "once");
    }

    @Test
    void namespaceGivenTwice() {
        assertRejected(() -> valid().syncTo("dns-system", "other").build(), "syncTo", "'dns-system' is given twice", "one Secret per namespace");
    }

    @Test
    void noConsumers() {
        assertRejected(() -> VaultBackedSecretArgs.builder().store(SecretPlans.STORE).path("dns/powerdns-api-key")
                .generate("PDNS_API_KEY").build(), "no consumers", "no consumers", "add syncTo(\"<namespace>\")");
    }

    @Test
    void refreshIntervalInWords() {
        assertRejected(() -> valid().refreshInterval("1 hour").build(), "refreshInterval", "'1 hour'", "e.g. '1h' or '30m'");
        // ESO's "0": read once, never refresh (the rotation annotation still forces a sync).
        assertThat(valid().refreshInterval("0").build().refreshInterval()).isEqualTo("0");
    }

    @Test
    void blankRotation() {
        assertRejected(() -> valid().rotation("  ").build(), "rotation", "'  '", "e.g. '1' or '2026-11-22'");
    }

    @Test
    void rotationWithSurroundingSpaces() {
        assertRejected(() -> valid().rotation(" 2").build(), "rotation", "' 2'", "without surrounding spaces");
    }

    @Test
    void basicAuthWithoutUsername() {
        assertRejected(() -> VaultBackedSecretArgs.builder().store(SecretPlans.STORE).path("authentik/postgres")
                        .secretType("kubernetes.io/basic-auth").generate("password").syncTo("authentik").build(),
                "secretType kubernetes.io/basic-auth", "(has [password])", "add a value for 'username'");
    }

    @Test
    void basicAuthWithoutPassword() {
        assertRejected(() -> VaultBackedSecretArgs.builder().store(SecretPlans.STORE).path("authentik/postgres")
                        .secretType("kubernetes.io/basic-auth").value("username", "authentik").generate("pass").syncTo("authentik").build(),
                "secretType kubernetes.io/basic-auth", "'password'", "generate 'password'");
    }

    @Test
    void passwordTooShort() {
        assertRejected(() -> valid().generate("password", PasswordPolicy.alphanumeric(8)).build(),
                "generate.password.length", "8 is out of range", "16 to 512");
    }

    @Test
    void passwordTooLong() {
        assertRejected(() -> valid().generate("password", PasswordPolicy.alphanumeric(513)).build(),
                "generate.password.length", "513 is out of range", "16 to 512");
    }

    @Test
    void minimumCountsAboveLength() {
        var policy = new PasswordPolicy(16, true, true, true, true, 5, 5, 5, 5, "-_");
        assertRejected(() -> valid().generate("password", policy).build(),
                "generate.password", "add up to 20, more than length 16", "lower them or raise length");
    }

    @Test
    void negativeMinimumCount() {
        var policy = new PasswordPolicy(32, true, true, true, false, -1, 1, 1, 0, "");
        assertRejected(() -> valid().generate("password", policy).build(),
                "generate.password", "cannot be negative", "minimum counts");
    }

    @Test
    void nullPolicy() {
        assertRejected(() -> valid().generate("password", null).build(),
                "generate.password", "is null", "use PasswordPolicy.DEFAULT");
    }

    @Test
    void componentNameThatIsNoSecretNameWhenNoneIsGiven() {
        assertThatThrownBy(() -> SecretPlans.plan("PowerDNS_Key", () -> valid()))
                .isInstanceOfSatisfying(PlanRunner.ProgramFailure.class, e -> assertThat(e.isUserError()).isTrue())
                .hasMessageContaining("secretName")
                .hasMessageContaining("'PowerDNS_Key'")
                .hasMessageContaining("set secretName(...)")
                .hasMessageContaining("use e.g. 'powerdns-key'");
    }

    @Test
    void componentNameNeedNotBeASecretNameWhenOneIsGiven() {
        var plan = SecretPlans.plan("PowerDNS_Key", () -> valid().secretName("powerdns-api-key"));
        assertThat(plan.ofType(SecretPlans.EXTERNAL_SECRET)).hasSize(1);
    }
}
