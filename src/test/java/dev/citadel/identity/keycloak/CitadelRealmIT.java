package dev.citadel.identity.keycloak;

import com.pulumi.core.Output;
import dev.citadel.identity.ApiServer;
import dev.citadel.identity.GoogleIdentityProvider;
import dev.citadel.identity.GroupBinding;
import dev.citadel.identity.KeycloakRealm;
import dev.citadel.identity.KeycloakRealmArgs;
import dev.citadel.identity.OidcClient;
import dev.citadel.identity.OidcContract;
import dev.citadel.identity.OidcRbac;
import dev.citadel.identity.OidcRbacArgs;
import dev.citadel.plan.PlanRunner;
import dev.citadel.secrets.SecretStoreRef;
import dev.citadel.secrets.VaultBackedSecret;
import dev.citadel.secrets.VaultBackedSecretArgs;
import dev.citadel.value.Prop;
import dev.citadel.value.Redacted;
import dev.citadel.verify.CheckResult;
import dev.citadel.verify.ClaimChecks;
import dev.citadel.verify.OidcVerifier;
import dev.citadel.verify.Report;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The realm Citadel renders, imported into a real Keycloak 26 and logged into through the kube client as
 * kubelogin does: the ID token carries the groups the ClusterRoleBindings (rendered by the same program) expect
 * after prefixing, the email claim, the client id in {@code aud}, and an RS256 signature. The same realm rendered
 * without the groups scope fails the same assertion: users authenticate, and RBAC would answer Forbidden.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CitadelRealmIT {
    static final String REALM = "citadel-homelab";
    static final String REALM_WITHOUT_GROUPS = "citadel-homelab-nogroups";
    static final String PASSWORD = "Rl-4kT9-battery-correct";

    final KeycloakServer keycloak;
    /** What OidcRbac rendered: the contract and the Group subjects of its ClusterRoleBindings. */
    OidcContract contract;
    Set<String> bindingSubjects;

    CitadelRealmIT(KeycloakServer keycloak) {
        this.keycloak = keycloak;
    }

    /** Seed 000's realm as the homelab stack builds it, with the test server as Keycloak's public URL. */
    private KeycloakRealmArgs.Builder homelab(String realm, VaultBackedSecret google) {
        var clientId = google.ref("identity", "clientId");
        return KeycloakRealmArgs.builder()
                .keycloakUrl(keycloak.baseUrl().toString())
                .namespace("identity")
                .realm(realm)
                .groups("admin", "operator", "developer", "viewer", "user")
                .defaultGroups("user")
                .google(GoogleIdentityProvider.of(clientId, clientId.withKey("clientSecret")).withHostedDomain("example.test"));
    }

    @BeforeAll
    void importTheRealmsCitadelRenders() {
        var realmJson = new AtomicReference<String>();
        var withoutGroupsJson = new AtomicReference<String>();
        var rendered = new AtomicReference<OidcContract>();
        var plan = new PlanRunner("citadel", "it", Map.of(), Set.of()).run(ctx -> {
            var google = new VaultBackedSecret("google-oauth", VaultBackedSecretArgs.builder()
                    .store(SecretStoreRef.cluster("vault-kv", "secret")).path("identity/google-oauth")
                    .value("clientId", "it.apps.googleusercontent.com").value("clientSecret", Output.ofSecret("not-used"))
                    .syncTo("identity").build());
            var realm = new KeycloakRealm(REALM, homelab(REALM, google).client(OidcClient.kubernetesCli()).build());
            ctx.export("realmJson", realm.realmJson());
            var args = OidcRbacArgs.builder().idp(realm.contract())
                    .bind("admin", GroupBinding.CLUSTER_ADMIN).bind("operator", GroupBinding.EDIT)
                    .bind("developer", GroupBinding.EDIT).bind("viewer", GroupBinding.VIEW).bind("user", GroupBinding.VIEW)
                    .apiServer(ApiServer.talos()).build();
            new OidcRbac("homelab-oidc", args);
            rendered.set(args.contract().orElseThrow());
            ctx.export("withoutGroupsJson", new KeycloakRealm(REALM_WITHOUT_GROUPS, homelab(REALM_WITHOUT_GROUPS, google)
                    .client(OidcClient.kubernetesCli().withoutScope("groups")).build()).realmJson());
        });
        realmJson.set((String) Redacted.plain(plan.outputs().get("realmJson")));
        withoutGroupsJson.set((String) Redacted.plain(plan.outputs().get("withoutGroupsJson")));
        contract = rendered.get();
        bindingSubjects = new java.util.TreeSet<>();
        for (var binding : plan.ofType("kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding")) {
            var subject = ((Prop.Arr) binding.inputs().get("subjects")).items().get(0);
            bindingSubjects.add((String) Redacted.plain(subject.get("name")));
        }

        var admin = keycloak.admin();
        for (var realm : List.of(REALM, REALM_WITHOUT_GROUPS)) {
            admin.deleteRealm(realm);
        }
        admin.importRealm(realmJson.get());
        admin.importRealm(withoutGroupsJson.get());
        for (var realm : List.of(REALM, REALM_WITHOUT_GROUPS)) {
            admin.createUser(realm, "alice", "alice@example.test", PASSWORD, List.of("admin", "developer"));
            admin.createUser(realm, "bob", "bob@example.test", PASSWORD, List.of("viewer"));
        }
    }

    @AfterAll
    void dropRealms() {
        keycloak.admin().deleteRealm(REALM);
        keycloak.admin().deleteRealm(REALM_WITHOUT_GROUPS);
    }

    private Report login(OidcContract contract, String user) {
        var lines = new ArrayList<String>();
        var report = new OidcVerifier(contract, OidcVerifier.Options.login(user, PASSWORD, List.of(), keycloak.sslContext()))
                .run(r -> lines.add(r.line()));
        assertThat(report.result(OidcVerifier.LOGIN)).as(String.join("\n", lines))
                .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(CheckResult.Status.PASS));
        return report;
    }

    private static String detail(Report report, String check) {
        return report.result(check).orElseThrow(() -> new AssertionError("no check " + check)).detail();
    }

    /** The groups claim of the user's ID token, each prefixed as the API server prefixes it; fails when absent. */
    private static List<String> prefixedGroups(Report report, OidcContract contract) {
        var groups = report.result(ClaimChecks.GROUPS).orElseThrow();
        assertThat(groups.status()).as(groups.line()).isEqualTo(CheckResult.Status.PASS);
        var names = groups.detail().substring(groups.detail().indexOf('[') + 1, groups.detail().lastIndexOf(']'));
        return Arrays.stream(names.split(", ")).map(g -> contract.groupsPrefix() + g).toList();
    }

    private void assertTokenAsTheApiServerNeedsIt(Report report, String email) {
        assertThat(detail(report, ClaimChecks.SIGNATURE)).startsWith("RS256, signature valid");
        assertThat(detail(report, ClaimChecks.ISSUER)).isEqualTo("iss " + keycloak.issuer(REALM));
        assertThat(detail(report, ClaimChecks.AUDIENCE)).contains("contains kubernetes");
        assertThat(detail(report, ClaimChecks.USERNAME)).isEqualTo("email " + email + ", Kubernetes user 'oidc:" + email + "'");
    }

    @Test
    void aliceGetsTheGroupsTheClusterRoleBindingsExpect() {
        var report = login(contract, "alice");

        assertTokenAsTheApiServerNeedsIt(report, "alice@example.test");
        // admin and developer as given, user because every account joins the realm's default group.
        assertThat(prefixedGroups(report, contract)).containsExactlyInAnyOrder("oidc:admin", "oidc:developer", "oidc:user")
                .allSatisfy(g -> assertThat(bindingSubjects).contains(g));
        assertThat(report.passed()).isTrue();
    }

    @Test
    void bobInAnotherGroupMatchesOnlyTheViewerBindings() {
        var report = login(contract, "bob@example.test");

        assertTokenAsTheApiServerNeedsIt(report, "bob@example.test");
        assertThat(prefixedGroups(report, contract)).containsExactlyInAnyOrder("oidc:viewer", "oidc:user")
                .allSatisfy(g -> assertThat(bindingSubjects).contains(g));
        assertThat(detail(report, ClaimChecks.BINDINGS)).contains("view").doesNotContain("cluster-admin");
    }

    /** Seed 000: a kube client without the groups scope. The login succeeds; the same assertion fails. */
    @Test
    void theRealmRenderedWithoutTheGroupsScopeFailsTheSameAssertion() {
        var scopes = new ArrayList<>(contract.scopes());
        scopes.remove("groups");
        var kubeloginOfSeed000 = new OidcContract(keycloak.issuer(REALM_WITHOUT_GROUPS), REALM_WITHOUT_GROUPS, contract.clientId(),
                contract.redirectUris(), scopes, contract.usernameClaim(), contract.usernamePrefix(), contract.groupsClaim(),
                contract.groupsPrefix(), contract.signingAlgs(), contract.bindings(), contract.clientIds());
        var report = login(kubeloginOfSeed000, "alice");

        assertThatThrownBy(() -> prefixedGroups(report, kubeloginOfSeed000)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("no 'groups' claim").hasMessageContaining("Forbidden");
        assertThat(report.passed()).isFalse();
        assertThat(detail(report, ClaimChecks.USERNAME)).contains("alice@example.test");
    }

    @Test
    void theRealmImportedHasTheClientsGroupsAndGoogleCitadelDeclared() {
        var admin = keycloak.admin();
        assertThat(admin.clientExists(REALM, "kubernetes")).isTrue();
        assertThat(admin.get("/admin/realms/" + REALM + "/groups").toString()).contains("name=admin", "name=operator", "name=user");
        assertThat(admin.get("/admin/realms/" + REALM + "/identity-provider/instances").toString()).contains("alias=google");
        assertThat(admin.get("/admin/realms/" + REALM).toString()).contains("bruteForceProtected=true", "sslRequired=external");
    }
}
