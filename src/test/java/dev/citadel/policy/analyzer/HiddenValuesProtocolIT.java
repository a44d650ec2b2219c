package dev.citadel.policy.analyzer;

import dev.citadel.policy.PolicyFixtures;
import dev.citadel.policy.PropPaths;
import dev.citadel.policy.rules.PolicyPack;
import dev.citadel.value.Prop;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over the real protocol, the pack launched as the CLI launches it: for every policy's violating fixture,
 * every position of every resource (each field, list, list item and scalar, not only the leaves) is in
 * turn wrapped in the engine's secret signature and replaced by the unknown sentinel. Wrapped as secret,
 * every resource the fixture flags is still flagged at least as strongly (secrets are judged, not
 * skipped); unknown, it is still reported (undecidable, or the violation it had), never clean. A real
 * preview sends both kinds wherever a value derives from a secret or an output; dozens of must-flag
 * resources came back clean when they sat where the leaf-only property did not look.
 */
class HiddenValuesProtocolIT {
    static LaunchedPack pack;

    @BeforeAll
    static void launch() throws Exception {
        pack = LaunchedPack.launch();
    }

    @AfterAll
    static void stop() throws Exception {
        pack.close();
    }

    /** Exhaustive over policies and positions: one dynamic test per policy, every failing position reported. */
    @TestFactory
    List<DynamicTest> aHiddenValueAnywhereNeverTurnsAFlaggedResourceClean() {
        return PolicyPack.policies().stream().map(p -> DynamicTest.dynamicTest(p.info().id(), () -> check(p.info().id()))).toList();
    }

    private static void check(String id) throws Exception {
        var policy = PolicyPack.policies().stream().filter(p -> p.info().id().equals(id)).findFirst().orElseThrow();
        var fixture = PolicyFixtures.load(id, "violating").orElseThrow();
        pack.configureOnly(policy, fixture.config());
        var baseline = LaunchedPack.verdicts(pack.diagnostics(policy, fixture.resources()));
        assertThat(baseline).as("%s: its violating fixture is flagged over the protocol", id).isNotEmpty();
        int positions = 0;
        var softly = new SoftAssertions();
        for (int i = 0; i < fixture.resources().size(); i++) {
            var resource = fixture.resources().get(i);
            for (var path : PropPaths.positions(resource.properties(), List.of())) {
                if (path.equals(List.of("apiVersion")) || path.equals(List.of("kind"))) {
                    continue; // the resource's type, which the engine always knows (type token and URN)
                }
                positions++;
                var original = PropPaths.at(resource.properties(), path);
                // secrets-stay-secret judges whether values are marked secret, so neither form hides anything from it:
                // marking a plaintext value secret is its fix, and the engine marks an output derived from a secret as
                // secret itself, so a plain unknown is judged by the names around it (its leaf property and tests).
                var hiddenForms = id.equals("secrets-stay-secret") ? List.<Prop>of() : List.of(Prop.UNKNOWN, new Prop.Secret(original));
                for (var hidden : hiddenForms) {
                    var after = LaunchedPack.verdicts(pack.diagnostics(policy, PropPaths.with(fixture.resources(), i, path, hidden)));
                    for (Map.Entry<String, Integer> flagged : baseline.entrySet()) {
                        softly.assertThat(after.getOrDefault(flagged.getKey(), 0))
                                .as("%s: %s with %s of %s %s (0 = clean, 1 = advisory, 2 = mandatory)", id,
                                        flagged.getKey().isEmpty() ? "the stack" : flagged.getKey(),
                                        path.isEmpty() ? "all inputs" : String.join("/", path), resource.name(),
                                        hidden instanceof Prop.Secret ? "wrapped as secret" : "unknown")
                                .isGreaterThanOrEqualTo(flagged.getValue());
                    }
                }
            }
        }
        assertThat(positions).as("%s: positions tried", id).isPositive();
        softly.assertAll();
    }
}
