package dev.citadel.authentik;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.citadel.authentik.ParsedBlueprint.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rendered blueprints have the shape authentik's blueprint schema (blueprints/schema.json) gives them, checked by
 * hand-written rules read from that schema for the models Citadel writes: top-level keys, version 1,
 * {@code metadata.name}, an entry's keys, the models of the schema's {@code model} const list, {@code identifiers}
 * required except for {@code metaapplyblueprint}, the states, each model's attribute names and enum values.
 */
class BlueprintSchemaShapeTest {
    static final Set<String> TOP_LEVEL = Set.of("version", "metadata", "context", "entries");
    static final Set<String> ENTRY_KEYS = Set.of("model", "id", "state", "conditions", "permissions", "attrs", "identifiers");
    static final Set<String> STATES = Set.of("absent", "created", "must_created", "present");

    /** Per model: its property names in the schema. */
    static final Map<String, Set<String>> PROPERTIES = Map.ofEntries(
            Map.entry(Models.FLOW, Set.of("name", "slug", "title", "designation", "background", "policy_engine_mode",
                    "compatibility_mode", "layout", "denied_action", "authentication")),
            Map.entry(Models.FLOW_STAGE_BINDING, Set.of("target", "stage", "evaluate_on_plan", "re_evaluate_policies", "order",
                    "policy_engine_mode", "invalid_response_action")),
            Map.entry(Models.OAUTH2_PROVIDER, Set.of("name", "authentication_flow", "authorization_flow", "invalidation_flow",
                    "property_mappings", "client_type", "grant_types", "client_id", "client_secret", "access_code_validity",
                    "access_token_validity", "refresh_token_validity", "refresh_token_threshold", "include_claims_in_id_token",
                    "signing_key", "encryption_key", "redirect_uris", "logout_uri", "logout_method", "sub_mode", "issuer_mode",
                    "jwt_federation_sources", "jwt_federation_providers")),
            Map.entry(Models.IDENTIFICATION_STAGE, Set.of("name", "user_fields", "password_stage", "captcha_stage",
                    "case_insensitive_matching", "show_matched_user", "enrollment_flow", "recovery_flow", "passwordless_flow",
                    "sources", "show_source_labels", "pretend_user_exists", "enable_remember_me", "webauthn_stage")),
            Map.entry(Models.USER_LOGIN_STAGE, Set.of("name", "session_duration", "terminate_other_sessions", "remember_me_offset",
                    "network_binding", "geoip_binding", "remember_device")),
            Map.entry(Models.META_APPLY_BLUEPRINT, Set.of("identifiers", "required")),
            Map.entry(Models.APPLICATION, Set.of("name", "slug", "provider", "backchannel_providers", "open_in_new_tab",
                    "meta_launch_url", "meta_icon", "meta_description", "meta_publisher", "policy_engine_mode", "group", "meta_hide", "icon")),
            Map.entry(Models.POLICY_BINDING, Set.of("policy", "group", "user", "target", "negate", "enabled", "order", "timeout",
                    "failure_result")),
            Map.entry(Models.CONSENT_STAGE, Set.of("name", "mode", "consent_expire_in")),
            Map.entry(Models.INVITATION_STAGE, Set.of("name", "continue_flow_without_invitation")),
            Map.entry(Models.USER_WRITE_STAGE, Set.of("name", "user_creation_mode", "create_users_as_inactive", "create_users_group",
                    "user_type", "user_path_template")),
            Map.entry(Models.PROMPT_STAGE, Set.of("name", "fields", "validation_policies")),
            Map.entry(Models.PROMPT, Set.of("name", "field_key", "label", "type", "required", "placeholder", "initial_value", "order",
                    "sub_text", "placeholder_expression", "initial_value_expression")),
            Map.entry(Models.EXPRESSION_POLICY, Set.of("name", "execution_logging", "expression")),
            Map.entry(Models.PASSWORD_STAGE, Set.of("name", "backends", "configure_flow", "failed_attempts_before_cancel",
                    "allow_show_password")),
            Map.entry(Models.GROUP, Set.of("name", "is_superuser", "parents", "attributes", "roles")),
            Map.entry(Models.OUTPOST, Set.of("name", "type", "providers", "service_connection", "config", "managed")),
            Map.entry(Models.OAUTH_SOURCE, Set.of("access_token_url", "additional_scopes", "authentication_flow",
                    "authorization_code_auth_method", "authorization_url", "consumer_key", "consumer_secret", "enabled", "enrollment_flow",
                    "group_matching_mode", "group_property_mappings", "icon", "name", "oidc_jwks", "oidc_jwks_url", "oidc_well_known_url",
                    "pkce", "policy_engine_mode", "profile_url", "promoted", "provider_type", "request_token_url", "slug",
                    "user_matching_mode", "user_path_template", "user_property_mappings")));

    /** Enum-valued properties: model.property → the schema's enum. */
    static final Map<String, Set<String>> ENUMS = Map.of(
            Models.OUTPOST + ".type", Set.of("proxy", "ldap", "radius", "rac"),
            Models.FLOW + ".designation", Set.of("authentication", "authorization", "invalidation", "enrollment", "unenrollment",
                    "recovery", "stage_configuration"),
            Models.FLOW + ".authentication", Set.of("none", "require_authenticated", "require_unauthenticated", "require_superuser",
                    "require_redirect", "require_outpost", "require_token"),
            Models.FLOW + ".layout", Set.of("stacked", "content_left", "content_right", "sidebar_left", "sidebar_right",
                    "sidebar_left_frame_background", "sidebar_right_frame_background"),
            Models.OAUTH2_PROVIDER + ".client_type", Set.of("confidential", "public"),
            Models.USER_WRITE_STAGE + ".user_creation_mode", Set.of("never_create", "create_when_required", "always_create"),
            Models.CONSENT_STAGE + ".mode", Set.of("always_require", "permanent", "expiring"),
            Models.PROMPT + ".type", Set.of("text", "text_area", "text_read_only", "text_area_read_only", "username", "email",
                    "password", "number", "checkbox"));

    static List<String> violations(ParsedBlueprint bp) {
        var out = new ArrayList<String>();
        var where = bp.file();
        bp.doc().keySet().stream().filter(k -> !TOP_LEVEL.contains(k)).forEach(k -> out.add(where + ": top-level key " + k));
        if (!Integer.valueOf(1).equals(bp.doc().get("version"))) {
            out.add(where + ": version " + bp.doc().get("version"));
        }
        if (!(bp.doc().get("metadata") instanceof Map<?, ?> m) || !(m.get("name") instanceof String)) {
            out.add(where + ": metadata.name missing");
        } else if (m.get("labels") instanceof Map<?, ?> labels && !labels.values().stream().allMatch(v -> v instanceof String)) {
            out.add(where + ": a metadata label is not a string");
        }
        var i = 0;
        for (var e : bp.entries()) {
            var at = where + " entries/" + i++;
            e.keySet().stream().filter(k -> !ENTRY_KEYS.contains(k)).forEach(k -> out.add(at + ": key " + k));
            var model = (String) e.get("model");
            var properties = PROPERTIES.get(model);
            if (properties == null) {
                out.add(at + ": model " + model + " not described here");
                continue;
            }
            if (!model.equals(Models.META_APPLY_BLUEPRINT) && !(e.get("identifiers") instanceof Map)) {
                out.add(at + ": identifiers required for " + model);
            }
            if (e.containsKey("state") && !STATES.contains(e.get("state"))) {
                out.add(at + ": state " + e.get("state"));
            }
            for (var part : List.of("identifiers", "attrs")) {
                if (e.get(part) == null) {
                    continue;
                }
                map(e, part).forEach((k, v) -> {
                    if (!properties.contains(k)) {
                        out.add(at + ": " + part + "." + k + " is not a property of " + model);
                    }
                    var allowed = ENUMS.get(model + "." + k);
                    if (allowed != null && !allowed.contains(v)) {
                        out.add(at + ": " + part + "." + k + " = " + v + " is not in the schema's enum");
                    }
                });
            }
            if (model.equals(Models.OAUTH2_PROVIDER) && e.get("attrs") != null && map(e, "attrs").get("redirect_uris") instanceof List<?> uris) {
                for (var u : uris) {
                    var uri = (Map<?, ?>) u;
                    if (!Set.of("matching_mode", "url").containsAll(uri.keySet()) || !Set.of("strict", "regex").contains(uri.get("matching_mode"))) {
                        out.add(at + ": redirect_uris entry " + uri);
                    }
                }
            }
            if (model.equals(Models.IDENTIFICATION_STAGE) && e.get("attrs") != null
                    && map(e, "attrs").get("user_fields") instanceof List<?> fields && !Set.of("email", "username", "upn").containsAll(fields)) {
                out.add(at + ": user_fields " + fields);
            }
        }
        return out;
    }

    @Test
    void everyBlueprintOfTheHomelabSetHasTheSchemasShape() {
        var files = Seed001.homelab().build().blueprints().files();
        var deps = Blueprint.builder("with-dependency").add(BlueprintObject.Deleted.flow("old-login")).dependsOn("citadel-one-screen-login").build();
        var withDependency = new BlueprintSet(List.of(Presets.oneScreenLogin(), deps)).files();
        var all = new java.util.LinkedHashMap<String, String>(files);
        all.putAll(withDependency);
        // Seed 001's outpost and the invitation flow with social login (in a set of their own: the homelab set has the plain one).
        new BlueprintSet(List.of(Presets.outpost(AuthentikDefaults.EMBEDDED_OUTPOST, "https://auth.homelab.lan", 2, "authentik"),
                Presets.invitationEnrollment(List.of("user"), List.of("google", "github")))).files()
                .forEach((k, v) -> all.put("social-set/" + k, v));
        assertThat(all).hasSize(13);
        all.forEach((k, v) -> assertThat(violations(ParsedBlueprint.parse(k, v))).as(k).isEmpty());
    }

    /** The checks find what the schema forbids: they are not vacuous. */
    @Test
    void theShapeChecksCatchWhatTheSchemaForbids() {
        var bad = ParsedBlueprint.parse("bad.yaml", String.join("\n",
                "version: 2",
                "metadata: {labels: {a: 1}}",
                "extra: true",
                "entries:",
                "- model: authentik_flows.flow",
                "  state: gone",
                "  identifiers: {slug: x}",
                "  attrs: {designation: login, colour: red}",
                "- model: authentik_flows.flowstagebinding",
                "  attrs: {order: 10}",
                "  identifer: {}",
                "- model: authentik_providers_oauth2.oauth2provider",
                "  identifiers: {name: p}",
                "  attrs: {redirect_uris: [{url: 'https://x', mode: strict}]}",
                ""));
        assertThat(violations(bad)).containsExactlyInAnyOrder(
                "bad.yaml: top-level key extra",
                "bad.yaml: version 2",
                "bad.yaml: metadata.name missing",
                "bad.yaml entries/0: state gone",
                "bad.yaml entries/0: attrs.designation = login is not in the schema's enum",
                "bad.yaml entries/0: attrs.colour is not a property of authentik_flows.flow",
                "bad.yaml entries/1: key identifer",
                "bad.yaml entries/1: identifiers required for authentik_flows.flowstagebinding",
                "bad.yaml entries/2: redirect_uris entry {url=https://x, mode=strict}");
    }
}
