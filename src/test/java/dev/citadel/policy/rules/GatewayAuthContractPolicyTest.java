package dev.citadel.policy.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway contract's edges: what Envoy Gateway and Keycloak accept passes, what they do not is reported. */
class GatewayAuthContractPolicyTest {
    private final GatewayAuthContract policy = new GatewayAuthContract();

    private static final String REALM = """
              - apiVersion: k8s.keycloak.org/v2alpha1
                kind: KeycloakRealmImport
                metadata: {name: homelab, namespace: identity}
                spec:
                  realm:
                    realm: homelab
                    clientScopes:
                      - name: basic
                        protocolMappers: [{name: sub, protocolMapper: oidc-sub-mapper, config: {}}]
                    clients:
                      - clientId: api
                        redirectUris: ["https://api.homelab.lan/*"]
                        defaultClientScopes: [basic]
            """;

    private static String jwt(String issuer, String jwks, String extra) {
        return "resources:\n" + REALM + """
                  - apiVersion: gateway.envoyproxy.io/v1alpha1
                    kind: SecurityPolicy
                    metadata: {name: api-jwt, namespace: apps}
                    spec:
                      jwt:
                        providers:
                          - name: realm
                            issuer: %s
                            audiences: [api]
                            remoteJWKS: {uri: %s%s}
                            claimToHeaders: [{header: x-user-id, claim: sub}]
                """.formatted(issuer, jwks, extra);
    }

    @Test
    void anInClusterJwksOfTheRealmsPathWithBackendRefsPassesAndWithoutThemIsReported() {
        var inCluster = "http://keycloak-service.identity.svc:8080/realms/homelab/protocol/openid-connect/certs";
        assertThat(RuleRun.messages(policy, jwt("https://sso.homelab.lan/realms/homelab", inCluster,
                ", backendRefs: [{name: keycloak-service, namespace: identity, port: 8080}]"))).isEmpty();
        assertThat(RuleRun.messages(policy, jwt("https://sso.homelab.lan/realms/homelab", inCluster, "")))
                .singleElement().asString().contains("is not the JWKS of its issuer");
    }

    @Test
    void theConfiguredIssuerWinsOverTheRealmsAndAnAudienceNoClientHasIsReported() {
        var ok = jwt("https://sso.homelab.lan/realms/homelab", "https://sso.homelab.lan/realms/homelab/protocol/openid-connect/certs", "");
        assertThat(RuleRun.messages(policy, "config: {issuerUrl: 'https://login.example.com/realms/homelab'}\n" + ok))
                .singleElement().asString().contains("is not the stack's issuer https://login.example.com/realms/homelab");
        assertThat(RuleRun.messages(policy, ok.replace("audiences: [api]", "audiences: [apii]")))
                .singleElement().asString().contains("the realm has no client 'apii'");
    }

    @Test
    void aRedirectOnAWildcardRouteUnderAnExactCallbackPathIsAnsweredAndAnotherPathIsNot() {
        var doc = """
                resources:
                  - apiVersion: gateway.networking.k8s.io/v1
                    kind: HTTPRoute
                    metadata: {name: apps, namespace: web}
                    spec:
                      hostnames: ["*.homelab.lan"]
                      rules:
                        - matches: [{path: {type: Exact, value: /oauth2/callback}}, {path: {type: PathPrefix, value: /app}}]
                  - apiVersion: gateway.envoyproxy.io/v1alpha1
                    kind: SecurityPolicy
                    metadata: {name: sso, namespace: web}
                    spec:
                      targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: apps}]
                      oidc:
                        provider: {issuer: https://sso.homelab.lan/realms/homelab}
                        clientSecret: {name: sso}
                        redirectURL: %s
                """;
        assertThat(RuleRun.messages(policy, doc.formatted("https://grafana.homelab.lan/oauth2/callback"))).isEmpty();
        assertThat(RuleRun.messages(policy, doc.formatted("https://grafana.homelab.lan/application/callback")))
                .singleElement().asString().contains("is answered by no HTTPRoute");
        assertThat(RuleRun.messages(policy, doc.formatted("https://homelab.lan/oauth2/callback")))
                .singleElement().asString().contains("is answered by no HTTPRoute");
    }

    @Test
    void aPolicyTargetingARouteTheStackDoesNotRenderIsReportedAndAnUnknownTargetIsUndecidable() {
        var doc = """
                resources:
                  - apiVersion: gateway.envoyproxy.io/v1alpha1
                    kind: SecurityPolicy
                    metadata: {name: sso, namespace: web}
                    spec:
                      targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: %s}]
                      oidc:
                        provider: {issuer: https://sso.homelab.lan/realms/homelab}
                        clientSecret: {name: sso}
                        redirectURL: https://grafana.homelab.lan/oauth2/callback
                """;
        assertThat(RuleRun.messages(policy, doc.formatted("grafana"))).singleElement().asString().contains("answered by no HTTPRoute");
        assertThat(RuleRun.messages(policy, doc.formatted("'[unknown]'"))).singleElement().asString().contains("not known until deployment");
    }
}
