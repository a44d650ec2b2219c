package dev.citadel.authentik;

import dev.citadel.plan.PlanRunner;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outpost's names as authentik and Traefik make them, and what the release refuses in its alert settings. */
class OutpostAlertsTest {

    @Test
    void theServiceIsNamedAsAuthentikNamesIt() {
        assertThat(OutpostNames.serviceName("authentik Embedded Outpost")).isEqualTo("ak-outpost-authentik-embedded-outpost");
        assertThat(OutpostNames.serviceName("  Forward Auth -- Outpost! ")).isEqualTo("ak-outpost-forward-auth-outpost");
        assertThat(OutpostNames.serviceName("Café Outpost")).isEqualTo("ak-outpost-cafe-outpost");
        assertThat(OutpostNames.traefikServiceRegex("authentik", "authentik Embedded Outpost"))
                .isEqualTo("authentik-ak-outpost-authentik-embedded-outpost-.+");
    }

    @Test
    void anOutpostNameWithoutLettersIsRefused() {
        assertThatThrownBy(() -> OutpostNames.serviceName("!!!")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'!!!'").hasMessageContaining("ak-outpost-<name>");
    }

    @Test
    void theReleaseEmitsNoRuleUnlessAsked() {
        var plan = new PlanRunner("citadel", "test", Map.of(), Set.of()).run(ctx ->
                new AuthentikRelease("authentik", AuthentikReleaseTest.homelab().build()));
        assertThat(plan.ofType(OutpostAlertsPromtoolTest.PROMETHEUS_RULE)).isEmpty();
    }

    @Test
    void badAlertSettingsAreRefusedAtBuild() {
        var alerts = OutpostAlerts.forOutpost(AuthentikDefaults.EMBEDDED_OUTPOST);
        assertThatThrownBy(() -> AuthentikReleaseTest.homelab().outpostAlerts(alerts.withFor("five minutes")).build())
                .hasMessageContaining("outpostAlerts.for").hasMessageContaining("'five minutes'").hasMessageContaining("5m");
        assertThatThrownBy(() -> AuthentikReleaseTest.homelab().outpostAlerts(alerts.withFallback401PerSecond(0)).build())
                .hasMessageContaining("outpostAlerts.fallback401PerSecond").hasMessageContaining("0.0");
        assertThatThrownBy(() -> AuthentikReleaseTest.homelab().outpostAlerts(alerts.withEntrypoint("web secure")).build())
                .hasMessageContaining("outpostAlerts.entrypoint").hasMessageContaining("'web secure'");
        assertThatThrownBy(() -> AuthentikReleaseTest.homelab().outpostAlerts(OutpostAlerts.forOutpost("the \"main\" outpost")).build())
                .hasMessageContaining("outpostAlerts.outpost").hasMessageContaining("quote");
    }

    @Test
    void thresholdsArePlainPromqlNumbers() {
        assertThat(OutpostAlerts.number(5)).isEqualTo("5");
        assertThat(OutpostAlerts.number(0.5)).isEqualTo("0.5");
        assertThat(OutpostAlerts.number(0.0001)).isEqualTo("0.0001");
    }
}
