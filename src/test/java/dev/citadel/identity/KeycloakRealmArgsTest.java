package dev.citadel.identity;

import org.junit.jupiter.api.Test;

import static dev.citadel.identity.IdentityPlans.homelab;
import static dev.citadel.identity.IdentityPlans.rejection;
import static org.assertj.core.api.Assertions.assertThat;

/** Every realm mistake is refused at build(), naming the field, the bad value and the fix. */
class KeycloakRealmArgsTest {

    private static void assertRejected(java.util.function.Supplier<?> build, String... parts) {
        assertThat(rejection(build).getMessage()).contains(parts);
    }

    @Test
    void plainHttpKeycloakIsRefusedBecauseTheApiServerNeedsAnHttpsIssuer() {
        assertRejected(() -> homelab().keycloakUrl("http://sso.homelab.lan").build(),
                "keycloakUrl", "http://sso.homelab.lan", "https", "seed 000");
    }

    @Test
    void aUrlThatAlreadyNamesARealmIsRefused() {
        assertRejected(() -> homelab().keycloakUrl("https://sso.homelab.lan/realms/homelab").build(),
                "keycloakUrl", "/realms", "base URL");
    }

    @Test
    void missingUrlNamespaceAndBadNames() {
        assertRejected(() -> homelab().keycloakUrl((String) null).build(), "keycloakUrl is not set", "https://sso.example.com");
        assertRejected(() -> homelab().namespace("Identity").build(), "namespace", "Identity", "DNS-1123");
        assertRejected(() -> homelab().realm("home lab").build(), "realm", "home lab", "e.g. 'homelab'");
        assertRejected(() -> homelab().realm("master").build(), "realm", "master", "its own realm");
        assertRejected(() -> homelab().keycloakCr("Keycloak_1").build(), "keycloakCr", "Keycloak_1");
    }

    @Test
    void aGroupNameUsedTwiceAnywhereInTheTreeIsRefusedBecauseTokensCarryPlainNames() {
        assertRejected(() -> homelab().groups(Group.of("platform", Group.of("admin"))).build(),
                "groups.platform", "'admin' is defined twice", "rename one");
    }

    @Test
    void groupNamesWithSlashesOrBlanksAreRefused() {
        assertRejected(() -> homelab().groups(Group.of("/ops")).build(), "'/ops'", "without '/'");
        assertRejected(() -> homelab().groups(Group.of(" ")).build(), "group name", "non-blank");
    }

    @Test
    void tooDeeplyNestedGroupsAreRefusedBeforeTheCrdWouldDropThem() {
        var deep = Group.of("g9");
        for (int i = 8; i >= 1; i--) {
            deep = Group.of("g" + i, deep);
        }
        var tree = deep;
        assertRejected(() -> homelab().groups(tree).build(), "g9", "at most 8", "flatten");
    }

    @Test
    void aDefaultGroupTheRealmDoesNotHaveIsRefused() {
        assertRejected(() -> homelab().defaultGroups("everyone").build(), "defaultGroups", "everyone", "add it with groups");
    }

    @Test
    void clientsAreRequiredUniqueAndUseDefinedScopes() {
        assertRejected(() -> KeycloakRealmArgs.builder().keycloakUrl("https://sso.x.lan").namespace("identity").realm("x").build(),
                "no clients", "OidcClient.kubernetesCli()");
        assertRejected(() -> homelab().client(OidcClient.kubernetesCli()).build(), "client 'kubernetes'", "twice");
        assertRejected(() -> homelab().client(OidcClient.browser("app").withRedirectUris("https://app.x.lan/*")
                .withDefaultScopes("profile", "group")).build(), "client 'app'", "scope 'group'", "groups");
        assertRejected(() -> homelab().client(OidcClient.browser("has space").withRedirectUris("https://a.lan/*")).build(),
                "client id 'has space'");
    }

    @Test
    void redirectUrisMustNameTheirHostAndBeHttpsUnlessLocal() {
        assertRejected(() -> homelab().client(OidcClient.browser("app")).build(), "client 'app'", "no redirect URIs", "withRedirectUris");
        assertRejected(() -> homelab().client(OidcClient.browser("app").withRedirectUris("https://*.example.com/cb")).build(),
                "https://*.example.com/cb", "wildcard host");
        assertRejected(() -> homelab().client(OidcClient.browser("app").withRedirectUris("*")).build(), "'*'", "absolute URI");
        assertRejected(() -> homelab().client(OidcClient.browser("app").withRedirectUris("http://app.example.com/cb")).build(),
                "http://app.example.com/cb", "not https", "localhost");
    }

    @Test
    void aSecretInAnotherNamespaceCannotBeReadByTheOperator() {
        var elsewhere = dev.citadel.secrets.SecretRef.of("auth", "google-elsewhere", "clientId");
        assertRejected(() -> homelab().google(GoogleIdentityProvider.of(elsewhere, elsewhere.withKey("clientSecret"))).build(),
                "google.clientId", "auth/google-elsewhere", "not in the realm's namespace 'identity'", "syncTo(\"identity\")");
        assertRejected(() -> homelab().google(GoogleIdentityProvider.of(IdentityPlans.GOOGLE_CLIENT_ID, null)).build(),
                "google.clientSecret", "null", "ref(\"identity\", \"clientSecret\")");
    }

    @Test
    void aHostedDomainMustBeADomain() {
        assertRejected(() -> homelab().google(GoogleIdentityProvider.of(IdentityPlans.GOOGLE_CLIENT_ID, IdentityPlans.GOOGLE_CLIENT_SECRET)
                        .withHostedDomain("not a domain")).build(), "hostedDomain", "not a domain");
    }

    @Test
    void aBlankDisplayNameOrAMissingApiIsRefused() {
        assertRejected(() -> homelab().displayName(" ").build(), "displayName is blank", "leave it unset");
        assertRejected(() -> homelab().api(null).build(), "api is null", "V2ALPHA1");
        assertRejected(() -> homelab().keycloakUrl("https://sso lan").build(), "keycloakUrl", "https://sso lan", "not a URL");
    }

    @Test
    void clientIdsThatWouldShareASecretPlaceholderAreRefused() {
        var s = dev.citadel.secrets.SecretRef.of("identity", "apps-oidc", "a");
        var e = rejection(() -> homelab().client(OidcClient.web("team-app", s).withRedirectUris("https://a.lan/*"))
                .client(OidcClient.web("team.app", s.withKey("b")).withRedirectUris("https://b.lan/*")).build());
        assertThat(e.getMessage()).contains("client 'team.app'", "'team-app'", "CLIENT_TEAM_APP_SECRET", "rename one");
    }

    @Test
    void aValidRealmBuilds() {
        var built = homelab().build();
        assertThat(built.groupNames()).containsExactly("admin", "operator", "developer", "viewer", "user");
        assertThat(built.displayName()).isEqualTo("Homelab");
        assertThat(built.contract("kubernetes").issuerUrl()).isEqualTo("https://sso.homelab.lan/realms/homelab");
        assertThat(built.contract("kubernetes").defaultGroups()).containsExactly("user");
    }

    /** With the URL an Output, build() cannot know the issuer: the plain contract says where to get it instead. */
    @Test
    void withTheKeycloakUrlAnOutputThePlainContractPointsToTheOutputOne() {
        var args = homelab().keycloakUrl(com.pulumi.core.Output.of("https://sso.homelab.lan")).build();
        assertThat(args.keycloakUrl()).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> args.contract("kubernetes"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("contractOutput");
        assertThat(rejection(() -> args.contractOutput("kubelogin")).getMessage()).contains("has no client 'kubelogin'");
    }
}
