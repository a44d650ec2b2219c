package dev.citadel.identity;

import com.pulumi.test.Mocks;
import dev.citadel.provider.KeycloakAudienceMapper;
import dev.citadel.provider.KeycloakClientDefaultScopes;
import dev.citadel.provider.KeycloakClientOptionalScopes;
import dev.citadel.provider.KeycloakClientScope;
import dev.citadel.provider.KeycloakDefaultGroups;
import dev.citadel.provider.KeycloakGoogleIdentityProvider;
import dev.citadel.provider.KeycloakGroup;
import dev.citadel.provider.KeycloakGroupMembershipMapper;
import dev.citadel.provider.KeycloakOpenidClient;
import dev.citadel.provider.KeycloakRealmDefaultScopes;
import dev.citadel.provider.KeycloakRealmOptionalScopes;
import dev.citadel.provider.KeycloakRealmResource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One realm, said two ways, reduced to the same normalized view: what a user of the realm notices (every group with
 * its parent, default group, client, redirect URI, web origin, public/PKCE, scope assignment, mapper setting, IdP
 * setting, realm setting), in sorted maps, so two views are equal exactly when the renderings agree. The import view
 * is read from the KeycloakRealmImport's realm JSON; the managed view from the inputs the keycloak resources were
 * registered with (ids resolved to the objects they name). Secrets are shown as the Secret key they come from.
 */
final class RealmViews {
    /** Keycloak 26 creates these with every realm made through the admin API; the managed realm names them. */
    static final List<String> KEYCLOAK_BUILT_IN_SCOPES = dev.citadel.contract.KeycloakObjects.BUILT_IN_SCOPES;

    private RealmViews() {
    }

    // ---- the import rendering

    @SuppressWarnings("unchecked")
    static Map<String, Object> fromImport(Map<String, Object> spec, String namespace) {
        var realm = (Map<String, Object>) spec.get("realm");
        var placeholders = (Map<String, Map<String, Map<String, String>>>) spec.getOrDefault("placeholders", Map.of());
        var view = new TreeMap<String, Object>();
        var settings = new TreeMap<String, Object>();
        for (var key : List.of("displayName", "enabled", "sslRequired", "registrationAllowed", "loginWithEmailAllowed",
                "duplicateEmailsAllowed", "editUsernameAllowed", "defaultSignatureAlgorithm")) {
            settings.put(key, realm.get(key));
        }
        settings.put("name", realm.get("realm"));
        if (Boolean.TRUE.equals(realm.get("bruteForceProtected"))) {
            var brute = new TreeMap<String, Object>();
            brute.put("permanentLockout", realm.get("permanentLockout"));
            brute.put("maxLoginFailures", number(realm.get("failureFactor")));
            brute.put("waitIncrementSeconds", number(realm.get("waitIncrementSeconds")));
            brute.put("maxFailureWaitSeconds", number(realm.get("maxFailureWaitSeconds")));
            brute.put("failureResetTimeSeconds", number(realm.get("maxDeltaTimeSeconds")));
            brute.put("minimumQuickLoginWaitSeconds", number(realm.get("minimumQuickLoginWaitSeconds")));
            brute.put("quickLoginCheckMilliSeconds", number(realm.get("quickLoginCheckMilliSeconds")));
            settings.put("bruteForce", brute);
        }
        view.put("realm", settings);
        var groups = new TreeMap<String, Object>();
        var paths = new TreeMap<String, String>();
        importGroups((List<Map<String, Object>>) realm.get("groups"), "", groups, paths);
        view.put("groups", groups);
        var defaults = new TreeSet<String>();
        ((List<String>) realm.getOrDefault("defaultGroups", List.of())).forEach(p -> defaults.add(paths.get(p)));
        view.put("defaultGroups", defaults);
        view.put("realmDefaultScopes", new TreeSet<>((List<String>) realm.get("defaultDefaultClientScopes")));
        view.put("realmOptionalScopes", new TreeSet<>((List<String>) realm.get("defaultOptionalClientScopes")));
        var scopes = new TreeMap<String, Object>();
        for (var s : (List<Map<String, Object>>) realm.get("clientScopes")) {
            if (KEYCLOAK_BUILT_IN_SCOPES.contains(s.get("name"))) {
                continue;
            }
            var attributes = (Map<String, String>) s.get("attributes");
            var scope = new TreeMap<String, Object>();
            scope.put("protocol", s.get("protocol"));
            scope.put("includeInTokenScope", Boolean.valueOf(attributes.get("include.in.token.scope")));
            var mappers = new TreeMap<String, Object>();
            for (var m : (List<Map<String, Object>>) s.get("protocolMappers")) {
                var config = (Map<String, String>) m.get("config");
                mappers.put((String) m.get("name"), mapper((String) m.get("protocolMapper"), config));
            }
            scope.put("mappers", mappers);
            scopes.put((String) s.get("name"), scope);
        }
        view.put("scopes", scopes);
        var clients = new TreeMap<String, Object>();
        for (var c : (List<Map<String, Object>>) realm.get("clients")) {
            var attributes = (Map<String, String>) c.get("attributes");
            var client = new TreeMap<String, Object>();
            client.put("name", c.get("name"));
            client.put("enabled", c.get("enabled"));
            client.put("protocol", c.get("protocol"));
            client.put("public", c.get("publicClient"));
            client.put("pkce", attributes.getOrDefault("pkce.code.challenge.method", ""));
            client.put("authenticator", c.getOrDefault("clientAuthenticatorType", ""));
            client.put("secret", placeholder((String) c.get("secret"), placeholders, namespace));
            for (var flow : List.of("standardFlowEnabled", "implicitFlowEnabled", "directAccessGrantsEnabled", "serviceAccountsEnabled", "consentRequired")) {
                client.put(flow, c.get(flow));
            }
            client.put("redirectUris", new TreeSet<>((List<String>) c.get("redirectUris")));
            client.put("webOrigins", new TreeSet<>((List<String>) c.getOrDefault("webOrigins", List.of())));
            client.put("postLogoutRedirectUris", new TreeSet<>(List.of(attributes.get("post.logout.redirect.uris").split("##"))));
            client.put("defaultScopes", new TreeSet<>((List<String>) c.get("defaultClientScopes")));
            client.put("optionalScopes", new TreeSet<>((List<String>) c.get("optionalClientScopes")));
            var mappers = new TreeMap<String, Object>();
            for (var m : (List<Map<String, Object>>) c.getOrDefault("protocolMappers", List.of())) {
                mappers.put((String) m.get("name"), mapper((String) m.get("protocolMapper"), (Map<String, String>) m.get("config")));
            }
            client.put("mappers", mappers);
            clients.put((String) c.get("clientId"), client);
        }
        view.put("clients", clients);
        var idps = new TreeMap<String, Object>();
        for (var i : (List<Map<String, Object>>) realm.getOrDefault("identityProviders", List.of())) {
            var config = (Map<String, String>) i.get("config");
            var idp = new TreeMap<String, Object>();
            idp.put("displayName", i.get("displayName"));
            idp.put("providerId", i.get("providerId"));
            idp.put("enabled", i.get("enabled"));
            idp.put("trustEmail", i.get("trustEmail"));
            idp.put("firstBrokerLoginFlowAlias", i.get("firstBrokerLoginFlowAlias"));
            idp.put("syncMode", config.get("syncMode"));
            idp.put("defaultScope", config.get("defaultScope"));
            idp.put("hostedDomain", config.getOrDefault("hostedDomain", ""));
            idp.put("clientId", placeholder(config.get("clientId"), placeholders, namespace));
            idp.put("clientSecret", placeholder(config.get("clientSecret"), placeholders, namespace));
            idps.put((String) i.get("alias"), idp);
        }
        view.put("identityProviders", idps);
        return view;
    }

    @SuppressWarnings("unchecked")
    private static void importGroups(List<Map<String, Object>> groups, String parent, Map<String, Object> into, Map<String, String> paths) {
        for (var g : groups) {
            into.put((String) g.get("name"), parent);
            paths.put((String) g.get("path"), (String) g.get("name"));
            importGroups((List<Map<String, Object>>) g.getOrDefault("subGroups", List.of()), (String) g.get("name"), into, paths);
        }
    }

    private static Map<String, Object> mapper(String type, Map<String, String> config) {
        var m = new TreeMap<String, Object>();
        m.put("type", type);
        config.forEach((k, v) -> m.put(k, v));
        CLAIMS.forEach(claim -> m.putIfAbsent(claim, "false"));
        return m;
    }

    /** {@code ${NAME}} to the Secret key the operator fills it from. */
    private static String placeholder(String value, Map<String, Map<String, Map<String, String>>> placeholders, String namespace) {
        if (value == null) {
            return "";
        }
        var secret = placeholders.get(value.substring(2, value.length() - 1)).get("secret");
        return namespace + "/" + secret.get("name") + "[" + secret.get("key") + "]";
    }

    private static Object number(Object n) {
        return n == null ? null : ((Number) n).longValue();
    }

    // ---- the managed rendering

    /**
     * @param secretRefs the value each secret was given as, back to the Secret key it came from (the test gives
     *                   every ref a distinct value)
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> fromManaged(Collection<Mocks.ResourceArgs> resources, Map<String, String> secretRefs) {
        var byId = new TreeMap<String, Mocks.ResourceArgs>();
        resources.forEach(r -> byId.put(r.name + "-id", r));
        var view = new TreeMap<String, Object>();
        var realmIds = new TreeSet<String>();
        var realm = one(resources, KeycloakRealmResource.TYPE).inputs;
        var settings = new TreeMap<String, Object>();
        for (var key : List.of("displayName", "enabled", "sslRequired", "registrationAllowed", "loginWithEmailAllowed",
                "duplicateEmailsAllowed", "editUsernameAllowed", "defaultSignatureAlgorithm")) {
            settings.put(key, realm.get(key));
        }
        settings.put("name", realm.get("realm"));
        var defenses = (Map<String, Object>) realm.get("securityDefenses");
        if (defenses != null && defenses.get("bruteForceDetection") != null) {
            var brute = new TreeMap<String, Object>();
            ((Map<String, Object>) defenses.get("bruteForceDetection")).forEach((k, v) -> brute.put(k, v instanceof Number n ? (Object) n.longValue() : v));
            settings.put("bruteForce", brute);
        }
        view.put("realm", settings);
        var groups = new TreeMap<String, Object>();
        for (var g : of(resources, KeycloakGroup.TYPE)) {
            realmIds.add((String) g.inputs.get("realmId"));
            var parent = (String) g.inputs.get("parentId");
            groups.put((String) g.inputs.get("name"), parent == null ? "" : byId.get(parent).inputs.get("name"));
        }
        view.put("groups", groups);
        var defaults = new TreeSet<String>();
        for (var d : of(resources, KeycloakDefaultGroups.TYPE)) {
            realmIds.add((String) d.inputs.get("realmId"));
            ((List<String>) d.inputs.get("groupIds")).forEach(id -> defaults.add((String) byId.get(id).inputs.get("name")));
        }
        view.put("defaultGroups", defaults);
        view.put("realmDefaultScopes", scopeSet(resources, KeycloakRealmDefaultScopes.TYPE, "defaultScopes", realmIds));
        view.put("realmOptionalScopes", scopeSet(resources, KeycloakRealmOptionalScopes.TYPE, "optionalScopes", realmIds));
        var scopes = new TreeMap<String, Object>();
        for (var s : of(resources, KeycloakClientScope.TYPE)) {
            realmIds.add((String) s.inputs.get("realmId"));
            var scope = new TreeMap<String, Object>();
            scope.put("protocol", "openid-connect");
            scope.put("includeInTokenScope", s.inputs.get("includeInTokenScope"));
            scope.put("mappers", new TreeMap<String, Object>());
            scopes.put((String) s.inputs.get("name"), scope);
        }
        for (var m : of(resources, KeycloakGroupMembershipMapper.TYPE)) {
            realmIds.add((String) m.inputs.get("realmId"));
            var scope = (Map<String, Object>) scopes.get((String) byId.get((String) m.inputs.get("clientScopeId")).inputs.get("name"));
            var mapper = new TreeMap<String, Object>();
            mapper.put("type", "oidc-group-membership-mapper");
            mapper.put("claim.name", m.inputs.get("claimName"));
            mapper.put("full.path", String.valueOf(m.inputs.get("fullPath")));
            tokens(mapper, m.inputs, true);
            ((Map<String, Object>) scope.get("mappers")).put((String) m.inputs.get("name"), mapper);
        }
        view.put("scopes", scopes);
        var clients = new TreeMap<String, Object>();
        for (var c : of(resources, KeycloakOpenidClient.TYPE)) {
            var in = c.inputs;
            realmIds.add((String) in.get("realmId"));
            var client = new TreeMap<String, Object>();
            client.put("name", in.get("name"));
            client.put("enabled", in.get("enabled"));
            client.put("protocol", "openid-connect");
            client.put("public", "PUBLIC".equals(in.get("accessType")));
            client.put("pkce", in.getOrDefault("pkceCodeChallengeMethod", ""));
            client.put("authenticator", in.getOrDefault("clientAuthenticatorType", ""));
            client.put("secret", in.get("clientSecret") == null ? "" : secretRefs.getOrDefault((String) in.get("clientSecret"), "(unknown value)"));
            for (var flow : List.of("standardFlowEnabled", "implicitFlowEnabled", "directAccessGrantsEnabled", "serviceAccountsEnabled", "consentRequired")) {
                client.put(flow, in.get(flow));
            }
            client.put("redirectUris", new TreeSet<>((List<String>) in.get("validRedirectUris")));
            client.put("webOrigins", new TreeSet<>((List<String>) in.getOrDefault("webOrigins", List.of())));
            client.put("postLogoutRedirectUris", new TreeSet<>((List<String>) in.get("validPostLogoutRedirectUris")));
            client.put("defaultScopes", new TreeSet<String>());
            client.put("optionalScopes", new TreeSet<String>());
            client.put("mappers", new TreeMap<String, Object>());
            clients.put((String) in.get("clientId"), client);
        }
        for (var type : List.of(KeycloakClientDefaultScopes.TYPE, KeycloakClientOptionalScopes.TYPE)) {
            var field = type.equals(KeycloakClientDefaultScopes.TYPE) ? "defaultScopes" : "optionalScopes";
            for (var s : of(resources, type)) {
                realmIds.add((String) s.inputs.get("realmId"));
                var client = (Map<String, Object>) clients.get((String) byId.get((String) s.inputs.get("clientId")).inputs.get("clientId"));
                ((TreeSet<String>) client.get(field)).addAll((List<String>) s.inputs.get(field));
            }
        }
        for (var m : of(resources, KeycloakAudienceMapper.TYPE)) {
            realmIds.add((String) m.inputs.get("realmId"));
            var client = (Map<String, Object>) clients.get((String) byId.get((String) m.inputs.get("clientId")).inputs.get("clientId"));
            var mapper = new TreeMap<String, Object>();
            mapper.put("type", "oidc-audience-mapper");
            mapper.put("included.client.audience", m.inputs.get("includedClientAudience"));
            tokens(mapper, m.inputs, false);
            ((Map<String, Object>) client.get("mappers")).put((String) m.inputs.get("name"), mapper);
        }
        view.put("clients", clients);
        var idps = new TreeMap<String, Object>();
        for (var i : of(resources, KeycloakGoogleIdentityProvider.TYPE)) {
            var in = i.inputs;
            realmIds.add((String) in.get("realm"));
            var idp = new TreeMap<String, Object>();
            idp.put("displayName", in.get("displayName"));
            idp.put("providerId", in.get("providerId"));
            idp.put("enabled", in.get("enabled"));
            idp.put("trustEmail", in.get("trustEmail"));
            idp.put("firstBrokerLoginFlowAlias", in.get("firstBrokerLoginFlowAlias"));
            idp.put("syncMode", in.get("syncMode"));
            idp.put("defaultScope", in.get("defaultScopes"));
            idp.put("hostedDomain", in.getOrDefault("hostedDomain", ""));
            idp.put("clientId", secretRefs.getOrDefault((String) in.get("clientId"), "(unknown value)"));
            idp.put("clientSecret", secretRefs.getOrDefault((String) in.get("clientSecret"), "(unknown value)"));
            idps.put((String) in.get("alias"), idp);
        }
        view.put("identityProviders", idps);
        // Every object in the one realm: a resource naming another realm would be a silent split.
        if (!realmIds.equals(new TreeSet<>(List.of((String) realm.get("realm"))))) {
            view.put("realmIds", realmIds);
        }
        return view;
    }

    /** The four token claims, each "true" or "false" (the import leaves out the ones that are off). */
    static final List<String> CLAIMS = List.of("id.token.claim", "access.token.claim", "userinfo.token.claim", "introspection.token.claim");

    /** The mapper's token inputs as the claims they set; one left to the provider's default shows as such. */
    private static void tokens(Map<String, Object> mapper, Map<String, Object> in, boolean hasUserinfo) {
        var inputs = List.of("addToIdToken", "addToAccessToken", "addToUserinfo", "addToTokenIntrospection");
        for (int i = 0; i < CLAIMS.size(); i++) {
            var value = in.get(inputs.get(i));
            mapper.put(CLAIMS.get(i), !hasUserinfo && i == 2 ? "false" : value == null ? "(provider default)" : String.valueOf(value));
        }
    }

    @SuppressWarnings("unchecked")
    private static TreeSet<String> scopeSet(Collection<Mocks.ResourceArgs> resources, String type, String field, TreeSet<String> realmIds) {
        var r = one(resources, type);
        realmIds.add((String) r.inputs.get("realmId"));
        return new TreeSet<>((List<String>) r.inputs.get(field));
    }

    static List<Mocks.ResourceArgs> of(Collection<Mocks.ResourceArgs> resources, String type) {
        return resources.stream().filter(r -> r.type.equals(type)).toList();
    }

    private static Mocks.ResourceArgs one(Collection<Mocks.ResourceArgs> resources, String type) {
        var found = of(resources, type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + ", found " + found.size());
        }
        return found.get(0);
    }

    /** The paths at which two views differ, e.g. {@code clients.kubernetes.redirectUris}: empty when they agree. */
    @SuppressWarnings("unchecked")
    static List<String> differences(Object a, Object b, String path) {
        var found = new ArrayList<String>();
        if (a instanceof Map && b instanceof Map) {
            var keys = new TreeSet<String>(((Map<String, Object>) a).keySet());
            keys.addAll(((Map<String, Object>) b).keySet());
            for (var k : keys) {
                found.addAll(differences(((Map<String, Object>) a).get(k), ((Map<String, Object>) b).get(k), path.isEmpty() ? k : path + "." + k));
            }
        } else if (a == null ? b != null : !a.equals(b)) {
            found.add(path + ": import " + a + " / managed " + b);
        }
        return found;
    }
}
