package dev.citadel.identity;

import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.citadel.provider.KeycloakClientScope;
import dev.citadel.provider.KeycloakDefaultGroups;
import dev.citadel.provider.KeycloakGoogleIdentityProvider;
import dev.citadel.provider.KeycloakGroup;
import dev.citadel.provider.KeycloakGroupMembershipMapper;
import dev.citadel.provider.KeycloakProvider;
import dev.citadel.provider.KeycloakRealmDefaultScopes;
import dev.citadel.provider.KeycloakRealmOptionalScopes;
import dev.citadel.provider.KeycloakRealmResource;
import dev.citadel.secrets.SecretRef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The managed target's rendering: the realm of a {@link KeycloakRealmArgs} as resources of the Pulumi keycloak
 * provider, saying what {@link RealmRepresentation} says (the equivalence test holds them to it). A realm created
 * through the admin API, as the provider creates it, comes with Keycloak's built-in client scopes (basic, profile,
 * email, roles, web-origins, acr, offline_access, ...), and creating one of those again fails with 409 Conflict: so
 * only the scopes Keycloak lacks are created here ({@link #CREATED_SCOPES}), and clients name the built-ins. The
 * import rendering defines the built-ins itself, with Keycloak's own mapper settings, because a realm import that
 * lists any client scope gets none of the built-in ones.
 */
final class ManagedRealm {
    /** The client scopes Keycloak does not create with a realm; every other scope a client names is a built-in. */
    static final List<String> CREATED_SCOPES = dev.citadel.contract.KeycloakObjects.CREATED_SCOPES;

    private final Resource parent;
    private final String name;
    private final KeycloakRealmArgs args;
    private final RealmTarget.Managed target;
    private final Optional<RealmAdoption> adoption;
    private final String realmName;
    private KeycloakProvider provider;
    private Output<String> realmId;

    ManagedRealm(Resource parent, String name, KeycloakRealmArgs args, RealmTarget.Managed target) {
        this.parent = parent;
        this.name = name;
        this.args = args;
        this.target = target;
        this.adoption = target.adoption();
        this.realmName = args.realm();
    }

    /** @param settings the realm's settings as {@link RealmRepresentation} writes them */
    void render(Map<String, Object> settings) {
        provider = new KeycloakProvider(name + "-keycloak", target.connection().providerArgs(args.keycloakUrlOutput()),
                CustomResourceOptions.builder().parent(parent).build());
        // The realm holds the users, which Citadel does not declare: deleting the component (or moving back to the
        // import target) must leave it in Keycloak, as the operator's import does (seed 002's realm holds its users).
        var realm = new KeycloakRealmResource(name + "-realm", realmArgs(settings),
                options(adoption.map(a -> RealmAdoption.realm(realmName))).retainOnDelete(true).build());
        realmId = realm.realm();
        var groupIds = new LinkedHashMap<String, Output<String>>();
        groups(args.groups(), Optional.empty(), groupIds);
        if (!args.defaultGroups().isEmpty()) {
            var ids = args.defaultGroups().stream().map(groupIds::get).toList();
            new KeycloakDefaultGroups(name + "-default-groups", new KeycloakDefaultGroups.Args().realmId(realmId).groupIds(Output.all(ids)),
                    options(adoption.map(a -> realmName)).build());
        }
        var groupsScope = groupsScope();
        new KeycloakRealmDefaultScopes(name + "-realm-default-scopes",
                new KeycloakRealmDefaultScopes.Args().realmId(realmId).defaultScopes(ClientScopes.REALM_DEFAULTS),
                options(adoption.map(a -> realmName)).build());
        new KeycloakRealmOptionalScopes(name + "-realm-optional-scopes",
                new KeycloakRealmOptionalScopes.Args().realmId(realmId).optionalScopes(List.of(ClientScopes.OFFLINE_ACCESS)),
                options(adoption.map(a -> realmName)).build());
        var clients = new ManagedClients(this, groupsScope);
        args.clients().forEach(clients::client);
        args.google().ifPresent(this::google);
    }

    private static KeycloakRealmResource.Args realmArgs(Map<String, Object> s) {
        var r = new KeycloakRealmResource.Args()
                .realm((String) s.get("realm"))
                .displayName((String) s.get("displayName"))
                .enabled((Boolean) s.get("enabled"))
                .sslRequired((String) s.get("sslRequired"))
                .registrationAllowed((Boolean) s.get("registrationAllowed"))
                .loginWithEmailAllowed((Boolean) s.get("loginWithEmailAllowed"))
                .duplicateEmailsAllowed((Boolean) s.get("duplicateEmailsAllowed"))
                .editUsernameAllowed((Boolean) s.get("editUsernameAllowed"))
                .defaultSignatureAlgorithm((String) s.get("defaultSignatureAlgorithm"));
        if (Boolean.TRUE.equals(s.get("bruteForceProtected"))) {
            // The provider's names for RealmRepresentation's brute-force fields (a block present = protection on).
            var detection = new LinkedHashMap<String, Object>();
            detection.put("permanentLockout", s.get("permanentLockout"));
            detection.put("maxLoginFailures", s.get("failureFactor"));
            detection.put("waitIncrementSeconds", s.get("waitIncrementSeconds"));
            detection.put("maxFailureWaitSeconds", s.get("maxFailureWaitSeconds"));
            detection.put("failureResetTimeSeconds", s.get("maxDeltaTimeSeconds"));
            detection.put("minimumQuickLoginWaitSeconds", s.get("minimumQuickLoginWaitSeconds"));
            detection.put("quickLoginCheckMilliSeconds", s.get("quickLoginCheckMilliSeconds"));
            r.securityDefenses(Map.of("bruteForceDetection", detection));
        }
        return r;
    }

    private void groups(List<Group> groups, Optional<Output<String>> parentId, Map<String, Output<String>> ids) {
        for (var g : groups) {
            var a = new KeycloakGroup.Args().realmId(realmId).name(g.name());
            parentId.ifPresent(a::parentId);
            var group = new KeycloakGroup(name + "-group-" + g.name(), a,
                    options(adoption.flatMap(x -> x.group(realmName, g.name()))).build());
            ids.put(g.name(), group.id());
            groups(g.subGroups(), Optional.of(group.id()), ids);
        }
    }

    /** The {@code groups} scope and its mapper, as {@link ClientScopes} defines them for the import. */
    private KeycloakClientScope groupsScope() {
        var scope = new KeycloakClientScope(name + "-scope-" + ClientScopes.GROUPS, new KeycloakClientScope.Args()
                .realmId(realmId).name(ClientScopes.GROUPS).includeInTokenScope(true),
                options(adoption.flatMap(a -> a.clientScope(realmName, ClientScopes.GROUPS))).build());
        // Seed 000: plain names ("admin", not "/admin"), in the ID token (what kube-apiserver reads), the access token
        // and userinfo.
        new KeycloakGroupMembershipMapper(name + "-scope-" + ClientScopes.GROUPS + "-mapper", new KeycloakGroupMembershipMapper.Args()
                .realmId(realmId).clientScopeId(scope.id()).name(ClientScopes.GROUPS_MAPPER).claimName(RealmRepresentation.GROUPS_CLAIM)
                .fullPath(false).addToIdToken(true).addToAccessToken(true).addToUserinfo(true).addToTokenIntrospection(true),
                options(adoption.flatMap(a -> a.scopeMapper(realmName, ClientScopes.GROUPS, ClientScopes.GROUPS_MAPPER))).build());
        return scope;
    }

    private void google(GoogleIdentityProvider g) {
        var google = new KeycloakGoogleIdentityProvider.Args()
                .realm(realmId).alias(GoogleIdentityProvider.ALIAS).displayName("Google").providerId("google").enabled(true)
                .clientId(secret(g.clientId(), "google.clientId")).clientSecret(secret(g.clientSecret(), "google.clientSecret"))
                .trustEmail(true).syncMode("IMPORT").defaultScopes("openid profile email")
                .firstBrokerLoginFlowAlias("first broker login");
        g.hostedDomain().ifPresent(google::hostedDomain);
        new KeycloakGoogleIdentityProvider(name + "-google", google, options(adoption.flatMap(a -> a.google(realmName))).build());
    }

    /** The value behind {@code ref}; {@code KeycloakRealmArgs.build()} made sure there is one. */
    Output<String> secret(SecretRef ref, String where) {
        return target.secrets().value(ref).orElseThrow(() -> new IllegalArgumentException(where + ": no secret given to the managed "
                + "target holds " + ref + "; pass the VaultBackedSecret that syncs it in SecretValues.of(...)"));
    }

    /** A child on the realm's provider; imported under {@code importId} when the object exists already. */
    CustomResourceOptions.Builder options(Optional<String> importId) {
        var b = CustomResourceOptions.builder().parent(parent).provider(provider);
        importId.ifPresent(b::importId);
        return b;
    }

    String name() {
        return name;
    }

    String realmName() {
        return realmName;
    }

    Output<String> realmId() {
        return realmId;
    }

    Optional<RealmAdoption> adoption() {
        return adoption;
    }
}
