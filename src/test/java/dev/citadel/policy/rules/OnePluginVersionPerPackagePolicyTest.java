package dev.citadel.policy.rules;

import com.pulumi.Context;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import dev.citadel.plan.Plan;
import dev.citadel.plan.PlanRunner;
import dev.citadel.plan.Registration;
import dev.citadel.policy.PackConfig;
import dev.citadel.policy.PolicyEngine;
import dev.citadel.policy.PolicyResource;
import dev.citadel.policy.Violation;
import dev.citadel.provider.Plugin;
import dev.citadel.secrets.SecretStoreRef;
import dev.citadel.secrets.VaultBackedSecret;
import dev.citadel.secrets.VaultBackedSecretArgs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19: a consumer's stack holds its own typed resources (the Java SDK's classes, which name the SDK's plugin,
 * kubernetes 4.0.0) next to Citadel's (pinned 4.34.2). With {@code Plugin.KUBERNETES.options()} both run on one
 * plugin; without it the plan says the stack runs two, naming a resource on each.
 */
class OnePluginVersionPerPackagePolicyTest {

    /** Grafana's dashboards next to its admin password, as the consumer project writes them. */
    private static Consumer<Context> grafana(CustomResourceOptions dashboardOptions) {
        return ctx -> {
            new VaultBackedSecret("grafana-admin", VaultBackedSecretArgs.builder()
                    .store(SecretStoreRef.cluster("vault", "secret"))
                    .path("monitoring/grafana-admin")
                    .generate("admin-password")
                    .syncTo("monitoring")
                    .build());
            new ConfigMap("grafana-dashboards", ConfigMapArgs.builder()
                    .metadata(ObjectMetaArgs.builder().name("grafana-dashboards").namespace("monitoring").build())
                    .data(Map.of("home.json", "{}"))
                    .build(), dashboardOptions);
        };
    }

    private static Plan plan(Consumer<Context> program) {
        return new PlanRunner("grafana", "dev", Map.of(), Set.of()).run(program);
    }

    private static List<Violation> verdicts(Plan plan) {
        var policy = new OnePluginVersionPerPackage();
        return new PolicyEngine(List.of(policy), PackConfig.empty()).analyzeStack(PolicyResource.of(plan.resources()));
    }

    @Test
    void theConsumersTypedResourceWithPluginOptionsRegistersTheVersionCitadelPins() {
        var plan = plan(grafana(Plugin.KUBERNETES.options()));
        var kubernetes = plan.resources().stream().filter(Registration::isKubernetes).toList();
        assertThat(kubernetes).extracting(Registration::type)
                .contains("kubernetes:core/v1:ConfigMap", "kubernetes:external-secrets.io/v1:ExternalSecret");
        assertThat(kubernetes).extracting(r -> r.version().orElse("none")).containsOnly("4.34.2");
        assertThat(verdicts(plan)).isEmpty();
    }

    @Test
    void pinKeepsTheConsumersOwnOptions() {
        var plan = plan(grafana(Plugin.KUBERNETES.pin(CustomResourceOptions.builder().protect(true).build())));
        var dashboards = plan.find("kubernetes:core/v1:ConfigMap", "grafana-dashboards").orElseThrow();
        assertThat(dashboards.version()).contains("4.34.2");
        assertThat(dashboards.options().protect()).isTrue();
    }

    @Test
    void theSdksOwnVersionNextToCitadelsIsOneLineNamingBothVersionsAndAResourceOfEach() {
        var plan = plan(grafana(null));
        assertThat(plan.find("kubernetes:core/v1:ConfigMap", "grafana-dashboards").orElseThrow().version()).contains("4.0.0");
        assertThat(verdicts(plan)).singleElement().satisfies(v -> {
            assertThat(v.policyId()).isEqualTo("one-plugin-version-per-package");
            assertThat(v.message()).doesNotContain("\n").isEqualTo("the kubernetes plugin runs in 2 versions in this stack: "
                    + "4.0.0 (kubernetes:core/v1:ConfigMap 'grafana-dashboards'), "
                    + "4.34.2 (kubernetes:external-secrets.io/v1:ExternalSecret 'grafana-admin-monitoring'); each is a provider "
                    + "of its own. Citadel pins kubernetes 4.34.2: give your own resources Plugin.KUBERNETES.options()");
            assertThat(v.remediation()).contains("Plugin.KUBERNETES.options()");
        });
    }

    @Test
    void pinningLeavesTheSdksSharedEmptyOptionsAlone() {
        // The SDK's merge wrote into CustomResourceOptions.Empty when given null: every resource created later without
        // options took the last pinned version of any plugin, so the mixed stack above planned as one version.
        Plugin.VAULT.pin(null);
        Plugin.KUBERNETES.options();
        assertThat(CustomResourceOptions.Empty.getVersion()).isEmpty();
    }

    @Test
    void anExplicitProviderDecidesTheVersionItsResourcesRunOn() {
        // The provider instance is the SDK's (4.0.0): the ConfigMap's own pinned version option does not count.
        var plan = plan(ctx -> {
            var provider = new com.pulumi.kubernetes.Provider("cluster");
            grafana(Plugin.KUBERNETES.pin(CustomResourceOptions.builder().provider(provider).build())).accept(ctx);
        });
        assertThat(verdicts(plan)).singleElement().satisfies(v -> assertThat(v.message())
                .contains("4.0.0 (kubernetes:core/v1:ConfigMap 'grafana-dashboards')")
                .contains("4.34.2 (kubernetes:external-secrets.io/v1:ExternalSecret 'grafana-admin-monitoring')"));
    }
}
