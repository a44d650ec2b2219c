package dev.citadel.authentik;

import java.util.Set;

/**
 * Objects every authentik installation has (its bundled {@code blueprints/default} and {@code system} blueprints),
 * which a {@code !Find} may name without a blueprint of the set creating them. Anything else a {@code !Find}
 * names must be created by a blueprint of the set, or the build fails: upstream, a {@code !Find} that matches
 * nothing sets the field to null and the run reports success (authentik#19715).
 */
public final class AuthentikDefaults {
    public static final String AUTHENTICATION_FLOW = "default-authentication-flow";
    public static final String INVALIDATION_FLOW = "default-invalidation-flow";
    public static final String PROVIDER_INVALIDATION_FLOW = "default-provider-invalidation-flow";
    public static final String IDENTIFICATION_STAGE = "default-authentication-identification";
    public static final String PASSWORD_STAGE = "default-authentication-password";
    public static final String LOGIN_STAGE = "default-authentication-login";
    public static final String SELF_SIGNED_CERTIFICATE = "authentik Self-signed Certificate";
    /** The outpost every authentik has (managed {@code goauthentik.io/outposts/embedded}). */
    public static final String EMBEDDED_OUTPOST = "authentik Embedded Outpost";
    public static final String SCOPE_OPENID = "goauthentik.io/providers/oauth2/scope-openid";
    public static final String SCOPE_EMAIL = "goauthentik.io/providers/oauth2/scope-email";
    public static final String SCOPE_PROFILE = "goauthentik.io/providers/oauth2/scope-profile";
    public static final String SCOPE_OFFLINE_ACCESS = "goauthentik.io/providers/oauth2/scope-offline_access";

    /** {@code model field value}, as a {@link Ref.Find} names them. */
    private static final Set<String> KNOWN = Set.of(
            key(Models.FLOW, "slug", AUTHENTICATION_FLOW),
            key(Models.FLOW, "slug", INVALIDATION_FLOW),
            key(Models.FLOW, "slug", PROVIDER_INVALIDATION_FLOW),
            key(Models.FLOW, "slug", dev.citadel.contract.AuthentikChartKeys.IMPLICIT_CONSENT_FLOW),
            key(Models.FLOW, "slug", dev.citadel.contract.AuthentikChartKeys.EXPLICIT_CONSENT_FLOW),
            key(Models.FLOW, "slug", "default-source-authentication"),
            key(Models.FLOW, "slug", "default-source-enrollment"),
            key(Models.FLOW, "slug", "default-source-pre-authentication"),
            key(Models.FLOW, "slug", "default-user-settings-flow"),
            key(Models.FLOW, "slug", "default-password-change"),
            key(Models.IDENTIFICATION_STAGE, "name", IDENTIFICATION_STAGE),
            key(Models.PASSWORD_STAGE, "name", PASSWORD_STAGE),
            key(Models.USER_LOGIN_STAGE, "name", LOGIN_STAGE),
            key(Models.CERTIFICATE, "name", SELF_SIGNED_CERTIFICATE),
            key(Models.SCOPE_MAPPING, "managed", SCOPE_OPENID),
            key(Models.SCOPE_MAPPING, "managed", SCOPE_EMAIL),
            key(Models.SCOPE_MAPPING, "managed", SCOPE_PROFILE),
            key(Models.SCOPE_MAPPING, "managed", SCOPE_OFFLINE_ACCESS),
            key(Models.GROUP, "name", "authentik Admins"),
            key(Models.OUTPOST, "name", EMBEDDED_OUTPOST));

    private AuthentikDefaults() {
    }

    public static boolean has(Ref.Find find) {
        return KNOWN.contains(key(find.model(), find.field(), find.value()));
    }

    static String key(String model, String field, String value) {
        return model + " " + field + " " + value;
    }
}
