package dev.citadel.identity;

import dev.citadel.contract.OidcGroups;
import dev.citadel.plan.Plan;
import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.PackConfig;
import dev.citadel.policy.PolicyEngine;
import dev.citadel.policy.PolicyResource;
import dev.citadel.policy.rules.PolicyPack;
import dev.citadel.provider.KubernetesObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The component and the RBAC policies read one contract ({@code contract/OidcGroups}): whatever valid OidcRbac a
 * team writes, the pack finds nothing wrong with it; and a hand-written binding that breaks the contract in the
 * same stack is caught by the policy that owns that mistake, whatever the prefix.
 */
class OidcRbacPolicyProperties {
    private static final List<String> RBAC_POLICIES = List.of("oidc-rbac-contract", "no-cluster-admin-for-broad-groups");

    /** A valid OidcRbac: some realm groups, a prefix, each group bound to a role (catch-alls never to cluster-admin). */
    record Setup(List<String> groups, String prefix, Map<String, String> bindings, ApiServer target) {
        KeycloakRealmArgs realm() {
            return KeycloakRealmArgs.builder().keycloakUrl("https://sso.example.com").namespace("identity").realm("platform")
                    .groups(groups.toArray(String[]::new)).defaultGroups("user").client(OidcClient.kubernetesCli()).build();
        }

        OidcRbacArgs args() {
            var b = OidcRbacArgs.builder().idp(realm().contract(OidcClient.KUBERNETES_CLIENT_ID)).groupsPrefix(prefix).apiServer(target);
            bindings.forEach(b::bind);
            return b.build();
        }

        /** The realm and the component, as a stack has them. */
        void define() {
            new KeycloakRealm("platform", realm());
            new OidcRbac("cluster", args());
        }
    }

    /** What a person writes by hand next to the component, and which policy must catch it. */
    enum Mutation {
        UNPREFIXED_SUBJECT("oidc-rbac-contract"),
        GROUP_THE_REALM_LACKS("oidc-rbac-contract"),
        CATCH_ALL_AS_CLUSTER_ADMIN("no-cluster-admin-for-broad-groups"),
        AUTHENTICATED_AS_CLUSTER_ADMIN("no-cluster-admin-for-broad-groups");

        final String policy;

        Mutation(String policy) {
            this.policy = policy;
        }

        String subject(Setup s) {
            switch (this) {
                case UNPREFIXED_SUBJECT:
                    return s.groups().get(0);
                case GROUP_THE_REALM_LACKS:
                    return s.prefix() + "zz-not-in-realm";
                case CATCH_ALL_AS_CLUSTER_ADMIN:
                    return s.prefix() + "user";
                default:
                    return "system:authenticated";
            }
        }

        String role() {
            return this == UNPREFIXED_SUBJECT || this == GROUP_THE_REALM_LACKS ? "view" : GroupBinding.CLUSTER_ADMIN;
        }
    }

    @Provide
    Arbitrary<Setup> setups() {
        var names = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(2).ofMaxLength(10)
                .filter(n -> !OidcGroups.isCatchAllName(n));
        var groups = names.list().ofMinSize(1).ofMaxSize(5).uniqueElements().map(list -> {
            var all = new ArrayList<>(list);
            all.add("user");
            return List.copyOf(all);
        });
        var prefixes = Arbitraries.of("oidc:", "kc:", "corp-", "idp/", "x:");
        var roles = Arbitraries.of(GroupBinding.VIEW, GroupBinding.EDIT, GroupBinding.CLUSTER_ADMIN, "admin");
        var targets = Arbitraries.of(ApiServer.talos(), ApiServer.kubeadm(), ApiServer.authenticationConfiguration(), ApiServer.eks("dev"));
        return Combinators.combine(groups, prefixes, roles.list().ofSize(6), targets).as((g, prefix, roleList, target) -> {
            var bindings = new LinkedHashMap<String, String>();
            for (int i = 0; i < g.size(); i++) {
                var role = roleList.get(i);
                // The builder refuses a catch-all bound to cluster-admin; a valid setup gives it view.
                bindings.put(g.get(i), OidcGroups.isCatchAllName(g.get(i)) && role.equals(GroupBinding.CLUSTER_ADMIN) ? GroupBinding.VIEW : role);
            }
            return new Setup(g, prefix, bindings, target);
        });
    }

    @Property(tries = 60)
    void whateverValidOidcRbacATeamWritesThePackFindsNothing(@ForAll("setups") Setup setup) {
        var plan = IdentityPlans.plan(ctx -> setup.define());
        assertThat(rbacFindings(plan)).isEmpty();
    }

    @Property(tries = 60)
    void aHandWrittenBindingThatBreaksTheContractIsCaughtByItsPolicy(@ForAll("setups") Setup setup, @ForAll Mutation mutation) {
        var plan = IdentityPlans.plan(ctx -> {
            setup.define();
            new KubernetesObject("hand-written", KubernetesObject.Args.fromManifest("hand-written binding",
                    binding("hand-written", mutation.subject(setup), mutation.role())), null);
        });
        assertThat(rbacFindings(plan)).anySatisfy(f -> assertThat(f).startsWith(mutation.policy + ": ").contains("hand-written"));
    }

    private static Map<String, Object> binding(String name, String group, String role) {
        var m = new LinkedHashMap<String, Object>();
        m.put("apiVersion", "rbac.authorization.k8s.io/v1");
        m.put("kind", "ClusterRoleBinding");
        m.put("metadata", Map.of("name", name));
        m.put("subjects", List.of(Map.of("kind", "Group", "apiGroup", "rbac.authorization.k8s.io", "name", group)));
        m.put("roleRef", Map.of("apiGroup", "rbac.authorization.k8s.io", "kind", "ClusterRole", "name", role));
        return m;
    }

    /** Mandatory findings of the RBAC policies, as "policy: message (urn)". */
    static List<String> rbacFindings(Plan plan) {
        var resources = plan.resources().stream().map(PolicyResource::of).toList();
        return new PolicyEngine(PolicyPack.policies(), PackConfig.empty()).analyzeStack(resources).stream()
                .filter(v -> v.level() == EnforcementLevel.MANDATORY && RBAC_POLICIES.contains(v.policyId()))
                .map(v -> v.policyId() + ": " + v.message() + " (" + v.urn() + ")").toList();
    }
}
