package dev.citadel.identity;

import dev.citadel.provider.KeycloakAudienceMapper;
import dev.citadel.provider.KeycloakClientDefaultScopes;
import dev.citadel.provider.KeycloakClientOptionalScopes;
import dev.citadel.provider.KeycloakClientScope;
import dev.citadel.provider.KeycloakOpenidClient;

import java.util.List;
import java.util.Optional;

/** The managed target's clients: each as {@link RealmRepresentation} renders it for the import, field by field. */
final class ManagedClients {
    private final ManagedRealm realm;
    private final KeycloakClientScope groupsScope;

    ManagedClients(ManagedRealm realm, KeycloakClientScope groupsScope) {
        this.realm = realm;
        this.groupsScope = groupsScope;
    }

    void client(OidcClient c) {
        var base = realm.name() + "-client-" + c.clientId();
        var adoption = realm.adoption();
        var a = new KeycloakOpenidClient.Args().realmId(realm.realmId()).clientId(c.clientId()).name(c.name()).enabled(true)
                // Authorization code only: no implicit flow, no password grant, no service account; no consent screen.
                .standardFlowEnabled(true).implicitFlowEnabled(false).directAccessGrantsEnabled(false)
                .serviceAccountsEnabled(false).consentRequired(false)
                .validRedirectUris(c.redirectUris()).validPostLogoutRedirectUris(List.of("+"));
        if (!c.webOrigins().isEmpty()) {
            a.webOrigins(c.webOrigins());
        }
        if (c.access() instanceof ClientAccess.Confidential conf) {
            a.accessType("CONFIDENTIAL").clientAuthenticatorType("client-secret")
                    .clientSecret(realm.secret(conf.clientSecret(), "client '" + c.clientId() + "'"));
        } else {
            // A public client's code could be intercepted on the laptop; PKCE binds it to the process that asked.
            a.accessType("PUBLIC").pkceCodeChallengeMethod("S256");
        }
        var client = new KeycloakOpenidClient(base, a, realm.options(adoption.flatMap(x -> x.client(realm.realmName(), c.clientId()))).build());
        // A client made through the admin API starts with the realm's default and optional scopes: both sets are
        // written whole (these resources detach what they do not name), as the import lists them. They name the
        // groups scope, so they wait for it. The provider cannot import them: they are written as if new.
        new KeycloakClientDefaultScopes(base + "-default-scopes", new KeycloakClientDefaultScopes.Args()
                .realmId(realm.realmId()).clientId(client.id()).defaultScopes(RealmRepresentation.clientDefaultScopes(c)),
                realm.options(Optional.empty()).dependsOn(groupsScope).build());
        new KeycloakClientOptionalScopes(base + "-optional-scopes", new KeycloakClientOptionalScopes.Args()
                .realmId(realm.realmId()).clientId(client.id()).optionalScopes(c.optionalScopes()),
                realm.options(Optional.empty()).dependsOn(groupsScope).build());
        if (c.ownAudience()) {
            var mapper = RealmRepresentation.audienceMapperName(c.clientId());
            new KeycloakAudienceMapper(base + "-audience", new KeycloakAudienceMapper.Args()
                    .realmId(realm.realmId()).clientId(client.id()).name(mapper).includedClientAudience(c.clientId())
                    .addToIdToken(false).addToAccessToken(true).addToTokenIntrospection(true),
                    realm.options(adoption.flatMap(x -> x.clientMapper(realm.realmName(), c.clientId(), mapper))).build());
        }
    }
}
