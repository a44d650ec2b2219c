package dev.citadel.authentik;

/** authentik's blueprint model names, as the blueprint schema's {@code model} enum spells them. */
public final class Models {
    public static final String FLOW = "authentik_flows.flow";
    public static final String FLOW_STAGE_BINDING = "authentik_flows.flowstagebinding";
    public static final String IDENTIFICATION_STAGE = "authentik_stages_identification.identificationstage";
    public static final String PASSWORD_STAGE = "authentik_stages_password.passwordstage";
    public static final String USER_LOGIN_STAGE = "authentik_stages_user_login.userloginstage";
    public static final String INVITATION_STAGE = "authentik_stages_invitation.invitationstage";
    public static final String PROMPT = "authentik_stages_prompt.prompt";
    public static final String PROMPT_STAGE = "authentik_stages_prompt.promptstage";
    public static final String USER_WRITE_STAGE = "authentik_stages_user_write.userwritestage";
    public static final String CONSENT_STAGE = "authentik_stages_consent.consentstage";
    public static final String EXPRESSION_POLICY = "authentik_policies_expression.expressionpolicy";
    public static final String POLICY_BINDING = "authentik_policies.policybinding";
    public static final String OAUTH2_PROVIDER = dev.citadel.contract.AuthentikChartKeys.OAUTH2_PROVIDER_MODEL;
    public static final String SCOPE_MAPPING = "authentik_providers_oauth2.scopemapping";
    public static final String APPLICATION = "authentik_core.application";
    public static final String GROUP = "authentik_core.group";
    public static final String CERTIFICATE = "authentik_crypto.certificatekeypair";
    public static final String OUTPOST = "authentik_outposts.outpost";
    public static final String OAUTH_SOURCE = "authentik_sources_oauth.oauthsource";
    public static final String META_APPLY_BLUEPRINT = "authentik_blueprints.metaapplyblueprint";

    public static final String ROLE = "authentik_rbac.role";

    /** Stage types as authentik's models name them ({@code authentik_stages_<type>.<type without _>stage}), schema 2026.8. */
    static final java.util.List<String> STAGE_TYPES = java.util.List.of("account_lockdown", "authenticator_duo",
            "authenticator_email", "authenticator_endpoint_gdtc", "authenticator_sms", "authenticator_static", "authenticator_totp",
            "authenticator_validate", "authenticator_webauthn", "captcha", "consent", "deny", "dummy", "email", "identification",
            "invitation", "password", "prompt", "redirect", "source", "user_delete", "user_login", "user_logout", "user_write");
    /** Policy types and their models, schema 2026.8. */
    static final java.util.Map<String, String> POLICY_TYPES = new java.util.TreeMap<>(java.util.Map.of(
            "dummy", "authentik_policies_dummy.dummypolicy",
            "event_matcher", "authentik_policies_event_matcher.eventmatcherpolicy",
            "expiry", "authentik_policies_expiry.passwordexpirypolicy",
            "expression", EXPRESSION_POLICY,
            "geoip", "authentik_policies_geoip.geoippolicy",
            "password", "authentik_policies_password.passwordpolicy",
            "reputation", "authentik_policies_reputation.reputationpolicy",
            "unique_password", "authentik_policies_unique_password.uniquepasswordpolicy"));

    private Models() {
    }

    /** The model of a stage type ({@code prompt} → {@code authentik_stages_prompt.promptstage}); an unknown type is refused. */
    static String stage(String type) {
        if (!STAGE_TYPES.contains(type)) {
            throw new IllegalArgumentException("stage type '" + type + "' is not one authentik has; use one of " + STAGE_TYPES);
        }
        return "authentik_stages_" + type + "." + type.replace("_", "") + "stage";
    }

    /** The model of a policy type ({@code expression} → {@code authentik_policies_expression.expressionpolicy}). */
    static String policy(String type) {
        var model = POLICY_TYPES.get(type);
        if (model == null) {
            throw new IllegalArgumentException("policy type '" + type + "' is not one authentik has; use one of " + POLICY_TYPES.keySet());
        }
        return model;
    }
}
