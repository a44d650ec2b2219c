package dev.citadel.policy;

import dev.citadel.policy.rules.PolicyPack;
import dev.citadel.value.Prop;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every policy in the pack has a violating and a compliant fixture drawn from its seed, and both are
 * asserted: the violating one is reported by that policy, with the words people need to act on; the
 * compliant one is not reported at all.
 */
class PolicyFixturesTest {

    @TestFactory
    List<DynamicTest> everyPolicyCatchesItsSeedAndPassesTheFix() {
        var tests = new ArrayList<DynamicTest>();
        for (var policy : PolicyPack.policies()) {
            var id = policy.info().id();
            tests.add(DynamicTest.dynamicTest(id + " reports the violating fixture", () -> {
                var fixture = PolicyFixtures.load(id, "violating");
                assertThat(fixture).as("policy-fixtures/%s/violating.yaml", id).isPresent();
                var violations = run(policy, fixture.get());
                assertThat(violations).as("violations of %s", id)
                        .isNotEmpty()
                        .allSatisfy(v -> assertThat(v.policyId()).isEqualTo(id))
                        // a policy may add advice below its level; its seed failure must still count at its level
                        .anySatisfy(v -> assertThat(v.level()).isEqualTo(policy.info().defaultLevel()));
                for (var word : fixture.get().expect()) {
                    assertThat(violations).as("a message of %s mentioning '%s'", id, word)
                            .anySatisfy(v -> assertThat(v.message()).contains(word));
                }
            }));
            tests.add(DynamicTest.dynamicTest(id + " passes the compliant fixture", () -> {
                var fixture = PolicyFixtures.load(id, "compliant");
                assertThat(fixture).as("policy-fixtures/%s/compliant.yaml", id).isPresent();
                assertThat(fixture.get().resources()).as("compliant fixture of %s has resources", id).isNotEmpty();
                assertThat(run(policy, fixture.get())).isEmpty();
            }));
        }
        return tests;
    }

    static List<Violation> run(Policy policy, PolicyFixtures fixture) {
        var fields = new TreeMap<String, Prop>();
        fields.put(policy.info().id(), fixture.config());
        var config = PackConfig.parse(new Prop.Obj(fields), Set.of(policy.info().id()));
        return new PolicyEngine(List.of(policy), config).analyzeStack(fixture.resources());
    }
}
