package dev.citadel.contract;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What KeycloakRealm's managed target and the policies that read a realm (gateway-auth-contract, oidc-rbac-contract)
 * agree on: the pulumi-keycloak type tokens a managed realm is made of, and the claims of Keycloak's built-in client
 * scopes, which a managed realm names but does not render (Keycloak creates them with the realm), so a policy cannot
 * read their mappers from the plan as it reads an import's.
 */
public final class KeycloakObjects {
    public static final String REALM = "keycloak:index/realm:Realm";
    public static final String GROUP = "keycloak:index/group:Group";
    public static final String CLIENT = "keycloak:openid/client:Client";
    public static final String CLIENT_SCOPE = "keycloak:openid/clientScope:ClientScope";
    public static final String CLIENT_DEFAULT_SCOPES = "keycloak:openid/clientDefaultScopes:ClientDefaultScopes";
    public static final String GROUP_MEMBERSHIP_MAPPER = "keycloak:openid/groupMembershipProtocolMapper:GroupMembershipProtocolMapper";
    public static final String AUDIENCE_MAPPER = "keycloak:openid/audienceProtocolMapper:AudienceProtocolMapper";

    /**
     * The claims each built-in scope of a Keycloak 26 realm puts in an access token, as Keycloak creates the scope (the
     * import rendering defines the same mappers itself; a test holds the two to each other).
     */
    public static final Map<String, Set<String>> BUILT_IN_SCOPE_CLAIMS = Map.of(
            "basic", Set.of("sub", "auth_time"),
            "profile", Set.of("preferred_username", "given_name", "family_name", "name", "locale"),
            "email", Set.of("email", "email_verified"),
            "roles", Set.of("realm_access.roles", "resource_access.${client_id}.roles"),
            "web-origins", Set.of("allowed-origins"),
            "acr", Set.of("acr"),
            "offline_access", Set.of());

    /** The built-in scopes, in the order Keycloak lists them. */
    public static final List<String> BUILT_IN_SCOPES = List.of("basic", "profile", "email", "roles", "web-origins", "acr", "offline_access");

    /**
     * A KeycloakRealm's {@code target} output and stack setting: {@code citadel verify --realm-drift} reads the output
     * to say, for an import-target realm, that the operator will never apply the difference it found.
     */
    public static final String TARGET_IMPORT = "import";
    public static final String TARGET_MANAGED = "managed";

    /**
     * The client scopes a managed realm creates itself, Keycloak lacking them: the only scopes it adopts by id
     * ({@code citadel realm-ids} prints exactly these), every other scope a client names being a built-in.
     */
    public static final List<String> CREATED_SCOPES = List.of("groups");

    private KeycloakObjects() {
    }
}
