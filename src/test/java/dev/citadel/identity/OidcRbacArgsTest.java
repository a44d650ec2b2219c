package dev.citadel.identity;

import org.junit.jupiter.api.Test;

import java.util.function.Function;

import static dev.citadel.identity.IdentityPlans.homelab;
import static dev.citadel.identity.IdentityPlans.homelabRealm;
import static dev.citadel.identity.IdentityPlans.rejection;
import static dev.citadel.identity.IdentityPlans.seed000;
import static org.assertj.core.api.Assertions.assertThat;

/** Seed 000's drift and privilege mistakes are refused at build(). */
class OidcRbacArgsTest {

    private static void assertRejected(Function<IdpContract, OidcRbacArgs.Builder> args, String... parts) {
        var e = rejection(() -> args.apply(homelabRealm()).build());
        assertThat(e.getMessage()).contains(parts);
    }

    private static void assertRejectedWithRealm(KeycloakRealmArgs realm, String clientId,
                                                Function<IdpContract, OidcRbacArgs.Builder> args, String... parts) {
        var e = rejection(() -> args.apply(realm.contract(clientId)).build());
        assertThat(e.getMessage()).contains(parts);
    }

    @Test
    void aNonHttpsIssuerIsRefused() {
        assertThat(rejection(() -> OidcRbacArgs.builder().issuer("http://idp.example.com/realms/x", "kubernetes", "admin")
                .bind("admin", "cluster-admin").apiServer(ApiServer.talos()).build()).getMessage())
                .contains("issuer", "http://idp.example.com/realms/x", "not https", "serve the IdP over https");
    }

    @Test
    void aTrailingSlashOnTheIssuerIsRefusedBecauseTheApiServerComparesItExactly() {
        assertThat(rejection(() -> OidcRbacArgs.builder().issuer("https://idp.example.com/realms/x/", "kubernetes", "admin")
                .bind("admin", "view").apiServer(ApiServer.talos()).build()).getMessage())
                .contains("ends with '/'", "https://idp.example.com/realms/x'");
    }

    @Test
    void aBindingForAGroupTheRealmDoesNotDefineIsRefused() {
        assertRejected(realm -> seed000(realm, ApiServer.talos()).bind("admins", "cluster-admin"),
                "bindings.admins:", "realm 'homelab' has no group 'admins'", "[admin, operator, developer, viewer, user]");
    }

    @Test
    void aPrefixedOrFullPathGroupNameIsCorrectedToThePlainName() {
        assertRejected(realm -> OidcRbacArgs.builder().idp(realm).bind("oidc:admin", "cluster-admin").apiServer(ApiServer.talos()),
                "oidc:admin", "plain name ('admin')", "added for you");
        assertRejected(realm -> OidcRbacArgs.builder().idp(realm).bind("/admin", "cluster-admin").apiServer(ApiServer.talos()),
                "/admin", "plain name ('admin')");
    }

    @Test
    void theRealmsCatchAllGroupBoundToClusterAdminIsRefused() {
        assertRejected(realm -> OidcRbacArgs.builder().idp(realm).bind("user", "cluster-admin").apiServer(ApiServer.talos()),
                "bindings.user:", "catch-all", "every new user joins it", "give 'user' view");
    }

    @Test
    void aGroupNamedLikeACatchAllBoundToClusterAdminIsRefusedEvenWithoutDefaultGroups() {
        assertThat(rejection(() -> OidcRbacArgs.builder().issuer("https://idp.example.com", "kubernetes", "everyone")
                .bind("everyone", "cluster-admin").apiServer(ApiServer.talos()).build()).getMessage())
                .contains("catch-all", "by its name");
    }

    @Test
    void systemGroupsAreNotIdpGroups() {
        assertRejected(realm -> OidcRbacArgs.builder().idp(realm).bind("system:authenticated", "view").apiServer(ApiServer.talos()),
                "system:authenticated", "Kubernetes system group");
    }

    @Test
    void aUsernameClaimOtherThanEmailNeedsAnExplicitPrefix() {
        assertRejected(realm -> seed000(realm, ApiServer.talos()).usernameClaim("preferred_username"),
                "usernameClaim is 'preferred_username'", "no usernamePrefix", "#alice", "usernamePrefix(\"oidc:\")");
        var ok = seed000(homelabRealm(), ApiServer.talos()).usernameClaim("preferred_username").usernamePrefix("-").build();
        assertThat(ok.contract().orElseThrow().usernamePrefix()).isEqualTo("-");
    }

    @Test
    void prefixesMayNotBeEmptyOrSystem() {
        assertRejected(realm -> seed000(realm, ApiServer.talos()).groupsPrefix(""), "groupsPrefix is empty", "system:masters");
        assertRejected(realm -> seed000(realm, ApiServer.talos()).groupsPrefix("-"), "groupsPrefix is '-'", "'oidc:'");
        assertRejected(realm -> seed000(realm, ApiServer.eks("dev")).groupsPrefix("system:oidc:"), "groupsPrefix is 'system:oidc:'", "EKS");
        assertRejected(realm -> seed000(realm, ApiServer.talos()).usernamePrefix("system:"), "usernamePrefix is 'system:'");
    }

    @Test
    void aKubeClientWithoutTheGroupsScopeIsRefusedBecauseUsersWouldGetForbidden() {
        assertRejectedWithRealm(homelab().client(OidcClient.kubernetesCli("kubectl").withoutScope("groups")).build(), "kubectl",
                realm -> OidcRbacArgs.builder().idp(realm).bind("admin", "cluster-admin").apiServer(ApiServer.talos()),
                "client 'kubectl'", "no 'groups' scope", "Forbidden", "seed 000");
    }

    @Test
    void aClientTheRealmDoesNotHaveIsRefused() {
        assertThat(rejection(() -> homelab().build().contract("kubelogin")).getMessage())
                .contains("realm 'homelab' has no client 'kubelogin'", "OidcClient.kubernetesCli(\"kubelogin\")");
    }

    @Test
    void bindingsTargetAndRolesAreRequiredAndSane() {
        assertRejected(realm -> OidcRbacArgs.builder().idp(realm).apiServer(ApiServer.talos()), "no bindings", "Forbidden");
        assertRejected(realm -> OidcRbacArgs.builder().idp(realm).bind("admin", "cluster-admin"), "apiServer is not set", "ApiServer.talos()");
        assertRejected(realm -> OidcRbacArgs.builder().idp(realm).bind("admin", "Cluster Admin").apiServer(ApiServer.talos()),
                "'Cluster Admin' is not a ClusterRole name");
        assertRejected(realm -> seed000(realm, ApiServer.talos()).bind("admin", "cluster-admin"), "given twice");
        assertRejected(realm -> seed000(realm, ApiServer.talos()).bind("admin", "view"), "group 'admin' is bound twice",
                "cluster-admin, view", "aggregate");
        assertRejected(realm -> seed000(realm, ApiServer.eks(" ")), "needs the EKS cluster name");
        assertThat(rejection(() -> OidcRbacArgs.builder().bind("admin", "view").apiServer(ApiServer.talos()).build()).getMessage())
                .contains("no identity provider", "idp(realm.contract())");
    }

    @Test
    void claimsMustBeNamedAndAgreeWithTheRealmsMapper() {
        assertRejected(realm -> seed000(realm, ApiServer.talos()).groupsClaim("roles"),
                "groupsClaim is 'roles'", "realm's group mapper writes 'groups'", "leave groupsClaim unset");
        assertRejected(realm -> seed000(realm, ApiServer.talos()).usernameClaim(" "), "usernameClaim is blank", "'email'");
        assertRejected(realm -> seed000(realm, ApiServer.talos()).groupsClaim(""), "groupsClaim is blank");
        var external = OidcRbacArgs.builder().issuer("https://cognito.example.com/pool", "kubernetes", "admins")
                .groupsClaim("cognito:groups").bind("admins", "cluster-admin").apiServer(ApiServer.eks("dev")).build();
        assertThat(external.contract().orElseThrow().groupsClaim()).isEqualTo("cognito:groups");
        assertThat(external.contract().orElseThrow().realm()).isEmpty();
    }

    @Test
    void withGoogleOpenToAnyAccountADefaultGroupMayNotBeBoundAtAll() {
        var open = homelab().google(GoogleIdentityProvider.of(IdentityPlans.GOOGLE_CLIENT_ID, IdentityPlans.GOOGLE_CLIENT_SECRET)).build();
        var e = rejection(() -> OidcRbacArgs.builder().idp(open.contract("kubernetes"))
                .bind("admin", "cluster-admin").bind("user", "view").apiServer(ApiServer.talos()).build());
        assertThat(e.getMessage()).contains("bindings.user:", "default group", "any Google account", "hostedDomain",
                "drop 'user' from defaultGroups");
    }

    @Test
    void twoGroupsThatWouldShareABindingNameAreNamed() {
        assertRejectedWithRealm(homelab().groups("admins").client(OidcClient.browser("x").withRedirectUris("https://x.lan/*")).build(),
                "kubernetes", realm -> OidcRbacArgs.builder().idp(realm).bind("admin", "cluster-admin").bind("admins", "view").apiServer(ApiServer.talos()),
                "groups 'admin' and 'admins'", "'oidc-cluster-admins'", "rename one");
    }

    /** With the IdP an Output (another stack's realm), what needs no IdP is still refused at build(). */
    @Test
    void withTheIdpAnOutputTheLocalMistakesAreStillRefusedAtBuild() {
        var later = com.pulumi.core.Output.of(homelabRealm());
        assertThat(rejection(() -> OidcRbacArgs.builder().idp(later).bind("everyone", "cluster-admin").apiServer(ApiServer.talos()).build())
                .getMessage()).contains("catch-all", "by its name");
        assertThat(rejection(() -> OidcRbacArgs.builder().idp(later).bind("admin", "view").groupsPrefix("system:").apiServer(ApiServer.talos())
                .build()).getMessage()).contains("groupsPrefix is 'system:'");
        var ok = OidcRbacArgs.builder().idp(later).bind("admin", "cluster-admin").apiServer(ApiServer.talos()).build();
        assertThat(ok.contract()).isEmpty();
        assertThat(ok.groupsPrefix()).isEqualTo("oidc:");
    }

    @Test
    void theKubeconfigUserNameMustBeUsable() {
        assertRejected(realm -> seed000(realm, ApiServer.talos()).kubeconfigUser("Dev Admin"), "kubeconfigUser", "Dev Admin");
    }
}
