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

    private static final String TLS_POLICY = """
              - apiVersion: gateway.networking.k8s.io/v1
                kind: BackendTLSPolicy
                metadata: {name: keycloak-tls, namespace: identity}
                spec:
                  targetRefs: [{group: "", kind: Service, name: keycloak-service}]
                  validation:
                    caCertificateRefs: [{group: "", kind: ConfigMap, name: keycloak-ca}]
                    hostname: keycloak-service.identity.svc
            """;
    private static final String REFS = ", backendRefs: [{name: keycloak-service, namespace: identity, port: 8443}]";
    private static final String ISSUER = "https://sso.homelab.lan/realms/homelab";

    /** Exactly what GatewayAuth renders for an in-cluster Keycloak passes: https to the Service, a CA verifying it. */
    @Test
    void anInClusterHttpsJwksThroughBackendRefsABackendTlsPolicyVerifiesPasses() {
        var inCluster = "https://keycloak-service.identity.svc:8443/realms/homelab/protocol/openid-connect/certs";
        assertThat(RuleRun.messages(policy, jwt(ISSUER, inCluster, REFS) + TLS_POLICY)).isEmpty();
    }

    /** envoyproxy/gateway#4838: Envoy checks a .svc certificate against public CAs and refuses it. */
    @Test
    void anInClusterHttpsJwksWithoutBackendRefsOrWithoutATlsPolicyIsReported() {
        var inCluster = "https://keycloak-service.identity.svc.cluster.local:8443/realms/homelab/protocol/openid-connect/certs";
        assertThat(RuleRun.messages(policy, jwt(ISSUER, inCluster, "") + TLS_POLICY)).hasSize(2)
                .anySatisfy(m -> assertThat(m).contains("in-cluster https host Envoy checks against its public trust bundle"))
                .anySatisfy(m -> assertThat(m).contains("is not the JWKS of its issuer"));
        assertThat(RuleRun.messages(policy, jwt(ISSUER, inCluster, REFS))).singleElement().asString()
                .contains("sends Envoy to Service identity/keycloak-service, which no BackendTLSPolicy of the stack");
        assertThat(RuleRun.messages(policy, jwt(ISSUER, inCluster, REFS) + TLS_POLICY.replace("name: keycloak-service}", "name: keycloak}"))).singleElement()
                .asString().contains("which no BackendTLSPolicy of the stack");
    }

    @Test
    void anInClusterJwksOverPlainHttpIsReportedAndOneOffThePathToo() {
        var http = "http://keycloak-service.identity.svc:8080/realms/homelab/protocol/openid-connect/certs";
        assertThat(RuleRun.messages(policy, jwt(ISSUER, http, ", backendRefs: [{name: keycloak-service, namespace: identity, port: 8080}]")))
                .singleElement().asString().contains("fetches the realm's keys in clear text");
        assertThat(RuleRun.messages(policy, jwt(ISSUER, http, ""))).anySatisfy(m -> assertThat(m).contains("is not the JWKS of its issuer"));
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
        assertThat(RuleRun.messages(policy, doc.formatted("grafana"))).singleElement().asString()
                .contains("targets HTTPRoute web/grafana, which the stack does not render");
        assertThat(RuleRun.messages(policy, doc.formatted("'[unknown]'"))).singleElement().asString().contains("not known until deployment");
    }

    private static String oidcOnRoute(String route) {
        return "resources:\n" + REALM.replace("          - clientId: api", "          - clientId: grafana\n"
                + "            redirectUris: [\"https://grafana.homelab.lan/oauth2/callback\"]\n          - clientId: api") + """
                  - apiVersion: gateway.envoyproxy.io/v1alpha1
                    kind: SecurityPolicy
                    metadata: {name: grafana-oidc, namespace: monitoring}
                    spec:
                      targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: %s}]
                      oidc:
                        provider: {issuer: https://sso.homelab.lan/realms/homelab}
                        clientID: grafana
                        clientSecret: {name: grafana-oidc}
                        redirectURL: https://grafana.homelab.lan/oauth2/callback
                """.formatted(route);
    }

    /** A route made outside the stack: undeclared it is a violation naming the fix; declared, an advisory, never silence. */
    @Test
    void aRedirectOnAnHttpRouteTheStackDoesNotRenderIsAViolationUntilDeclaredThenAnAdvisory() {
        var undeclared = RuleRun.run(policy, oidcOnRoute("grafana"));
        assertThat(undeclared).singleElement().satisfies(v -> {
            assertThat(v.level()).isEqualTo(dev.citadel.policy.EnforcementLevel.MANDATORY);
            assertThat(v.message()).contains("targets HTTPRoute monitoring/grafana, which the stack does not render")
                    .contains("if HTTPRoute monitoring/grafana is made outside the stack, declare it in gateway-auth-contract's externalRoutes");
        });
        var declared = RuleRun.run(policy, "config: {externalRoutes: [monitoring/grafana]}\n" + oidcOnRoute("grafana"));
        assertThat(declared).singleElement().satisfies(v -> {
            assertThat(v.level()).isEqualTo(dev.citadel.policy.EnforcementLevel.ADVISORY);
            assertThat(v.message()).contains("is on HTTPRoute monitoring/grafana, made outside this stack (declared in externalRoutes)")
                    .contains("make sure it answers grafana.homelab.lan/oauth2/callback");
        });
        assertThat(RuleRun.run(policy, "config: {externalRoutes: [monitoring/grafana]}\n" + oidcOnRoute("grafana-ui")))
                .singleElement().satisfies(v -> assertThat(v.level()).isEqualTo(dev.citadel.policy.EnforcementLevel.MANDATORY));
    }

    private static String jwtOn(String target, String routes) {
        var policy = jwt(ISSUER, ISSUER + "/protocol/openid-connect/certs", "");
        assertThat(policy).contains("    spec:\n      jwt:");
        return policy.replace("    spec:\n      jwt:", "    spec:\n      targetRefs: [{group: gateway.networking.k8s.io, kind: "
                + "HTTPRoute, name: " + target + "}]\n      jwt:") + routes;
    }

    private static final String API_ROUTE = """
              - apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: api, namespace: apps}
                spec:
                  hostnames: [api.homelab.lan]
                  rules: [{backendRefs: [{name: api, port: 8080}]}]
            """;

    /**
     * A JWT policy has no redirect to give a missing route away: its target is what says the policy protects nothing. A
     * typo in the name leaves the API it was meant for open; a route made elsewhere is declared, then passes.
     */
    @Test
    void aJwtPolicyWhoseTargetNamesNoHttpRouteOfTheStackIsAViolationUntilDeclared() {
        assertThat(RuleRun.run(policy, jwtOn("api", API_ROUTE))).isEmpty();
        assertThat(RuleRun.run(policy, jwtOn("apii", API_ROUTE))).singleElement().satisfies(v -> {
            assertThat(v.level()).isEqualTo(dev.citadel.policy.EnforcementLevel.MANDATORY);
            assertThat(v.message()).contains("SecurityPolicy apps/api-jwt targets HTTPRoute apps/apii, which the stack does not render")
                    .contains("served without authentication")
                    .contains("declare it in gateway-auth-contract's externalRoutes");
        });
        assertThat(RuleRun.run(policy, "config: {externalRoutes: [apps/apii]}\n" + jwtOn("apii", API_ROUTE))).isEmpty();
        // The same name in another namespace is not the route: a policy targets routes of its own namespace only.
        assertThat(RuleRun.run(policy, jwtOn("api", API_ROUTE.replace("namespace: apps", "namespace: web")))).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("targets HTTPRoute apps/api"));
    }
}
