package dev.citadel.identity;

import org.junit.jupiter.api.Test;

import static dev.citadel.identity.IdentityPlans.homelab;
import static dev.citadel.identity.IdentityPlans.rejection;
import static org.assertj.core.api.Assertions.assertThat;

/** Every realm mistake is refused at build(), naming the field, the bad value and the fix. */
class KeycloakRealmArgsTest {

    private static void assertRejected(java.util.function.Function<dev.citadel.secrets.VaultBackedSecret, ?> build, String... parts) {
        assertThat(rejection(build).getMessage()).contains(parts);
    }

    @Test
    void plainHttpKeycloakIsRefusedBecauseTheApiServerNeedsAnHttpsIssuer() {
        assertRejected(g -> homelab(g).keycloakUrl("http://sso.homelab.lan").build(),
                "keycloakUrl", "http://sso.homelab.lan", "https", "seed 000");
    }

    @Test
    void aUrlThatAlreadyNamesARealmIsRefused() {
        assertRejected(g -> homelab(g).keycloakUrl("https://sso.homelab.lan/realms/homelab").build(),
                "keycloakUrl", "/realms", "base URL");
    }

    @Test
    void missingUrlNamespaceAndBadNames() {
        assertRejected(g -> homelab(g).keycloakUrl(null).build(), "keycloakUrl is not set", "https://sso.example.com");
        assertRejected(g -> homelab(g).namespace("Identity").build(), "namespace", "Identity", "DNS-1123");
        assertRejected(g -> homelab(g).realm("home lab").build(), "realm", "home lab", "e.g. 'homelab'");
        assertRejected(g -> homelab(g).realm("master").build(), "realm", "master", "its own realm");
        assertRejected(g -> homelab(g).keycloakCr("Keycloak_1").build(), "keycloakCr", "Keycloak_1");
    }

    @Test
    void aGroupNameUsedTwiceAnywhereInTheTreeIsRefusedBecauseTokensCarryPlainNames() {
        assertRejected(g -> homelab(g).groups(Group.of("platform", Group.of("admin"))).build(),
                "groups.platform", "'admin' is defined twice", "rename one");
    }

    @Test
    void groupNamesWithSlashesOrBlanksAreRefused() {
        assertRejected(g -> homelab(g).groups(Group.of("/ops")).build(), "'/ops'", "without '/'");
        assertRejected(g -> homelab(g).groups(Group.of(" ")).build(), "group name", "non-blank");
    }

    @Test
    void tooDeeplyNestedGroupsAreRefusedBeforeTheCrdWouldDropThem() {
        var deep = Group.of("g9");
        for (int i = 8; i >= 1; i--) {
            deep = Group.of("g" + i, deep);
        }
        var tree = deep;
        assertRejected(g -> homelab(g).groups(tree).build(), "g9", "at most 8", "flatten");
    }

    @Test
    void aDefaultGroupTheRealmDoesNotHaveIsRefused() {
        assertRejected(g -> homelab(g).defaultGroups("everyone").build(), "defaultGroups", "everyone", "add it with groups");
    }

    @Test
    void clientsAreRequiredUniqueAndUseDefinedScopes() {
        assertRejected(g -> KeycloakRealmArgs.builder().keycloakUrl("https://sso.x.lan").namespace("identity").realm("x").build(),
                "no clients", "OidcClient.kubernetesCli()");
        assertRejected(g -> homelab(g).client(OidcClient.kubernetesCli()).build(), "client 'kubernetes'", "twice");
        assertRejected(g -> homelab(g).client(OidcClient.browser("app").withRedirectUris("https://app.x.lan/*")
                .withDefaultScopes("profile", "group")).build(), "client 'app'", "scope 'group'", "groups");
        assertRejected(g -> homelab(g).client(OidcClient.browser("has space").withRedirectUris("https://a.lan/*")).build(),
                "client id 'has space'");
    }

    @Test
    void redirectUrisMustNameTheirHostAndBeHttpsUnlessLocal() {
        assertRejected(g -> homelab(g).client(OidcClient.browser("app")).build(), "client 'app'", "no redirect URIs", "withRedirectUris");
        assertRejected(g -> homelab(g).client(OidcClient.browser("app").withRedirectUris("https://*.example.com/cb")).build(),
                "https://*.example.com/cb", "wildcard host");
        assertRejected(g -> homelab(g).client(OidcClient.browser("app").withRedirectUris("*")).build(), "'*'", "absolute URI");
        assertRejected(g -> homelab(g).client(OidcClient.browser("app").withRedirectUris("http://app.example.com/cb")).build(),
                "http://app.example.com/cb", "not https", "localhost");
    }

    @Test
    void aSecretNotSyncedToTheRealmsNamespaceCannotBeReadByTheOperator() {
        var e = rejection(g -> {
            var elsewhere = new dev.citadel.secrets.VaultBackedSecret("google-elsewhere", dev.citadel.secrets.VaultBackedSecretArgs.builder()
                    .store(dev.citadel.secrets.SecretStoreRef.cluster("vault-kv", "secret")).path("identity/g2")
                    .value("clientId", "x").value("clientSecret", "y").syncTo("auth").build(), null);
            return homelab(g).google(GoogleIdentityProvider.fromSecret(elsewhere)).build();
        });
        assertThat(e.getMessage()).contains("google", "google-elsewhere", "not synced", "'identity'", "syncTo(\"identity\")");
    }

    @Test
    void aSecretWithoutTheNamedKeyIsRefused() {
        assertRejected(g -> homelab(g).google(GoogleIdentityProvider.fromSecret(g).withKeys("id", "clientSecret")).build(),
                "google", "no key 'id'", "clientId, clientSecret");
        assertRejected(g -> homelab(g).google(GoogleIdentityProvider.fromSecret(g).withHostedDomain("not a domain")).build(),
                "hostedDomain", "not a domain");
    }

    @Test
    void aBlankDisplayNameOrAMissingApiIsRefused() {
        assertRejected(g -> homelab(g).displayName(" ").build(), "displayName is blank", "leave it unset");
        assertRejected(g -> homelab(g).api(null).build(), "api is null", "V2ALPHA1");
        assertRejected(g -> homelab(g).keycloakUrl("https://sso lan").build(), "keycloakUrl", "https://sso lan", "not a URL");
    }

    @Test
    void clientIdsThatWouldShareASecretPlaceholderAreRefused() {
        var e = rejection(g -> {
            var s = new dev.citadel.secrets.VaultBackedSecret("apps-oidc", dev.citadel.secrets.VaultBackedSecretArgs.builder()
                    .store(dev.citadel.secrets.SecretStoreRef.cluster("vault-kv", "secret")).path("identity/apps")
                    .generate("a").generate("b").syncTo("identity").build(), null);
            return homelab(g).client(OidcClient.web("team-app", s, "a").withRedirectUris("https://a.lan/*"))
                    .client(OidcClient.web("team.app", s, "b").withRedirectUris("https://b.lan/*")).build();
        });
        assertThat(e.getMessage()).contains("client 'team.app'", "'team-app'", "CLIENT_TEAM_APP_SECRET", "rename one");
    }

    @Test
    void aValidRealmBuilds() {
        var built = new java.util.concurrent.atomic.AtomicReference<KeycloakRealmArgs>();
        IdentityPlans.plan(ctx -> built.set(homelab(IdentityPlans.googleOauth("identity")).build()));
        assertThat(built.get().groupNames()).containsExactly("admin", "operator", "developer", "viewer", "user");
        assertThat(built.get().displayName()).isEqualTo("Homelab");
    }
}
