package dev.citadel.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import dev.citadel.contract.KeycloakService;
import dev.citadel.identity.KeycloakRealm;
import dev.citadel.identity.KeycloakRealmArgs;
import dev.citadel.plan.Plan;
import dev.citadel.plan.PlanRunner;
import dev.citadel.plan.Registration;
import dev.citadel.policy.PackConfig;
import dev.citadel.policy.PolicyEngine;
import dev.citadel.policy.PolicyResource;
import dev.citadel.policy.Violation;
import dev.citadel.policy.rules.PolicyPack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.citadel.gateway.GatewayAuthTest.POLICY;
import static dev.citadel.gateway.GatewayAuthTest.object;
import static dev.citadel.gateway.GatewayAuthTest.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Keycloak behind a certificate no public CA signed (envoyproxy/gateway#4838): the policies reach the realm through
 * its Service, verified by a BackendTLSPolicy with the CA, read as Envoy Gateway and the Gateway API read them and
 * against the vendored CRD subsets (envoy-gateway v1.9.0, gateway-api v1.6.1).
 */
class InClusterKeycloakTest {
    static final String TLS_POLICY = "kubernetes:gateway.networking.k8s.io/v1:BackendTLSPolicy";
    static final String GRANT = "kubernetes:gateway.networking.k8s.io/v1beta1:ReferenceGrant";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KeycloakService SERVICE = KeycloakService.operator("identity", "keycloak");
    private static final InClusterKeycloak.CaCertificate CA = InClusterKeycloak.CaCertificate.configMap("keycloak-ca");
    private static final String ISSUER = "https://sso.homelab.lan/realms/homelab";
    private static Plan plan;

    @BeforeAll
    static void load() {
        plan = plan(InClusterKeycloak.of(SERVICE, CA));
    }

    static Plan plan(InClusterKeycloak keycloak) {
        var realm = GatewayFixtures.realm().build();
        return new PlanRunner("citadel", "test", Map.of(), Set.of()).run(ctx -> {
            new KeycloakRealm("homelab", realm);
            new GatewayAuth("homelab-gateway", GatewayFixtures.args(realm).inClusterKeycloak(keycloak).build());
        });
    }

    private static GatewayAuthArgs args(InClusterKeycloak keycloak) {
        return GatewayFixtures.args(GatewayFixtures.realm().build()).inClusterKeycloak(keycloak).build();
    }

    @SuppressWarnings("unchecked")
    @Test
    void theJwtPolicyFetchesKeysFromKeycloaksServiceAndStillTrustsThePublicIssuer() {
        var jwt = (Map<String, Object>) spec(plan, POLICY, "homelab-gateway-api").get("jwt");
        var provider = ((List<Map<String, Object>>) jwt.get("providers")).get(0);
        assertThat(provider.get("issuer")).isEqualTo(ISSUER);
        var jwks = (Map<String, Object>) provider.get("remoteJWKS");
        assertThat(jwks.get("uri")).isEqualTo("https://keycloak-service.identity.svc:8443/realms/homelab/protocol/openid-connect/certs");
        assertThat(jwks.get("backendRefs")).isEqualTo(List.of(Map.of("group", "", "kind", "Service",
                "name", "keycloak-service", "namespace", "identity", "port", 8443L)));
        assertThat(jwks.get("cacheDuration")).isEqualTo("300s");
    }

    @SuppressWarnings("unchecked")
    @Test
    void theOidcPoliciesDiscoverThroughTheServiceTooWithThePublicIssuer() {
        for (var name : List.of("homelab-gateway-grafana", "homelab-gateway-hubble-ui")) {
            var provider = (Map<String, Object>) ((Map<String, Object>) spec(plan, POLICY, name).get("oidc")).get("provider");
            assertThat(provider.get("issuer")).isEqualTo(ISSUER);
            assertThat((List<Map<String, Object>>) provider.get("backendRefs")).singleElement()
                    .satisfies(ref -> assertThat(ref).containsEntry("name", "keycloak-service").containsEntry("port", 8443L));
        }
    }

    @Test
    void theBackendTlsPolicyNamesTheCaAndTheServicesNameAndTheGrantLetsEveryPolicyNamespaceIn() {
        var tls = object(plan.find(TLS_POLICY, "homelab-gateway-keycloak-tls").orElseThrow());
        assertThat(((Map<?, ?>) tls.get("metadata")).get("namespace")).isEqualTo("identity");
        var spec = (Map<?, ?>) tls.get("spec");
        assertThat(spec.get("targetRefs")).isEqualTo(List.of(Map.of("group", "", "kind", "Service", "name", "keycloak-service")));
        assertThat(spec.get("validation")).isEqualTo(Map.of("hostname", "keycloak-service.identity.svc",
                "caCertificateRefs", List.of(Map.of("group", "", "kind", "ConfigMap", "name", "keycloak-ca"))));
        var grant = (Map<?, ?>) object(plan.find(GRANT, "homelab-gateway-keycloak").orElseThrow()).get("spec");
        assertThat((List<Map<String, Object>>) grant.get("from")).extracting(m -> m.get("namespace"))
                .containsExactly("apps", "kube-system", "monitoring");
        assertThat(grant.get("to")).isEqualTo(List.of(Map.of("group", "", "kind", "Service", "name", "keycloak-service")));
    }

    @Test
    void everyRenderedObjectConformsToTheCrdsAndAMisspeltFieldFailsThem() throws IOException {
        var policySchema = GatewayAuthTest.schema("/gateway/securitypolicy-v1alpha1.schema.json");
        var tlsSchema = GatewayAuthTest.schema("/gateway/backendtlspolicy-v1.schema.json");
        var grantSchema = GatewayAuthTest.schema("/gateway/referencegrant-v1beta1.schema.json");
        var failures = new ArrayList<String>();
        plan.ofType(POLICY).forEach(r -> validate(policySchema, r, failures));
        plan.ofType(TLS_POLICY).forEach(r -> validate(tlsSchema, r, failures));
        plan.ofType(GRANT).forEach(r -> validate(grantSchema, r, failures));
        assertThat(plan.ofType(TLS_POLICY)).hasSize(1);
        assertThat(plan.ofType(GRANT)).hasSize(1);
        assertThat(failures).isEmpty();

        var tls = object(plan.find(TLS_POLICY, "homelab-gateway-keycloak-tls").orElseThrow());
        @SuppressWarnings("unchecked")
        var validation = (Map<String, Object>) ((Map<String, Object>) tls.get("spec")).get("validation");
        validation.put("caCertificateRef", validation.remove("caCertificateRefs"));
        assertThat(tlsSchema.validate(JSON.valueToTree(tls))).isNotEmpty();
    }

    @Test
    void whatTheComponentRendersPassesTheGatewayContractAndWithoutTheTlsPolicyItDoesNot() {
        assertThat(violations(plan.resources().stream().map(PolicyResource::of).toList())).isEmpty();
        var withoutTls = plan.resources().stream().filter(r -> !r.type().equals(TLS_POLICY)).map(PolicyResource::of).toList();
        assertThat(violations(withoutTls)).hasSize(3).allSatisfy(m -> assertThat(m)
                .contains("Service identity/keycloak-service, which no BackendTLSPolicy of the stack"));
    }

    @Test
    void aGatewayWithoutAnInClusterKeycloakRendersNoTlsPolicyOrGrant() {
        var plain = GatewayAuthTest.plan(GatewayFixtures.realm().build());
        assertThat(plain.ofType(TLS_POLICY)).isEmpty();
        assertThat(plain.ofType(GRANT)).isEmpty();
    }

    @Test
    void aPolicyInKeycloaksOwnNamespaceIsLeftOutOfTheGrant() {
        var local = plan(InClusterKeycloak.of(KeycloakService.operator("apps", "keycloak"), CA)
                .withHostname("keycloak-service.apps.svc"));
        assertThat(local.ofType(GRANT)).singleElement().satisfies(g -> assertThat(
                (List<Map<String, Object>>) ((Map<?, ?>) object(g).get("spec")).get("from"))
                .extracting(m -> m.get("namespace")).containsExactly("kube-system", "monitoring"));
    }

    @Test
    void thePublicHostAndTheServicesOtherNamesAreNamesTheCertificateMayCarry() {
        assertThat(args(InClusterKeycloak.of(SERVICE, CA).withHostname("sso.homelab.lan")).inCluster().orElseThrow().hostname())
                .isEqualTo("sso.homelab.lan");
        assertThat(args(InClusterKeycloak.of(SERVICE, CA).withHostname("keycloak-service.identity.svc.cluster.local"))
                .jwksUri()).isEqualTo("https://keycloak-service.identity.svc:8443/realms/homelab/protocol/openid-connect/certs");
    }

    @Test
    void refusesKeycloaksPlainHttpPort() {
        assertThatThrownBy(() -> args(InClusterKeycloak.of(SERVICE, CA).withPort(8080)))
                .hasMessageContaining("port 8080 is Keycloak's plain-http port").hasMessageContaining("use its https port 8443");
    }

    @Test
    void refusesAPortTheServiceDoesNotServeTlsOn() {
        assertThatThrownBy(() -> args(InClusterKeycloak.of(SERVICE, CA).withPort(443)))
                .hasMessageContaining("port 443 is not Service identity/keycloak-service's https port; use 8443");
    }

    @Test
    void refusesAHostnameKeycloaksCertificateWouldNotName() {
        assertThatThrownBy(() -> args(InClusterKeycloak.of(SERVICE, CA).withHostname("keycloak.other.svc")))
                .hasMessageContaining("hostname 'keycloak.other.svc' is not a name Keycloak's certificate can carry")
                .hasMessageContaining("keycloak-service.identity.svc").hasMessageContaining("sso.homelab.lan");
    }

    @Test
    void refusesNoCa() {
        assertThatThrownBy(() -> args(InClusterKeycloak.of(SERVICE, null)))
                .hasMessageContaining("ca is missing").hasMessageContaining("x509: certificate signed by unknown authority");
        assertThatThrownBy(() -> args(InClusterKeycloak.of(SERVICE, InClusterKeycloak.CaCertificate.configMap("Keycloak CA"))))
                .hasMessageContaining("'Keycloak CA'");
    }

    private static List<String> violations(List<PolicyResource> resources) {
        return new PolicyEngine(PolicyPack.policies(), PackConfig.empty()).analyzeStack(resources).stream()
                .filter(v -> v.policyId().equals("gateway-auth-contract")).map(Violation::message).toList();
    }

    private static void validate(Schema schema, Registration r, List<String> failures) {
        schema.validate(JSON.valueToTree(object(r)))
                .forEach(e -> failures.add(r.name() + " " + e.getInstanceLocation() + ": " + e.getMessage()));
    }
}
