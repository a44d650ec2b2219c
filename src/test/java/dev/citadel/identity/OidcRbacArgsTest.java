package dev.citadel.identity;

import org.junit.jupiter.api.Test;

import java.util.function.Function;

import static dev.citadel.identity.IdentityPlans.homelab;
import static dev.citadel.identity.IdentityPlans.rejection;
import static dev.citadel.identity.IdentityPlans.seed000;
import static org.assertj.core.api.Assertions.assertThat;

/** Seed 000's drift and privilege mistakes are refused at build(). */
class OidcRbacArgsTest {

    private static void assertRejected(Function<KeycloakRealm, OidcRbacArgs.Builder> args, String... parts) {
        var e = rejection(g -> args.apply(new KeycloakRealm("homelab", homelab(g).build(), null)).build());
        assertThat(e.getMessage()).contains(parts);
    }

    private static void assertRejectedWithRealm(Function<dev.citadel.secrets.VaultBackedSecret, KeycloakRealmArgs> realm,
                                                Function<KeycloakRealm, OidcRbacArgs.Builder> args, String... parts) {
        var e = rejection(g -> args.apply(new KeycloakRealm("r", realm.apply(g), null)).build());
        assertThat(e.getMessage()).contains(parts);
    }

    @Test
    void aNonHttpsIssuerIsRefused() {
        assertThat(rejection(g -> OidcRbacArgs.builder().issuer("http://idp.example.com/realms/x", "kubernetes", "admin")
                .bind("admin", "cluster-admin").apiServer(ApiServer.talos()).build()).getMessage())
                .contains("issuer", "http://idp.example.com/realms/x", "not https", "serve the IdP over https");
    }

    @Test
    void aTrailingSlashOnTheIssuerIsRefusedBecauseTheApiServerComparesItExactly() {
        assertThat(rejection(g -> OidcRbacArgs.builder().issuer("https://idp.example.com/realms/x/", "kubernetes", "admin")
                .bind("admin", "view").apiServer(ApiServer.talos()).build()).getMessage())
                .contains("ends with '/'", "https://idp.example.com/realms/x'");
    }

    @Test
    void aBindingForAGroupTheRealmDoesNotDefineIsRefused() {
        assertRejected(realm -> seed000(realm, ApiServer.talos()).bind("admins", "cluster-admin"),
                "bind(\"admins\", \"cluster-admin\")", "realm 'homelab' has no group 'admins'", "[admin, operator, developer, viewer, user]");
    }

    @Test
    void aPrefixedOrFullPathGroupNameIsCorrectedToThePlainName() {
        assertRejected(realm -> OidcRbacArgs.builder().realm(realm).bind("oidc:admin", "cluster-admin").apiServer(ApiServer.talos()),
                "oidc:admin", "plain name ('admin')", "added for you");
        assertRejected(realm -> OidcRbacArgs.builder().realm(realm).bind("/admin", "cluster-admin").apiServer(ApiServer.talos()),
                "/admin", "plain name ('admin')");
    }

    @Test
    void theRealmsCatchAllGroupBoundToClusterAdminIsRefused() {
        assertRejected(realm -> OidcRbacArgs.builder().realm(realm).bind("user", "cluster-admin").apiServer(ApiServer.talos()),
                "bind(\"user\", \"cluster-admin\")", "catch-all", "every new user joins it", "give 'user' view");
    }

    @Test
    void aGroupNamedLikeACatchAllBoundToClusterAdminIsRefusedEvenWithoutDefaultGroups() {
        assertThat(rejection(g -> OidcRbacArgs.builder().issuer("https://idp.example.com", "kubernetes", "everyone")
                .bind("everyone", "cluster-admin").apiServer(ApiServer.talos()).build()).getMessage())
                .contains("catch-all", "by its name");
    }

    @Test
    void systemGroupsAreNotIdpGroups() {
        assertRejected(realm -> OidcRbacArgs.builder().realm(realm).bind("system:authenticated", "view").apiServer(ApiServer.talos()),
                "system:authenticated", "Kubernetes system group");
    }

    @Test
    void aUsernameClaimOtherThanEmailNeedsAnExplicitPrefix() {
        assertRejected(realm -> seed000(realm, ApiServer.talos()).usernameClaim("preferred_username"),
                "usernameClaim is 'preferred_username'", "no usernamePrefix", "#alice", "usernamePrefix(\"oidc:\")");
        var ok = new java.util.concurrent.atomic.AtomicReference<OidcRbacArgs>();
        IdentityPlans.plan(ctx -> ok.set(seed000(new KeycloakRealm("homelab", homelab(IdentityPlans.googleOauth("identity")).build(), null),
                ApiServer.talos()).usernameClaim("preferred_username").usernamePrefix("-").build()));
        assertThat(ok.get().contract().usernamePrefix()).isEqualTo("-");
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
        assertRejectedWithRealm(g -> homelab(g).client(OidcClient.kubernetesCli("kubectl").withoutScope("groups")).build(),
                realm -> OidcRbacArgs.builder().realm(realm, "kubectl").bind("admin", "cluster-admin").apiServer(ApiServer.talos()),
                "client 'kubectl'", "no 'groups' scope", "Forbidden", "seed 000");
    }

    @Test
    void aClientTheRealmDoesNotHaveIsRefused() {
        assertRejected(realm -> OidcRbacArgs.builder().realm(realm, "kubelogin").bind("admin", "view").apiServer(ApiServer.talos()),
                "realm 'homelab' has no client 'kubelogin'", "OidcClient.kubernetesCli(\"kubelogin\")");
    }

    @Test
    void bindingsTargetAndRolesAreRequiredAndSane() {
        assertRejected(realm -> OidcRbacArgs.builder().realm(realm).apiServer(ApiServer.talos()), "no bindings", "Forbidden");
        assertRejected(realm -> OidcRbacArgs.builder().realm(realm).bind("admin", "cluster-admin"), "apiServer is not set", "ApiServer.talos()");
        assertRejected(realm -> OidcRbacArgs.builder().realm(realm).bind("admin", "Cluster Admin").apiServer(ApiServer.talos()),
                "'Cluster Admin' is not a ClusterRole name");
        assertRejected(realm -> seed000(realm, ApiServer.talos()).bind("admin", "cluster-admin"), "given twice");
        assertRejected(realm -> seed000(realm, ApiServer.talos()).bind("admin", "view"), "group 'admin' is bound twice",
                "cluster-admin, view", "aggregate");
        assertRejected(realm -> seed000(realm, ApiServer.eks(" ")), "needs the EKS cluster name");
        assertThat(rejection(g -> OidcRbacArgs.builder().bind("admin", "view").apiServer(ApiServer.talos()).build()).getMessage())
                .contains("no identity provider", "realm(keycloakRealm)");
    }

    @Test
    void claimsMustBeNamedAndAgreeWithTheRealmsMapper() {
        assertRejected(realm -> seed000(realm, ApiServer.talos()).groupsClaim("roles"),
                "groupsClaim is 'roles'", "realm's group mapper writes 'groups'", "leave groupsClaim unset");
        assertRejected(realm -> seed000(realm, ApiServer.talos()).usernameClaim(" "), "usernameClaim is blank", "'email'");
        assertRejected(realm -> seed000(realm, ApiServer.talos()).groupsClaim(""), "groupsClaim is blank");
        var external = new java.util.concurrent.atomic.AtomicReference<OidcRbacArgs>();
        IdentityPlans.plan(ctx -> external.set(OidcRbacArgs.builder().issuer("https://cognito.example.com/pool", "kubernetes", "admins")
                .groupsClaim("cognito:groups").bind("admins", "cluster-admin").apiServer(ApiServer.eks("dev")).build()));
        assertThat(external.get().contract().groupsClaim()).isEqualTo("cognito:groups");
        assertThat(external.get().contract().realm()).isEmpty();
    }

    @Test
    void withGoogleOpenToAnyAccountADefaultGroupMayNotBeBoundAtAll() {
        var e = rejection(g -> OidcRbacArgs.builder().realm(new KeycloakRealm("homelab",
                        homelab(g).google(GoogleIdentityProvider.fromSecret(g)).build(), null))
                .bind("admin", "cluster-admin").bind("user", "view").apiServer(ApiServer.talos()).build());
        assertThat(e.getMessage()).contains("bind(\"user\", \"view\")", "default group", "any Google account", "hostedDomain",
                "drop 'user' from defaultGroups");
    }

    @Test
    void twoGroupsThatWouldShareABindingNameAreNamed() {
        assertRejectedWithRealm(g -> homelab(g).groups("admins").client(OidcClient.browser("x").withRedirectUris("https://x.lan/*")).build(),
                realm -> OidcRbacArgs.builder().realm(realm).bind("admin", "cluster-admin").bind("admins", "view").apiServer(ApiServer.talos()),
                "groups 'admin' and 'admins'", "'oidc-cluster-admins'", "rename one");
    }

    @Test
    void theKubeconfigUserNameMustBeUsable() {
        assertRejected(realm -> seed000(realm, ApiServer.talos()).kubeconfigUser("Dev Admin"), "kubeconfigUser", "Dev Admin");
    }
}
