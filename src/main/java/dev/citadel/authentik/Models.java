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

    private Models() {
    }
}
