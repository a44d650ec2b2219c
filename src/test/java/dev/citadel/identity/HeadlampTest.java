package dev.citadel.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.citadel.value.Redacted;
import dev.citadel.value.Refused;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Headlamp from the same OidcRbac as the API server (seed 000 §7.1): the chart values carry the API server's issuer and
 * client id, so its tokens are ones the API server accepts; the values validate against the chart's own values schema
 * (headlamp chart 0.45.0, values.schema.json vendored under src/test/resources/headlamp).
 */
class HeadlampTest {
    static final String CALLBACK = "https://headlamp.homelab.lan/oidc-callback";

    static OidcRbacArgs rbac(OidcClient kube) {
        var args = KeycloakRealmArgs.builder().keycloakUrl("https://sso.homelab.lan").namespace("identity").realm("homelab")
                .groups("admin", "operator", "developer", "viewer", "user").client(kube).build();
        return IdentityPlans.seed000(args.contract(kube.clientId()), ApiServer.talos()).build();
    }

    static OidcClient kubeWithHeadlamp() {
        return OidcClient.kubernetesCli().withRedirectUris("http://localhost:8000/*", "http://localhost:18000/*", CALLBACK);
    }

    @SuppressWarnings("unchecked")
    @Test
    void theChartLogsInWithTheApiServersIssuerClientAndGroupsScope() {
        var rbac = rbac(kubeWithHeadlamp());
        var args = HeadlampArgs.builder().rbac(rbac).url("https://headlamp.homelab.lan").build();
        var oidc = (Map<String, Object>) ((Map<String, Object>) args.values().get("config")).get("oidc");
        var flags = rbac.contract().orElseThrow().apiServerFlags();
        assertThat(oidc.get("clientID")).isEqualTo(flags.get("oidc-client-id")).isEqualTo("kubernetes");
        assertThat(oidc.get("issuerURL")).isEqualTo(flags.get("oidc-issuer-url")).isEqualTo("https://sso.homelab.lan/realms/homelab");
        assertThat(((String) oidc.get("scopes")).split(",")).contains("openid", "groups", "email");
        assertThat(oidc.get("callbackURL")).isEqualTo(CALLBACK);
        assertThat(oidc.get("usePKCE")).isEqualTo(true);
    }

    @Test
    void theReleaseIsPlannedWithThoseValuesAndTheyMatchTheChartsSchema() throws Exception {
        var args = HeadlampArgs.builder().rbac(rbac(kubeWithHeadlamp())).url("https://headlamp.homelab.lan").build();
        var plan = IdentityPlans.plan(ctx -> new Headlamp("headlamp", args));
        var release = IdentityPlans.only(plan, "kubernetes:helm.sh/v3:Release");
        var values = Redacted.plain(release.inputs().get("values"));
        assertThat(values).isEqualTo(args.values());
        assertThat(Redacted.plain(release.inputs().get("chart"))).isEqualTo("headlamp");
        var json = new ObjectMapper();
        try (var in = getClass().getResourceAsStream("/headlamp/values.schema-0.45.0.json")) {
            var schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(json.readTree(in));
            assertThat(schema.validate(json.valueToTree(values))).isEmpty();
            // The negative twin: the schema does see config.oidc (a boolean scopes is refused).
            assertThat(schema.validate(json.valueToTree(Map.of("config", Map.of("oidc", Map.of("scopes", true)))))).isNotEmpty();
        }
    }

    @Test
    void aHeadlampClientIdThatIsNoneOfTheApiServersAudiencesIsRefusedWithTheReasonAndTheFix() {
        var rbac = rbac(kubeWithHeadlamp());
        assertThatThrownBy(() -> HeadlampArgs.builder().rbac(rbac).url("https://headlamp.homelab.lan").clientId("headlamp").build())
                .isInstanceOf(Refused.class)
                .hasMessageContaining("'headlamp' is none of the API server's audiences [kubernetes]")
                .hasMessageContaining("401 Unauthorized").hasMessageContaining("leave clientId unset")
                .hasMessageContaining("audience(\"headlamp\") with ApiServer.authenticationConfiguration()");
        assertThat(HeadlampArgs.builder().rbac(rbac).url("https://headlamp.homelab.lan").clientId("kubernetes").build().callbackUrl())
                .isEqualTo(CALLBACK);
    }

    @Test
    void aCallbackTheApiServersClientDoesNotAcceptIsRefused() {
        var rbac = rbac(OidcClient.kubernetesCli());
        assertThatThrownBy(() -> HeadlampArgs.builder().rbac(rbac).url("https://headlamp.homelab.lan").build())
                .hasMessageContaining(CALLBACK + " is not a redirect URI of client 'kubernetes'")
                .hasMessageContaining("withRedirectUris(");
    }

    @Test
    void plainHttpOrPathUrlsAreRefused() {
        for (var url : List.of("http://headlamp.homelab.lan", "https://headlamp.homelab.lan/ui", "headlamp.homelab.lan")) {
            assertThatThrownBy(() -> HeadlampArgs.builder().rbac(rbac(kubeWithHeadlamp())).url(url).build())
                    .hasMessageContaining("'" + url + "' is not Headlamp's https base URL");
        }
    }
}
