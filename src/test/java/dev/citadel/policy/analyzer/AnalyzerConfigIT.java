package dev.citadel.policy.analyzer;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.citadel.policy.Policy;
import dev.citadel.policy.PolicyFixtures;
import dev.citadel.policy.rules.PolicyPack;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pulumirpc.AnalyzerOuterClass.AnalyzerStackConfigureRequest;
import pulumirpc.AnalyzerOuterClass.ConfigureAnalyzerRequest;
import pulumirpc.AnalyzerOuterClass.PolicyConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Configure and ConfigureStack over the real protocol refuse what the protocol or a policy's schema does
 * not define, naming it, and leave the config in force: a level 99 ran a policy below mandatory, and a
 * string for {@code floors} (a map) made no-image-downgrade fail on every resource.
 */
class AnalyzerConfigIT {
    static LaunchedPack pack;
    static Policy downgrade;
    static PolicyFixtures violating;

    @BeforeAll
    static void launch() throws Exception {
        pack = LaunchedPack.launch();
        downgrade = PolicyPack.policies().stream().filter(p -> p.info().id().equals("no-image-downgrade")).findFirst().orElseThrow();
        violating = PolicyFixtures.load("no-image-downgrade", "violating").orElseThrow();
    }

    @AfterAll
    static void stop() throws Exception {
        pack.close();
    }

    @Test
    void anUndefinedLevelOrAWronglyTypedParameterIsRefused_andThePreviousConfigStillBlocks() {
        pack.configureOnly(downgrade, violating.config());
        assertMustFlagCasesBlock();

        assertRefused(() -> pack.stub().configure(ConfigureAnalyzerRequest.newBuilder().putPolicyConfig("no-image-downgrade",
                        PolicyConfig.newBuilder().setEnforcementLevelValue(99)
                                .setProperties(LaunchedPack.encode(violating.config()).getStructValue()).build()).build()),
                "policies.no-image-downgrade.enforcementLevel: 99 is not an enforcement level");
        assertMustFlagCasesBlock();

        var floorsAsText = Struct.newBuilder().putFields("floors", Value.newBuilder().setStringValue("ghcr.io/goauthentik/server=2026.2.4").build());
        assertRefused(() -> pack.stub().configure(ConfigureAnalyzerRequest.newBuilder().putPolicyConfig("no-image-downgrade",
                        PolicyConfig.newBuilder().setEnforcementLevelValue(1).setProperties(floorsAsText).build()).build()),
                "policies.no-image-downgrade.floors should be a map of names to strings");
        assertMustFlagCasesBlock();

        assertRefused(() -> pack.stub().configureStack(AnalyzerStackConfigureRequest.newBuilder().setStack("homelab").setProject("citadel")
                        .putConfig("citadel:policies", "{\"no-image-downgrade\": {\"enforcementLevel\": \"blocking\"}}").build()),
                "policies.no-image-downgrade.enforcementLevel: 'blocking' is not an enforcement level");
        assertRefused(() -> pack.stub().configureStack(AnalyzerStackConfigureRequest.newBuilder().setStack("homelab").setProject("citadel")
                        .putConfig("citadel:policies", "{\"liveness-tolerates-migrations\": {\"minLivenessBudgetSeconds\": \"a minute\"}}").build()),
                "policies.liveness-tolerates-migrations.minLivenessBudgetSeconds should be a whole number");
        assertMustFlagCasesBlock();
    }

    /** remediate is stronger than mandatory; with no remediation to apply, the pack blocks as CrossGuard does. */
    @Test
    void remediateBlocksLikeMandatory() {
        pack.stub().configure(ConfigureAnalyzerRequest.newBuilder().putPolicyConfig("no-image-downgrade",
                PolicyConfig.newBuilder().setEnforcementLevel(pulumirpc.AnalyzerOuterClass.EnforcementLevel.REMEDIATE)
                        .setProperties(LaunchedPack.encode(violating.config()).getStructValue()).build()).build());
        assertMustFlagCasesBlock();
        pack.configureOnly(downgrade, violating.config());
    }

    private static void assertMustFlagCasesBlock() {
        var diagnostics = pack.diagnostics(downgrade, violating.resources());
        assertThat(LaunchedPack.verdicts(diagnostics)).as("the three resources of seed 001's downgrade block (the last by its live tag)")
                .hasSize(3).allSatisfy((urn, level) -> assertThat(level).isEqualTo(2));
        for (var word : violating.expect()) {
            assertThat(diagnostics).anySatisfy(d -> assertThat(d.getMessage()).contains(word));
        }
    }

    private static void assertRefused(Runnable call, String naming) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).contains(naming);
        });
    }
}
