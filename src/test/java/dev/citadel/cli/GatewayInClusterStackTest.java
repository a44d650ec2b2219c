package dev.citadel.cli;

import dev.citadel.plan.Plan;
import dev.citadel.value.Redacted;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * citadel:gateway.inClusterKeycloak from stack config: one setting (the CA ConfigMap) puts every policy on the Keycloak
 * operator's Service, verified by a BackendTLSPolicy, and the plan passes the gateway contract.
 */
class GatewayInClusterStackTest {
    private static final String PROJECT = "src/test/resources/projects/gateway-in-cluster";

    @SuppressWarnings("unchecked")
    @Test
    void theCaConfigMapAloneSendsThePoliciesToKeycloaksServiceVerifiedWithIt() {
        Plan plan = PlanCommand.plan(Path.of(PROJECT), "internal-ca");
        var tls = Redacted.kubernetesObject(plan.find("kubernetes:gateway.networking.k8s.io/v1:BackendTLSPolicy",
                "internal-ca-gateway-keycloak-tls").orElseThrow().inputs());
        assertThat(((Map<String, Object>) tls.get("metadata")).get("namespace")).isEqualTo("identity");
        assertThat(((Map<String, Object>) tls.get("spec")).get("validation")).isEqualTo(Map.of(
                "hostname", "keycloak-service.identity.svc",
                "caCertificateRefs", List.of(Map.of("group", "", "kind", "ConfigMap", "name", "keycloak-ca"))));
        var jwt = (Map<String, Object>) ((Map<String, Object>) Redacted.kubernetesObject(plan.find(
                "kubernetes:gateway.envoyproxy.io/v1alpha1:SecurityPolicy", "internal-ca-gateway-api").orElseThrow().inputs())
                .get("spec")).get("jwt");
        var provider = ((List<Map<String, Object>>) jwt.get("providers")).get(0);
        assertThat(provider.get("issuer")).isEqualTo("https://sso.fixture.lan/realms/fixture");
        assertThat(((Map<String, Object>) provider.get("remoteJWKS")).get("uri"))
                .isEqualTo("https://keycloak-service.identity.svc:8443/realms/fixture/protocol/openid-connect/certs");

        var result = Cli.run("plan", "--stack", "internal-ca", "--project-dir", PROJECT);
        assertThat(result.exitCode()).as("stderr: %s", result.err()).isZero();
        assertThat(result.out()).contains("Policies: 0 mandatory");
        // The external route is only targeted: no HTTPRoute rendered for it, and the plan says it cannot verify it.
        assertThat(plan.find("kubernetes:gateway.networking.k8s.io/v1:HTTPRoute", "internal-ca-gateway-reports-route")).isEmpty();
        assertThat(plan.find("kubernetes:gateway.envoyproxy.io/v1alpha1:SecurityPolicy", "internal-ca-gateway-reports")).isPresent();
        assertThat(result.out()).contains("[advisory]  gateway-auth-contract").contains("is on HTTPRoute app/reports, made outside this stack");
    }

    /** The CA ConfigMap is a name the plan must answer: undeclared, references-resolve names it. */
    @Test
    void anUndeclaredCaConfigMapIsANameNothingAnswers() {
        var resources = PlanCommand.plan(Path.of(PROJECT), "internal-ca").resources().stream()
                .map(dev.citadel.policy.PolicyResource::of).toList();
        var misses = dev.citadel.policy.rules.ReferencesResolve.misses(resources, List.of("Keycloak identity/keycloak"));
        assertThat(misses).extracting(m -> m.message()).filteredOn(m -> m.contains("identity/"))
                .singleElement().asString().contains("spec.validation.caCertificateRefs[0]) names ConfigMap identity/keycloak-ca");
        assertThat(dev.citadel.policy.rules.ReferencesResolve.misses(resources,
                List.of("Keycloak identity/keycloak", "ConfigMap identity/keycloak-ca"))).extracting(m -> m.message())
                .noneMatch(m -> m.contains("identity/"));
    }
}
