package dev.citadel.authentik;

import dev.citadel.contract.AuthentikChartKeys;
import dev.citadel.plan.Plan;
import dev.citadel.plan.PlanRunner;
import dev.citadel.plan.Registration;
import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.PackConfig;
import dev.citadel.policy.PolicyEngine;
import dev.citadel.policy.PolicyResource;
import dev.citadel.policy.rules.PolicyPack;
import dev.citadel.value.Redacted;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.citadel.authentik.ParsedBlueprint.map;
import static org.assertj.core.api.Assertions.assertThat;

/** What an AuthentikFlow of seed 001's homelab registers, read back from an offline preview and parsed as authentik would. */
class AuthentikFlowTest {
    static final String CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
    private static Plan plan;
    private static Registration configMap;
    private static final Map<String, ParsedBlueprint> parsed = new LinkedHashMap<>();

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void planHomelabFlows() {
        plan = new PlanRunner("citadel", "test", Map.of(), Set.of()).run(ctx -> {
            var flows = new AuthentikFlow("homelab-flows", Seed001.homelab().build());
            ctx.export("configMap", flows.configMap());
        });
        var found = plan.ofType(CONFIG_MAP);
        assertThat(found).hasSize(1);
        configMap = found.get(0);
        var data = (Map<String, Object>) Redacted.plain(configMap.inputs().get("data"));
        data.forEach((k, v) -> parsed.put(k, ParsedBlueprint.parse(k, (String) v)));
    }

    @Test
    void oneConfigMapInAuthentiksNamespaceChildOfTheComponentNamedAfterIt() {
        var component = plan.find(AuthentikFlow.TYPE, "homelab-flows").orElseThrow();
        assertThat(configMap.parent()).isEqualTo(component.urn());
        assertThat(configMap.name()).isEqualTo("homelab-flows-blueprints");
        assertThat(configMap.inputs().get("metadata").get("namespace").string()).contains("authentik");
        assertThat(configMap.inputs().get("metadata").get("name").string()).contains(AuthentikFlowArgs.DEFAULT_CONFIG_MAP);
        assertThat(Redacted.plain(plan.outputs().get("configMap"))).isEqualTo(AuthentikFlowArgs.DEFAULT_CONFIG_MAP);
    }

    @Test
    void everyKeyEndsInYamlAndHoldsAVersion1BlueprintOfThatName() {
        assertThat(parsed).hasSize(10);
        parsed.forEach((key, bp) -> {
            assertThat(key).endsWith(".yaml");
            assertThat(bp.doc()).containsEntry("version", 1);
            assertThat(key).isEqualTo(bp.name() + ".yaml");
        });
    }

    /** Each !KeyOf names an earlier entry of its own blueprint; each !Find an object a blueprint creates, or a default. */
    @Test
    void everyReferenceResolves() {
        var created = new HashSet<String>();
        parsed.values().forEach(bp -> bp.entries().stream().filter(e -> !"absent".equals(e.get("state"))).forEach(e -> {
            var fields = new LinkedHashMap<String, Object>();
            if (e.get("attrs") != null) {
                fields.putAll(map(e, "attrs"));
            }
            fields.putAll(map(e, "identifiers"));
            fields.forEach((k, v) -> created.add(e.get("model") + " " + k + " " + v));
        }));
        var defaults = Set.of(
                "authentik_flows.flow slug default-authentication-flow",
                "authentik_flows.flow slug default-provider-authorization-implicit-consent",
                "authentik_flows.flow slug default-provider-invalidation-flow",
                "authentik_crypto.certificatekeypair name authentik Self-signed Certificate",
                "authentik_providers_oauth2.scopemapping managed goauthentik.io/providers/oauth2/scope-openid",
                "authentik_providers_oauth2.scopemapping managed goauthentik.io/providers/oauth2/scope-email",
                "authentik_providers_oauth2.scopemapping managed goauthentik.io/providers/oauth2/scope-profile");
        var checked = 0;
        for (var bp : parsed.values()) {
            var seen = new HashSet<String>();
            for (var e : bp.entries()) {
                for (var ref : ParsedBlueprint.refs(e)) {
                    checked++;
                    if (ref instanceof ParsedBlueprint.KeyOf k) {
                        assertThat(seen).as("%s: !KeyOf %s names an earlier entry", bp.file(), k.id()).contains(k.id());
                    } else {
                        var f = (ParsedBlueprint.Find) ref;
                        var key = f.model() + " " + f.field() + " " + f.value();
                        assertThat(created.contains(key) || defaults.contains(key)).as("%s: %s resolves", bp.file(), key).isTrue();
                    }
                }
                if (e.get("id") != null) {
                    seen.add((String) e.get("id"));
                }
            }
        }
        assertThat(checked).isGreaterThan(30);
    }

    @Test
    void theIdentificationStageEmbedsThePasswordStageAndTheSeparateBindingIsDeleted() {
        var bp = parsed.get(Presets.ONE_SCREEN_LOGIN + ".yaml");
        var identification = bp.ofModel(Models.IDENTIFICATION_STAGE).get(0);
        var password = (ParsedBlueprint.KeyOf) map(identification, "attrs").get("password_stage");
        assertThat(bp.byId(password.id())).containsEntry("model", Models.PASSWORD_STAGE);
        assertThat(map(bp.byId(password.id()), "identifiers")).containsEntry("name", "default-authentication-password");
        var bindings = bp.ofModel(Models.FLOW_STAGE_BINDING);
        assertThat(bindings).hasSize(1).allSatisfy(b -> {
            assertThat(b).containsEntry("state", "absent");
            assertThat(map(b, "identifiers")).containsEntry("stage", password).containsEntry("order", 20)
                    .containsEntry("target", new ParsedBlueprint.Find(Models.FLOW, "slug", "default-authentication-flow"));
        });
        // No blueprint of the set binds the password stage anywhere.
        parsed.values().forEach(other -> other.ofModel(Models.FLOW_STAGE_BINDING).stream()
                .filter(b -> !"absent".equals(b.get("state")))
                .forEach(b -> assertThat(map(b, "identifiers").get("stage")).isNotEqualTo(password)));
    }

    @Test
    void sessionsLastFourWeeksThroughTheDefaultUserLoginStage() {
        var login = parsed.get(Presets.PERSISTENT_SESSIONS + ".yaml").ofModel(Models.USER_LOGIN_STAGE).get(0);
        assertThat(map(login, "identifiers")).containsEntry("name", "default-authentication-login");
        assertThat(map(login, "attrs")).containsEntry("session_duration", "weeks=4");
    }

    @Test
    void firstPartyAppsAuthorizeWithImplicitConsentAndARequiredInvalidationFlow() {
        var providers = parsed.values().stream().flatMap(bp -> bp.ofModel(Models.OAUTH2_PROVIDER).stream()).toList();
        assertThat(providers).extracting(p -> map(p, "identifiers").get("name"))
                .containsExactlyInAnyOrder("Vault", "Forgejo", "Immich", "Headscale", "linkwarden", "Cloudflare Access");
        assertThat(providers).allSatisfy(p -> {
            var attrs = map(p, "attrs");
            assertThat(attrs.get("authorization_flow"))
                    .isEqualTo(new ParsedBlueprint.Find(Models.FLOW, "slug", AuthentikChartKeys.IMPLICIT_CONSENT_FLOW));
            assertThat(attrs.get("invalidation_flow")).isNotNull();
            assertThat(attrs).containsEntry("client_type", "confidential");
            assertThat((List<Map<String, Object>>) attrs.get("redirect_uris")).isNotEmpty()
                    .allSatisfy(u -> assertThat(u).containsOnlyKeys("matching_mode", "url").containsEntry("matching_mode", "strict"));
        });
        var forgejo = parsed.get("citadel-app-forgejo.yaml");
        var app = forgejo.ofModel(Models.APPLICATION).get(0);
        assertThat(map(app, "attrs")).containsEntry("provider", new ParsedBlueprint.KeyOf("provider"));
        assertThat(forgejo.byId("provider")).containsEntry("model", Models.OAUTH2_PROVIDER);
    }

    @Test
    void theInvitationFlowAssignsTheGroupFromTheInvitationsFixedData() {
        var bp = parsed.get(Presets.INVITATION_ENROLLMENT + ".yaml");
        var flow = bp.byId("flow");
        assertThat(map(flow, "attrs")).containsEntry("designation", "enrollment").containsEntry("authentication", "require_unauthenticated");
        var stages = bp.ofModel(Models.FLOW_STAGE_BINDING).stream().map(b -> map(b, "identifiers")).toList();
        assertThat(stages).extracting(s -> ((ParsedBlueprint.KeyOf) s.get("stage")).id())
                .containsExactly("invitation", "prompt", "write", "login");
        assertThat(map(bp.byId("invitation"), "attrs")).containsEntry("continue_flow_without_invitation", false);
        var policy = bp.byId("assign-group");
        var expression = (String) map(policy, "attrs").get("expression");
        assertThat(expression).contains("invitation.fixed_data").contains("\"group\"").contains("ak_groups.add")
                .contains("allowed = [\"user\"]");
        var binding = bp.ofModel(Models.POLICY_BINDING).get(0);
        assertThat(map(binding, "identifiers")).containsEntry("policy", new ParsedBlueprint.KeyOf("assign-group"))
                .containsEntry("target", new ParsedBlueprint.KeyOf("bind-login"));
        assertThat(map(bp.byId("bind-login"), "attrs")).containsEntry("re_evaluate_policies", true);
        assertThat(map(bp.byId("group-0"), "identifiers")).containsEntry("name", "user");
        assertThat(bp.byId("group-0")).containsEntry("state", "created");
    }

    @Test
    void seed001sDeletedFlowsStayDeleted() {
        var bp = parsed.get("citadel-deleted.yaml");
        assertThat(bp.entries()).allSatisfy(e -> assertThat(e).containsEntry("state", "absent").containsEntry("model", Models.FLOW))
                .extracting(e -> map(e, "identifiers").get("slug"))
                .containsExactly("enrollment-inviation", "headscale-auth", "headscale-authz", "default-enrollment", "oauth-enrollment");
    }

    @Test
    void thePolicyPackFindsNothingMandatoryAndNoExplicitConsent() {
        var resources = plan.resources().stream().map(PolicyResource::of).toList();
        var violations = new PolicyEngine(PolicyPack.policies(), PackConfig.empty()).analyzeStack(resources);
        assertThat(violations).filteredOn(v -> v.level() == EnforcementLevel.MANDATORY)
                .filteredOn(v -> !v.policyId().equals("crd-installed-before-use")).isEmpty();
        assertThat(violations).filteredOn(v -> v.policyId().equals("implicit-consent-first-party")).isEmpty();
    }

    /** The same policy does see a provider of this model that keeps explicit consent: the clean verdict above is earned. */
    @Test
    void anExplicitConsentProviderIsWhatTheConsentPolicyReports() {
        var explicit = Blueprint.builder("explicit").add(new BlueprintObject.OAuth2Provider("p", "Grafana",
                BlueprintObject.ClientType.CONFIDENTIAL, "grafana", List.of(BlueprintObject.RedirectUri.strict("https://grafana.lan/cb")),
                null, Ref.flow(AuthentikChartKeys.EXPLICIT_CONSENT_FLOW), Ref.flow(AuthentikDefaults.PROVIDER_INVALIDATION_FLOW), List.of())).build();
        var p = new PlanRunner("citadel", "test", Map.of(), Set.of()).run(ctx ->
                new AuthentikFlow("f", AuthentikFlowArgs.builder().blueprint(explicit).build()));
        var resources = p.resources().stream().map(PolicyResource::of).toList();
        assertThat(new PolicyEngine(PolicyPack.policies(), PackConfig.empty()).analyzeStack(resources))
                .filteredOn(v -> v.policyId().equals("implicit-consent-first-party")).hasSize(1);
    }
}
