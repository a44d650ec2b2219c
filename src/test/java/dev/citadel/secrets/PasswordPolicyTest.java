package dev.citadel.secrets;

import dev.citadel.value.Prop;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordPolicyTest {

    /**
     * The random provider regenerates a password whenever one of its inputs changes. A different default
     * here would therefore rotate every generated password of every stack that upgrades Citadel, without
     * anyone bumping a rotation marker: seed 003's desynchronised PowerDNS key and authentik passwords,
     * caused by a library upgrade. Do not change these values; add a new policy instead.
     */
    @Test
    void defaultPolicyIsPinnedBecauseChangingItRegeneratesEveryPasswordInEveryStack() {
        var p = PasswordPolicy.DEFAULT;
        assertThat(p)
                .as("PasswordPolicy.DEFAULT changed: every stack upgrading Citadel would regenerate all its passwords (seed 003)")
                .isEqualTo(new PasswordPolicy(32, true, true, true, false, 1, 1, 1, 0, ""));
        assertThat(p.length()).isEqualTo(32);
        assertThat(p.special()).as("alphanumeric: no symbols").isFalse();
        assertThat(p.minUpper()).isEqualTo(1);
        assertThat(p.minLower()).isEqualTo(1);
        assertThat(p.minNumeric()).isEqualTo(1);
    }

    @Test
    void theDefaultReachesThePasswordResourceUnchanged() {
        var plan = SecretPlans.plan("powerdns-api-key", SecretPlans::powerdns);
        var inputs = SecretPlans.leaves(SecretPlans.only(plan, SecretPlans.RANDOM_PASSWORD).inputs());
        assertThat(inputs).containsOnlyKeys("keepers.rotation", "length", "upper", "lower", "numeric", "special",
                "minUpper", "minLower", "minNumeric", "minSpecial");
        assertThat(inputs.get("length")).isEqualTo(new Prop.Num(32));
        assertThat(inputs.get("special")).isEqualTo(new Prop.Bool(false));
    }

    @Test
    void symbolsPolicyAllowsOnlyTheListedSymbols() {
        var plan = SecretPlans.plan("webhook", () -> SecretPlans.powerdns()
                .generate("WEBHOOK_SECRET", PasswordPolicy.withSymbols(48, "-_.")));
        var inputs = plan.find(SecretPlans.RANDOM_PASSWORD, "webhook-WEBHOOK_SECRET").orElseThrow().inputs();
        assertThat(inputs.get("overrideSpecial").string()).contains("-_.");
        assertThat(inputs.get("special")).isEqualTo(new Prop.Bool(true));
        assertThat(inputs.get("minSpecial")).isEqualTo(new Prop.Num(1));
    }

    @Test
    void lengthsFrom16To512AreAcceptedAnd15IsNot() {
        PasswordPolicy.DEFAULT.validate("generate.password");
        PasswordPolicy.alphanumeric(16).validate("generate.password");
        PasswordPolicy.withSymbols(512, "-_.").validate("generate.password");
        assertThatThrownBy(() -> PasswordPolicy.alphanumeric(15).validate("generate.password"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void symbolsThatAreLettersAreRejected() {
        assertThatThrownBy(() -> PasswordPolicy.withSymbols(32, "-a").validate("generate.token"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("generate.token.symbols")
                .hasMessageContaining("'-a'")
                .hasMessageContaining("list only the symbols");
    }

    @Test
    void emptySymbolsWithSpecialOnAreRejected() {
        assertThatThrownBy(() -> PasswordPolicy.withSymbols(32, "").validate("generate.token"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("generate.token.symbols is empty")
                .hasMessageContaining("PasswordPolicy.alphanumeric");
    }

    @Test
    void allCharacterClassesOffIsRejected() {
        var none = new PasswordPolicy(32, false, false, false, false, 0, 0, 0, 0, "");
        assertThatThrownBy(() -> none.validate("generate.token"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("generate.token")
                .hasMessageContaining("enable at least one of upper, lower, numeric, special");
    }

    @Test
    void aMinimumForAClassThatIsOffIsRejected() {
        var upperOff = new PasswordPolicy(32, false, true, true, false, 1, 1, 1, 0, "");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> upperOff.validate("generate.password"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("generate.password")
                .hasMessageContaining("character class that is off")
                .hasMessageContaining("set that minimum to 0");
    }
}
