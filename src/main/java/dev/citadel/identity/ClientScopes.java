package dev.citadel.identity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The client scopes a Citadel realm defines. A realm import that lists any client scope gets none of
 * Keycloak's built-in ones (measured on Keycloak 26.7: {@code profile} and {@code email} silently vanish
 * from every client, and without {@code basic} access tokens carry no {@code sub}), so the realm defines
 * the built-ins it relies on itself, with Keycloak's own mapper settings, plus {@code groups}.
 */
public final class ClientScopes {
    public static final String BASIC = "basic";
    public static final String PROFILE = "profile";
    public static final String EMAIL = "email";
    public static final String ROLES = "roles";
    public static final String WEB_ORIGINS = "web-origins";
    public static final String ACR = "acr";
    public static final String GROUPS = "groups";
    /** Created by Keycloak with every realm (with its role); not redefined here. */
    public static final String OFFLINE_ACCESS = "offline_access";

    /** The name of the group-membership mapper on {@link #GROUPS}. */
    static final String GROUPS_MAPPER = "groups";

    /** Scopes a client may name. */
    public static final Set<String> KNOWN = Set.of(BASIC, PROFILE, EMAIL, ROLES, WEB_ORIGINS, ACR, GROUPS, OFFLINE_ACCESS);
    /** Added to every client's default scopes: {@code sub} and {@code auth_time} come from {@code basic} since Keycloak 25. */
    static final List<String> ALWAYS = List.of(BASIC, ACR, WEB_ORIGINS);
    static final List<String> REALM_DEFAULTS = List.of(BASIC, PROFILE, EMAIL, ROLES, WEB_ORIGINS, ACR);

    private final String groupsClaim;

    /** @param groupsClaim the claim the group-membership mapper writes (the API server's groups claim) */
    ClientScopes(String groupsClaim) {
        this.groupsClaim = groupsClaim;
    }

    List<Map<String, Object>> definitions() {
        var scopes = new ArrayList<Map<String, Object>>();
        scopes.add(scope(BASIC, false, false,
                mapper("sub", "oidc-sub-mapper", tokens(false, true, false)),
                mapper("auth_time", "oidc-usersessionmodel-note-mapper",
                        with(tokens(true, true, false), "user.session.note", "AUTH_TIME", "claim.name", "auth_time", "jsonType.label", "long"))));
        scopes.add(scope(PROFILE, true, true,
                attribute("username", "username", "preferred_username"),
                attribute("given name", "firstName", "given_name"),
                attribute("family name", "lastName", "family_name"),
                mapper("full name", "oidc-full-name-mapper", tokens(true, true, true)),
                attribute("locale", "locale", "locale")));
        scopes.add(scope(EMAIL, true, true,
                attribute("email", "email", "email"),
                mapper("email verified", "oidc-usermodel-property-mapper",
                        with(tokens(true, true, true), "user.attribute", "emailVerified", "claim.name", "email_verified", "jsonType.label", "boolean"))));
        scopes.add(scope(ROLES, false, true,
                mapper("realm roles", "oidc-usermodel-realm-role-mapper",
                        with(tokens(false, true, false), "claim.name", "realm_access.roles", "jsonType.label", "String", "multivalued", "true")),
                mapper("client roles", "oidc-usermodel-client-role-mapper",
                        with(tokens(false, true, false), "claim.name", "resource_access.${client_id}.roles", "jsonType.label", "String", "multivalued", "true")),
                mapper("audience resolve", "oidc-audience-resolve-mapper", tokens(false, true, false))));
        scopes.add(scope(WEB_ORIGINS, false, false, mapper("allowed web origins", "oidc-allowed-origins-mapper", tokens(false, true, false))));
        scopes.add(scope(ACR, false, false, mapper("acr loa level", "oidc-acr-mapper", tokens(true, true, false))));
        // Seed 000: plain names ("admin", not "/admin": full path never matches a binding), in the ID token
        // (what kube-apiserver reads), the access token and userinfo.
        scopes.add(scope(GROUPS, true, true, mapper(GROUPS_MAPPER, "oidc-group-membership-mapper",
                with(tokens(true, true, true), "full.path", "false", "claim.name", groupsClaim))));
        return scopes;
    }

    @SafeVarargs
    private static Map<String, Object> scope(String name, boolean inTokenScope, boolean onConsentScreen, Map<String, Object>... mappers) {
        var s = new LinkedHashMap<String, Object>();
        s.put("name", name);
        s.put("protocol", "openid-connect");
        // Ordered maps only: realmJson is an output, and Map.of iterates differently in every JVM.
        var attributes = new LinkedHashMap<String, Object>();
        attributes.put("include.in.token.scope", String.valueOf(inTokenScope));
        attributes.put("display.on.consent.screen", String.valueOf(onConsentScreen));
        s.put("attributes", attributes);
        s.put("protocolMappers", List.of(mappers));
        return s;
    }

    private static Map<String, Object> attribute(String name, String userAttribute, String claim) {
        return mapper(name, "oidc-usermodel-attribute-mapper",
                with(tokens(true, true, true), "user.attribute", userAttribute, "claim.name", claim, "jsonType.label", "String"));
    }

    private static Map<String, Object> mapper(String name, String type, Map<String, String> config) {
        var m = new LinkedHashMap<String, Object>();
        m.put("name", name);
        m.put("protocol", "openid-connect");
        m.put("protocolMapper", type);
        m.put("config", config);
        return m;
    }

    private static Map<String, String> tokens(boolean idToken, boolean accessToken, boolean userinfo) {
        var c = new LinkedHashMap<String, String>();
        if (idToken) {
            c.put("id.token.claim", "true");
        }
        if (accessToken) {
            c.put("access.token.claim", "true");
        }
        if (userinfo) {
            c.put("userinfo.token.claim", "true");
        }
        c.put("introspection.token.claim", "true");
        return c;
    }

    private static Map<String, String> with(Map<String, String> config, String... pairs) {
        var c = new LinkedHashMap<>(config);
        for (int i = 0; i < pairs.length; i += 2) {
            c.put(pairs[i], pairs[i + 1]);
        }
        return c;
    }
}
