package dev.citadel.identity;

import dev.citadel.plan.Plan;
import dev.citadel.plan.Registration;
import dev.citadel.value.Redacted;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static dev.citadel.identity.IdentityPlans.BINDING;
import static dev.citadel.identity.IdentityPlans.EKS;
import static dev.citadel.identity.IdentityPlans.only;
import static dev.citadel.identity.IdentityPlans.seed000;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** What OidcRbac emits for each API-server target, and that all of it reads one contract. */
class OidcRbacTest {

    private record Run(Plan plan, OidcContract contract, Map<String, Object> outputs) {
    }

    private static Run run(ApiServer target, java.util.function.UnaryOperator<OidcRbacArgs.Builder> tweak) {
        var args = new AtomicReference<OidcRbacArgs>();
        var plan = IdentityPlans.plan(ctx -> {
            var realm = IdentityPlans.homelabRealm(ctx);
            args.set(tweak.apply(seed000(realm.contract(), target)).build());
            var component = new OidcRbac("homelab-oidc", args.get());
            component.apiServer().exports().forEach(ctx::export);
            ctx.export("kubeconfigUser", component.kubeconfigUser());
        });
        @SuppressWarnings("unchecked")
        var out = (Map<String, Object>) Redacted.plain(plan.outputs());
        return new Run(plan, args.get().contract().orElseThrow(), out);
    }

    private static Run run(ApiServer target) {
        return run(target, b -> b);
    }

    private static dev.citadel.value.Prop subject(Registration binding) {
        return ((dev.citadel.value.Prop.Arr) binding.inputs().get("subjects")).items().get(0);
    }

    @Test
    void seed000sFiveClusterRoleBindingsWithPrefixedGroupSubjects() {
        var r = run(ApiServer.talos());
        var bindings = r.plan().ofType(BINDING);
        assertThat(bindings).extracting(b -> Redacted.plain(b.inputs().get("metadata").get("name")), b -> Redacted.plain(subject(b).get("name")),
                        b -> Redacted.plain(b.inputs().get("roleRef").get("name")))
                .containsExactlyInAnyOrder(
                        tuple("oidc-cluster-admins", "oidc:admin", "cluster-admin"),
                        tuple("oidc-cluster-operators", "oidc:operator", "edit"),
                        tuple("oidc-cluster-developers", "oidc:developer", "edit"),
                        tuple("oidc-cluster-viewers", "oidc:viewer", "view"),
                        tuple("oidc-cluster-users", "oidc:user", "view"));
        var component = r.plan().find(OidcRbac.TYPE, "homelab-oidc").orElseThrow();
        assertThat(bindings).allSatisfy(b -> {
            assertThat(b.parent()).isEqualTo(component.urn());
            assertThat(subject(b).get("kind").string()).contains("Group");
            assertThat(b.inputs().get("roleRef").get("kind").string()).contains("ClusterRole");
        });
    }

    /** Upgrade path: the children were named like the objects before; the alias keeps their URNs, so no live binding is replaced. */
    @Test
    void bindingsAreNamedAfterTheComponentAndAliasTheirEarlierNames() {
        var bindings = run(ApiServer.talos()).plan().ofType(BINDING);
        var component = "urn:pulumi:test::citadel::pulumi:pulumi:Stack$citadel:identity:OidcRbac$"
                + "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding::";
        assertThat(bindings).extracting(Registration::name, b -> b.options().aliases()).contains(
                tuple("homelab-oidc-oidc-cluster-admins", List.of(component + "oidc-cluster-admins")),
                tuple("homelab-oidc-oidc-cluster-users", List.of(component + "oidc-cluster-users")));
        assertThat(bindings).allSatisfy(b -> assertThat(b.options().aliases()).hasSize(1));
    }

    /** The common case for a platform team: one OidcRbac per cluster, in one stack. */
    @Test
    void twoOidcRbacForTwoClustersPlanSideBySide() {
        var plan = IdentityPlans.plan(ctx -> {
            var realm = IdentityPlans.homelabRealm(ctx).contract();
            new OidcRbac("prod", seed000(realm, ApiServer.talos()).build());
            new OidcRbac("staging", seed000(realm, ApiServer.eks("staging")).build());
        });
        assertThat(plan.ofType(BINDING)).extracting(Registration::name)
                .hasSize(10).doesNotHaveDuplicates()
                .contains("prod-oidc-cluster-admins", "staging-oidc-cluster-admins");
        assertThat(plan.resources()).extracting(Registration::urn).doesNotHaveDuplicates();
        assertThat(only(plan, EKS).name()).isEqualTo("staging");
    }

    /** A realm another stack manages (its exported contract read through a StackReference): no KeycloakRealm here. */
    @Test
    void aRealmContractFromAnotherStackFeedsOidcRbac() {
        var exported = IdentityPlans.homelabRealm().toOutput();
        var args = new AtomicReference<OidcRbacArgs>();
        var plan = IdentityPlans.plan(ctx -> {
            var fromStack = com.pulumi.core.Output.of(exported).applyValue(IdpContract::fromOutput);
            args.set(OidcRbacArgs.builder().idp(fromStack).bind("admin", GroupBinding.CLUSTER_ADMIN).bind("viewer", GroupBinding.VIEW)
                    .apiServer(ApiServer.talos()).build());
            var rbac = new OidcRbac("homelab-oidc", args.get());
            ctx.export("issuer", rbac.issuerUrl());
            rbac.apiServer().exports().forEach(ctx::export);
        });
        assertThat(plan.ofType(KeycloakRealm.TYPE)).isEmpty();
        assertThat(args.get().contract()).isEmpty();
        assertThat(plan.ofType(BINDING)).hasSize(2);
        assertThat(Redacted.plain(plan.outputs().get("issuer"))).isEqualTo("https://sso.homelab.lan/realms/homelab");
        assertThat((String) Redacted.plain(plan.outputs().get("talosPatch"))).contains("oidc-issuer-url: https://sso.homelab.lan/realms/homelab");
    }

    /** Keycloak's URL from another resource (an Ingress, another stack): the issuer follows it everywhere. */
    @Test
    void theKeycloakUrlMayBeAnOutputOfAnotherResource() {
        var plan = IdentityPlans.plan(ctx -> {
            var ingressHost = com.pulumi.core.Output.of("sso.homelab.lan");
            var realm = new KeycloakRealm("homelab", IdentityPlans.homelab()
                    .keycloakUrl(ingressHost.applyValue(host -> "https://" + host)).build());
            var rbac = new OidcRbac("homelab-oidc", seed000Without(realm.idp()).build());
            ctx.export("jwks", realm.jwksUri());
            rbac.apiServer().exports().forEach(ctx::export);
        });
        assertThat(Redacted.plain(plan.outputs().get("jwks"))).isEqualTo("https://sso.homelab.lan/realms/homelab/protocol/openid-connect/certs");
        assertThat((String) Redacted.plain(plan.outputs().get("talosPatch"))).contains("oidc-issuer-url: https://sso.homelab.lan/realms/homelab");
        assertThat(plan.ofType(BINDING)).hasSize(5);
    }

    @Test
    void aKeycloakUrlOutputThatIsNotHttpsFailsThePlanWithTheBuildersMessage() {
        var failure = org.assertj.core.api.Assertions.catchThrowableOfType(() -> IdentityPlans.plan(ctx -> {
            var realm = new KeycloakRealm("homelab", IdentityPlans.homelab()
                    .keycloakUrl(com.pulumi.core.Output.of("http://sso.homelab.lan")).build());
            ctx.export("issuer", realm.issuerUrl());
        }), dev.citadel.plan.PlanRunner.ProgramFailure.class);
        assertThat(failure.isUserError()).isTrue();
        assertThat(failure).hasMessageContaining("keycloakUrl: 'http://sso.homelab.lan' is not an https URL");
    }

    private static OidcRbacArgs.Builder seed000Without(com.pulumi.core.Output<IdpContract> idp) {
        return OidcRbacArgs.builder().idp(idp)
                .bind("admin", GroupBinding.CLUSTER_ADMIN).bind("operator", GroupBinding.EDIT).bind("developer", GroupBinding.EDIT)
                .bind("viewer", GroupBinding.VIEW).bind("user", GroupBinding.VIEW).apiServer(ApiServer.talos());
    }

    /** Checks that need the IdP run when another stack's value arrives; a mistake fails the run with the same message. */
    @Test
    void aReferencedRealmThatLacksABoundGroupFailsThePlanNamingTheGroup() {
        var realm = com.pulumi.core.Output.of(IdentityPlans.homelabRealm());
        var failure = org.assertj.core.api.Assertions.catchThrowableOfType(() -> IdentityPlans.plan(ctx -> {
            var rbac = new OidcRbac("homelab-oidc", OidcRbacArgs.builder().idp(realm).bind("admins", GroupBinding.CLUSTER_ADMIN)
                    .apiServer(ApiServer.talos()).build());
            ctx.export("kubeconfigUser", rbac.kubeconfigUser());
        }), dev.citadel.plan.PlanRunner.ProgramFailure.class);
        assertThat(failure.isUserError()).isTrue();
        assertThat(failure).hasMessageContaining("bindings.admins:").hasMessageContaining("no group 'admins'");
    }

    @Test
    @SuppressWarnings("unchecked")
    void talosPatchIsSeed000sApiServerExtraArgs() {
        var patch = (Map<String, Object>) new Yaml().load((String) run(ApiServer.talos()).outputs().get("talosPatch"));
        var extraArgs = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) patch.get("cluster")).get("apiServer")).get("extraArgs");
        assertThat(extraArgs).isEqualTo(Map.of(
                "oidc-issuer-url", "https://sso.homelab.lan/realms/homelab",
                "oidc-client-id", "kubernetes",
                "oidc-username-claim", "email",
                "oidc-username-prefix", "oidc:",
                "oidc-groups-claim", "groups",
                "oidc-groups-prefix", "oidc:",
                "oidc-signing-algs", "RS256"));
    }

    @Test
    void kubeadmGetsTheSameFlagsAsCommandLineArguments() {
        assertThat(run(ApiServer.kubeadm()).outputs().get("apiServerFlags")).isEqualTo(List.of(
                "--oidc-issuer-url=https://sso.homelab.lan/realms/homelab",
                "--oidc-client-id=kubernetes",
                "--oidc-username-claim=email",
                "--oidc-username-prefix=oidc:",
                "--oidc-groups-claim=groups",
                "--oidc-groups-prefix=oidc:",
                "--oidc-signing-algs=RS256"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void kubeadmGetsAClusterConfigurationWithNameValueExtraArgs() {
        var config = (Map<String, Object>) new Yaml().load((String) run(ApiServer.kubeadm()).outputs().get("kubeadmClusterConfiguration"));
        assertThat(config).containsEntry("apiVersion", "kubeadm.k8s.io/v1beta4").containsEntry("kind", "ClusterConfiguration");
        var extraArgs = (List<Map<String, Object>>) ((Map<String, Object>) config.get("apiServer")).get("extraArgs");
        assertThat(extraArgs).hasSize(7).first().isEqualTo(Map.of("name", "oidc-issuer-url", "value", "https://sso.homelab.lan/realms/homelab"));
        assertThat(extraArgs).contains(Map.of("name", "oidc-groups-prefix", "value", "oidc:"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void structuredAuthenticationConfigurationCarriesIssuerAudienceClaimsAndExplicitPrefixes() {
        var config = (Map<String, Object>) new Yaml().load((String) run(ApiServer.authenticationConfiguration()).outputs()
                .get("authenticationConfiguration"));
        assertThat(config).containsEntry("apiVersion", "apiserver.config.k8s.io/v1").containsEntry("kind", "AuthenticationConfiguration");
        var jwt = ((List<Map<String, Object>>) config.get("jwt")).get(0);
        assertThat(jwt.get("issuer")).isEqualTo(Map.of("url", "https://sso.homelab.lan/realms/homelab", "audiences", List.of("kubernetes")));
        assertThat(jwt.get("claimMappings")).isEqualTo(Map.of(
                "username", Map.of("claim", "email", "prefix", "oidc:"),
                "groups", Map.of("claim", "groups", "prefix", "oidc:")));
        assertThat(jwt.get("claimValidationRules").toString()).contains("email_verified");
        var beta = (Map<String, Object>) new Yaml().load((String) run(ApiServer.authenticationConfigurationV1beta1()).outputs()
                .get("authenticationConfiguration"));
        assertThat(beta).containsEntry("apiVersion", "apiserver.config.k8s.io/v1beta1").containsEntry("jwt", config.get("jwt"));
    }

    @Test
    void eksGetsAnIdentityProviderConfigFromTheAwsSdk() {
        var r = run(ApiServer.eks("dev"));
        var config = only(r.plan(), EKS);
        assertThat(config.parent()).isEqualTo(r.plan().find(OidcRbac.TYPE, "homelab-oidc").orElseThrow().urn());
        assertThat(Redacted.plain(config.inputs())).isEqualTo(Map.of(
                "clusterName", "dev",
                "tags", Map.of("managed-by", "citadel"),
                "oidc", Map.of(
                        "identityProviderConfigName", "homelab-oidc",
                        "issuerUrl", "https://sso.homelab.lan/realms/homelab",
                        "clientId", "kubernetes",
                        "usernameClaim", "email",
                        "usernamePrefix", "oidc:",
                        "groupsClaim", "groups",
                        "groupsPrefix", "oidc:")));
        assertThat(r.plan().ofType(BINDING)).hasSize(5);
    }

    @Test
    void noTalosOrFlagOutputsForEksAndNoAwsResourceForTalos() {
        assertThat(run(ApiServer.eks("dev")).outputs()).doesNotContainKeys("talosPatch", "apiServerFlags");
        assertThat(run(ApiServer.talos()).plan().ofType(EKS)).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theKubeconfigUserRunsKubeloginAgainstTheSameIssuerClientAndScopes() {
        var kubeconfig = (Map<String, Object>) new Yaml().load((String) run(ApiServer.talos()).outputs().get("kubeconfigUser"));
        var user = ((List<Map<String, Object>>) kubeconfig.get("users")).get(0);
        assertThat(user).containsEntry("name", "oidc");
        var exec = (Map<String, Object>) ((Map<String, Object>) user.get("user")).get("exec");
        assertThat(exec).containsEntry("command", "kubectl").containsEntry("apiVersion", "client.authentication.k8s.io/v1");
        assertThat((List<String>) exec.get("args")).containsExactly("oidc-login", "get-token",
                "--oidc-issuer-url=https://sso.homelab.lan/realms/homelab", "--oidc-client-id=kubernetes",
                "--oidc-extra-scope=profile", "--oidc-extra-scope=email", "--oidc-extra-scope=groups",
                "--oidc-extra-scope=offline_access");
    }

    private static List<String> policyViolations(Plan plan) {
        var resources = plan.resources().stream().map(dev.citadel.policy.PolicyResource::of).toList();
        return new dev.citadel.policy.PolicyEngine(dev.citadel.policy.rules.PolicyPack.policies(), dev.citadel.policy.PackConfig.empty())
                .analyzeStack(resources).stream()
                .filter(v -> v.level() == dev.citadel.policy.EnforcementLevel.MANDATORY)
                // The RBAC policies; this plan has no stack config listing the pre-installed CRDs.
                .filter(v -> v.policyId().equals("oidc-rbac-contract") || v.policyId().equals("no-cluster-admin-for-broad-groups"))
                .map(v -> v.policyId() + ": " + v.message()).toList();
    }

    /** Consistency by construction: one prefix change reaches the bindings, the API server and EKS alike. */
    @Test
    void aCustomPrefixReachesEveryArtifact() {
        var talos = run(ApiServer.talos(), b -> b.groupsPrefix("kc:"));
        assertThat(talos.plan().ofType(BINDING)).allSatisfy(b ->
                assertThat(subject(b).get("name").string().orElseThrow()).startsWith("kc:"));
        assertThat((String) talos.outputs().get("talosPatch")).contains("oidc-groups-prefix: 'kc:'");
        assertThat(talos.contract().bindings()).containsKeys("kc:admin", "kc:user");
        // ... and the policy pack, unconfigured, judges the stack by that prefix (OidcRbac records it on the bindings).
        assertThat(policyViolations(talos.plan())).isEmpty();
        var eks = run(ApiServer.eks("dev"), b -> b.groupsPrefix("kc:").usernameClaim("sub").usernamePrefix("-"));
        assertThat(policyViolations(eks.plan())).isEmpty();
        assertThat(only(eks.plan(), EKS).inputs().get("oidc").get("groupsPrefix").string()).contains("kc:");
        // EKS takes "-" as "no prefix"; leaving it out would prefix names with the issuer URL.
        assertThat(only(eks.plan(), EKS).inputs().get("oidc").get("usernamePrefix").string()).contains("-");
    }

    @Test
    void theContractRoundTripsThroughTheStackOutput() {
        var contract = run(ApiServer.talos()).contract();
        assertThat(OidcContract.fromOutput(contract.toOutput())).isEqualTo(contract);
        assertThat(contract.clientIds()).containsExactly("kubernetes");
        assertThat(contract.realm()).isEqualTo("homelab");
        assertThat(contract.discoveryUrl()).isEqualTo("https://sso.homelab.lan/realms/homelab/.well-known/openid-configuration");
    }
}
