package dev.citadel.authentik;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.citadel.authentik.BlueprintObject.LogLevel.INFO;
import static dev.citadel.authentik.BlueprintObject.OutpostType.PROXY;
import static dev.citadel.authentik.ParsedBlueprint.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Seed 001's outpost (2 replicas, log level info) and the invitation flow's social login (the identification stage's
 * sources, the sources' enrollment flow), rendered and parsed back as authentik's loader reads them.
 */
class OutpostAndSourcesTest {

    private static ParsedBlueprint parse(Blueprint b) {
        var set = new BlueprintSet(List.of(b));
        var file = b.fileName();
        return ParsedBlueprint.parse(file, set.files().get(file));
    }

    @Test
    void theOutpostRunsTwoReplicasAtLogLevelInfoUnderTheNamingTheAlertsSelect() {
        var bp = parse(Presets.outpost(AuthentikDefaults.EMBEDDED_OUTPOST, "https://auth.homelab.lan", 2, "authentik"));
        assertThat(bp.name()).isEqualTo("citadel-ak-outpost-authentik-embedded-outpost");
        var outposts = bp.ofModel("authentik_outposts.outpost");
        assertThat(outposts).hasSize(1);
        var entry = outposts.get(0);
        assertThat(entry.get("state")).isEqualTo("present");
        assertThat(entry.get("identifiers")).isEqualTo(Map.of("name", "authentik Embedded Outpost"));
        var attrs = map(entry, "attrs");
        assertThat(attrs.get("type")).isEqualTo("proxy");
        // Replaced whole on apply: everything the outpost needs is in it.
        assertThat(map(attrs, "config")).isEqualTo(Map.of(
                "authentik_host", "https://auth.homelab.lan", "log_level", "info", "object_naming_template", "ak-outpost-%(name)s",
                "kubernetes_namespace", "authentik", "kubernetes_replicas", 2));
        // The Service authentik makes from that template is the one the alerts select.
        var template = (String) map(attrs, "config").get("object_naming_template");
        assertThat(template.replace("%(name)s", "authentik-embedded-outpost"))
                .isEqualTo(OutpostNames.serviceName(AuthentikDefaults.EMBEDDED_OUTPOST));
    }

    @Test
    void aLoneOutpostReplicaIsRefused() {
        assertThatThrownBy(() -> Presets.outpost(AuthentikDefaults.EMBEDDED_OUTPOST, "https://auth.homelab.lan", 1, "authentik"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replicas is 1").hasMessageContaining("at least 2")
                .hasMessageContaining("seed 001");
    }

    @Test
    void outpostSettingsAuthentikCannotUseAreRefused() {
        assertThatThrownBy(() -> new BlueprintObject.Outpost("o", "x", PROXY, "auth.homelab.lan", 2, INFO, "authentik", Map.of()))
                .hasMessageContaining("authentik_host 'auth.homelab.lan'").hasMessageContaining("https://");
        assertThatThrownBy(() -> new BlueprintObject.Outpost("o", "x", PROXY, "https://a.b", 2, BlueprintObject.LogLevel.TRACE, "authentik", Map.of()))
                .hasMessageContaining("log_level trace is refused").hasMessageContaining("use info");
        assertThatThrownBy(() -> new BlueprintObject.Outpost("o", "x", PROXY, "https://a.b", 2, INFO, "authentik",
                Map.of("kubernetes_replicas", 1))).hasMessageContaining("config kubernetes_replicas is set by the outpost's own fields");
    }

    @Test
    void otherConfigKeysAreKeptBecauseTheConfigIsReplacedWhole() {
        var patches = Map.of("deployment", List.of(Map.of("op", "add", "path", "/spec/template/metadata/labels/app.kubernetes.io~1component",
                "value", "server")));
        var outpost = new BlueprintObject.Outpost("outpost", AuthentikDefaults.EMBEDDED_OUTPOST, PROXY, "https://auth.homelab.lan", 2,
                INFO, "authentik", Map.of("kubernetes_json_patches", patches));
        var bp = parse(Blueprint.builder("outpost").add(outpost).build());
        assertThat(map(map(bp.byId("outpost"), "attrs"), "config")).containsEntry("kubernetes_json_patches", patches)
                .containsEntry("kubernetes_replicas", 2);
    }

    /** Issue 24 item 2: every key authentik reads may be given; the config is rendered whole, Citadel's keys first. */
    @Test
    void theUsersOutpostConfigIsMergedWithCitadelsAndRenderedWhole() {
        var config = new java.util.LinkedHashMap<String, Object>();
        config.put("kubernetes_service_type", "LoadBalancer");
        config.put("kubernetes_ingress_annotations", Map.of("cert-manager.io/cluster-issuer", "letsencrypt"));
        config.put("kubernetes_ingress_class_name", "traefik");
        config.put("kubernetes_image_pull_secrets", List.of("regcred"));
        config.put("kubernetes_replicas", 3);
        config.put("log_level", "warning");
        config.put("object_naming_template", "ak-outpost-%(name)s");
        var bp = parse(Presets.outpost(AuthentikDefaults.EMBEDDED_OUTPOST, "https://auth.homelab.lan", 2, "authentik", config));
        var rendered = map(map(bp.byId("outpost"), "attrs"), "config");
        assertThat(rendered.keySet()).containsExactly("authentik_host", "log_level", "object_naming_template", "kubernetes_namespace",
                "kubernetes_replicas", "kubernetes_service_type", "kubernetes_ingress_annotations", "kubernetes_ingress_class_name",
                "kubernetes_image_pull_secrets");
        assertThat(rendered).containsEntry("kubernetes_replicas", 3).containsEntry("log_level", "warning")
                .containsEntry("kubernetes_service_type", "LoadBalancer").containsEntry("kubernetes_image_pull_secrets", List.of("regcred"));
    }

    @Test
    void aUserKeyContradictingAHardeningDefaultIsRefused() {
        assertThatThrownBy(() -> outpostWith(Map.of("kubernetes_replicas", 1))).hasMessageContaining("replicas is 1")
                .hasMessageContaining("at least 2");
        assertThatThrownBy(() -> outpostWith(Map.of("log_level", "trace"))).hasMessageContaining("log_level trace is refused");
        assertThatThrownBy(() -> outpostWith(Map.of("object_naming_template", "%(name)s")))
                .hasMessageContaining("config object_naming_template '%(name)s' contradicts Citadel's 'ak-outpost-%(name)s'");
        assertThatThrownBy(() -> outpostWith(Map.of("kubernetes_namespace", "other"))).hasMessageContaining("contradicts");
        assertThatThrownBy(() -> outpostWith(Map.of("kubernetes_json_patch", Map.of())))
                .hasMessageContaining("config key 'kubernetes_json_patch' is not one authentik reads");
    }

    private static Blueprint outpostWith(Map<String, Object> config) {
        return Presets.outpost(AuthentikDefaults.EMBEDDED_OUTPOST, "https://auth.homelab.lan", 2, "authentik", config);
    }

    @Test
    void theInvitationFlowOffersTheSocialSourcesWhichEnrollThroughIt() {
        var bp = parse(Presets.invitationEnrollment(List.of("user"), List.of("google", "github", "facebook")));
        var flow = bp.byId("flow");
        assertThat(map(flow, "identifiers")).containsEntry("slug", Presets.INVITATION_FLOW);
        var sources = bp.ofModel("authentik_sources_oauth.oauthsource");
        assertThat(sources).extracting(s -> map(s, "identifiers").get("slug")).containsExactly("google", "github", "facebook");
        for (var source : sources) {
            assertThat(map(source, "attrs")).isEqualTo(Map.of("enrollment_flow", new ParsedBlueprint.KeyOf("flow")));
        }
        var stage = bp.byId("identification");
        var attrs = map(stage, "attrs");
        assertThat(attrs.get("user_fields")).isEqualTo(List.of());
        assertThat(attrs.get("sources")).isEqualTo(List.of(
                new ParsedBlueprint.Find("authentik_sources_oauth.oauthsource", "slug", "google"),
                new ParsedBlueprint.Find("authentik_sources_oauth.oauthsource", "slug", "github"),
                new ParsedBlueprint.Find("authentik_sources_oauth.oauthsource", "slug", "facebook")));
        // Each !Find names a source entry applied before the stage, so it cannot resolve to null.
        var entries = bp.entries();
        for (var source : sources) {
            assertThat(entries.indexOf(source)).isLessThan(entries.indexOf(stage));
        }
        var binding = bp.ofModel("authentik_flows.flowstagebinding").stream()
                .filter(b -> new ParsedBlueprint.KeyOf("identification").equals(map(b, "identifiers").get("stage"))).findFirst().orElseThrow();
        assertThat(map(binding, "identifiers")).containsEntry("target", new ParsedBlueprint.KeyOf("flow")).containsEntry("order", 15);
        assertThat(bp.ofModel("authentik_flows.flowstagebinding")).extracting(b -> map(b, "identifiers").get("order"))
                .containsExactly(10, 15, 20, 30, 100);
    }

    @Test
    void withoutSourcesTheInvitationFlowHasNoIdentificationStage() {
        var bp = parse(Presets.invitationEnrollment("user"));
        assertThat(bp.ofModel("authentik_stages_identification.identificationstage")).isEmpty();
        assertThat(bp.ofModel("authentik_sources_oauth.oauthsource")).isEmpty();
    }

    @Test
    void aSourceThatIsNotASlugIsRefused() {
        assertThatThrownBy(() -> Presets.invitationEnrollment(List.of("user"), List.of("Google Login")))
                .hasMessageContaining("source 'Google Login'").hasMessageContaining("e.g. google");
    }

    @Test
    void aFindOfAnEntryFurtherDownTheSameBlueprintIsRefused() {
        var flow = Ref.flow("late-flow");
        var b = Blueprint.builder("late").add(
                new BlueprintObject.OAuthSource("google", "google", flow),
                new BlueprintObject.Flow("flow", "late-flow", "Late", "Late", BlueprintObject.Designation.ENROLLMENT,
                        BlueprintObject.Authentication.REQUIRE_UNAUTHENTICATED, BlueprintObject.Layout.STACKED)).build();
        assertThatThrownBy(() -> new BlueprintSet(List.of(b))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blueprint late, entry google").hasMessageContaining("names an entry further down")
                .hasMessageContaining("move that entry up");
    }

    @Test
    void aSourceWithoutEnrollmentFlowIsRefused() {
        assertThatThrownBy(() -> new BlueprintObject.OAuthSource("g", "google", null))
                .hasMessageContaining("OAuth source google: enrollment_flow is missing");
    }
}
