package dev.citadel.policy.rules;

import dev.citadel.contract.EnvoyGateway;
import dev.citadel.policy.ConfigParam;
import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.Findings;
import dev.citadel.policy.Policy;
import dev.citadel.policy.PolicyArgs;
import dev.citadel.policy.PolicyInfo;
import dev.citadel.policy.PolicyResource;
import dev.citadel.value.Prop;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import static dev.citadel.policy.rules.PropReads.items;
import static dev.citadel.policy.rules.PropReads.namespace;
import static dev.citadel.policy.rules.PropReads.opaque;

/**
 * Seeds 000 and 002: Envoy Gateway SecurityPolicies written by hand against the realm drift from it. A JWT policy
 * trusting another issuer or JWKS, or forwarding a claim the realm never puts in its tokens (realm_access.roles
 * without the roles scope), an OIDC policy redirecting over http or to a URL no route of the stack answers
 * (envoyproxy/gateway#2370, #3525), or reading its client secret from a key other than client-secret ("client secret
 * not found in secret"): each passes review and fails at the first login.
 */
public final class GatewayAuthContract implements Policy.StackPolicy {
    static final PolicyInfo INFO = new PolicyInfo(
            "gateway-auth-contract",
            "Envoy Gateway SecurityPolicies target HTTPRoutes the stack renders (or declares external), trust the stack's "
                    + "realm, redirect over https to a route the stack renders, "
                    + "read client-secret, forward only claims the realm issues, and verify an in-cluster Keycloak",
            EnforcementLevel.MANDATORY,
            "Build the policies with Citadel's GatewayAuth from the realm: issuer and JWKS are the realm's, the redirect "
                    + "URL is https on the protected route's hostname, the secret is synced under client-secret, and "
                    + "forwarding realm_access.roles gives the realm client the roles scope; an in-cluster JWKS is https "
                    + "through backendRefs a BackendTLSPolicy verifies with Keycloak's CA",
            "000, 002",
            List.of(new ConfigParam("issuerUrl", "string",
                    "the issuer every SecurityPolicy must trust; default: any realm of the stack (its KeycloakRealmImports and managed realms)"),
                    new ConfigParam("externalRoutes", "array",
                            "HTTPRoutes made outside the stack ('namespace/name') a policy may target (a target neither "
                                    + "rendered nor listed is a violation); an OIDC redirect on one is reported as an advisory "
                                    + "the plan cannot verify")));

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public void check(List<PolicyResource> resources, PolicyArgs args, Findings findings) {
        var realm = GatewayRealm.of(resources);
        var issuer = args.string("issuerUrl", "");
        for (var r : resources) {
            if (!r.isKind("gateway.envoyproxy.io", EnvoyGateway.SECURITY_POLICY)) {
                continue;
            }
            var spec = r.get("spec");
            if (opaque(spec)) {
                findings.undecidable(r, "spec");
                continue;
            }
            checkTargets(r, resources, args.strings("externalRoutes"), findings);
            var jwt = spec.get("jwt");
            if (!jwt.isNull()) {
                var providers = items(jwt.get("providers"));
                for (int i = 0; i < providers.size(); i++) {
                    checkJwt(r, providers.get(i), "spec.jwt.providers[" + i + "]", realm, issuer, resources, findings);
                }
            }
            var oidc = spec.get("oidc");
            if (!oidc.isNull()) {
                checkIssuer(r, oidc.get("provider").get("issuer"), "spec.oidc.provider.issuer", realm, issuer, findings);
                BackendTls.checkRefs(r, items(oidc.get("provider").get("backendRefs")), "spec.oidc.provider.backendRefs",
                        resources, findings);
                checkOidc(r, oidc, resources, realm, args.strings("externalRoutes"), findings);
            }
        }
    }

    /**
     * A policy on an HTTPRoute nothing renders protects nothing: Envoy Gateway attaches it to no route, and when the name
     * is a typo the route it was meant for is served without any login. Only a route declared made elsewhere may be absent.
     */
    private static void checkTargets(PolicyResource r, List<PolicyResource> resources, List<String> externalRoutes,
                                     Findings findings) {
        var undeclared = RouteAnswers.of(r, resources).absent().stream().filter(a -> !externalRoutes.contains(a)).toList();
        if (!undeclared.isEmpty()) {
            var routes = String.join(", ", undeclared);
            findings.violation(r, "SecurityPolicy " + r.namespace().map(ns -> ns + "/").orElse("") + r.objectName() + " targets HTTPRoute " + routes + ", which the stack "
                    + "does not render: Envoy Gateway attaches the policy to no route, and if the name is mistyped the route "
                    + "meant is served without authentication; target a route the stack renders (GatewayAuth renders each "
                    + "app's beside its policy), or, if HTTPRoute " + routes + " is made outside the stack, declare it in "
                    + "gateway-auth-contract's externalRoutes");
        }
    }

    /** Returns the issuer when it is known and the stack's; reports it otherwise. */
    private static String checkIssuer(PolicyResource r, Prop value, String where, GatewayRealm realm, String expected,
                                      Findings findings) {
        var issuer = findings.decidingString(r, value, where);
        if (issuer == null) {
            return null;
        }
        var name = "SecurityPolicy " + r.objectName() + " " + where + " '" + issuer + "'";
        if (!issuer.startsWith("https://")) {
            findings.violation(r, name + " is not https: serve the realm over https and trust its https issuer");
            return null;
        }
        if (!expected.isEmpty()) {
            if (!issuer.equals(expected)) {
                findings.violation(r, name + " is not the stack's issuer " + expected + ": tokens of the realm are refused "
                        + "and tokens of that issuer accepted; use " + expected);
                return null;
            }
            return issuer;
        }
        if (!realm.known()) {
            findings.undecidable(r, "the realm of the stack's KeycloakRealmImport");
            return null;
        }
        var named = GatewayRealm.realmOf(issuer);
        if (realm.present() && (named.isEmpty() || !realm.realms().contains(named.get()))) {
            findings.violation(r, name + " names no realm of the stack (it has " + new java.util.TreeSet<>(realm.realms())
                    + "): the policy trusts tokens the stack's realm did not issue; use <keycloak>/realms/<realm>");
            return null;
        }
        return issuer;
    }

    private static void checkJwt(PolicyResource r, Prop provider, String where, GatewayRealm realm, String expected,
                                 List<PolicyResource> resources, Findings findings) {
        var issuer = checkIssuer(r, provider.get("issuer"), where + ".issuer", realm, expected, findings);
        var jwks = provider.get("remoteJWKS");
        var uri = findings.decidingString(r, jwks.get("uri"), where + ".remoteJWKS.uri");
        if (issuer != null && uri != null) {
            var inCluster = !jwks.get("backendRefs").isNull() || !jwks.get("backendRef").isNull();
            var expectedUri = issuer + EnvoyGateway.KEYCLOAK_JWKS_PATH;
            var samePath = path(uri).equals(path(expectedUri));
            if (!(uri.equals(expectedUri) || (inCluster && samePath))) {
                findings.violation(r, "SecurityPolicy " + r.objectName() + " " + where + ".remoteJWKS.uri '" + uri + "' is not "
                        + "the JWKS of its issuer (" + expectedUri + "): tokens are checked against keys the realm does not "
                        + "sign with; use " + expectedUri + (samePath ? "" : " (or an in-cluster URL of that path with backendRefs)"));
            }
        }
        if (uri != null) {
            BackendTls.checkJwks(r, uri, jwks, where + ".remoteJWKS", resources, findings);
        }
        if (issuer == null || !realm.present()) {
            return;
        }
        var audiences = items(provider.get("audiences"));
        for (var audience : audiences) {
            var id = findings.decidingString(r, audience, where + ".audiences");
            if (id == null) {
                return;
            }
            var client = realm.client(id);
            if (client.isEmpty()) {
                findings.violation(r, "SecurityPolicy " + r.objectName() + " " + where + " expects audience '" + id
                        + "', but the realm has no client '" + id + "' (it has " + new java.util.TreeSet<>(realm.clients().keySet())
                        + "): no token carries it, so every request is refused; add the client to the realm");
                continue;
            }
            var claims = items(provider.get("claimToHeaders"));
            for (int i = 0; i < claims.size(); i++) {
                var claim = findings.decidingString(r, claims.get(i).get("claim"), where + ".claimToHeaders[" + i + "].claim");
                if (claim != null && !client.get().claims().contains(claim)) {
                    findings.violation(r, "SecurityPolicy " + r.objectName() + " forwards claim '" + claim + "', which the "
                            + "realm never issues to client '" + id + "': the header is always missing"
                            + (claim.equals(EnvoyGateway.REALM_ROLES_CLAIM) ? "; add the roles scope to the client's default scopes"
                            : "; add the client scope (or mapper) that writes it"));
                }
            }
        }
    }

    private static void checkOidc(PolicyResource r, Prop oidc, List<PolicyResource> resources, GatewayRealm realm,
                                  List<String> externalRoutes, Findings findings) {
        var name = "SecurityPolicy " + r.objectName();
        var redirect = oidc.get("redirectURL");
        if (!redirect.isNull()) {
            var url = findings.decidingString(r, redirect, "spec.oidc.redirectURL");
            if (url != null) {
                checkRedirect(r, url, oidc, resources, realm, externalRoutes, findings);
            }
        }
        var secretName = findings.decidingString(r, oidc.get("clientSecret").get("name"), "spec.oidc.clientSecret.name");
        var secretNs = oidc.get("clientSecret").get("namespace").isNull() ? namespace(r) : oidc.get("clientSecret").get("namespace");
        var ns = findings.decidingString(r, secretNs, "spec.oidc.clientSecret.namespace");
        if (secretName == null || ns == null) {
            return;
        }
        for (var s : resources) {
            var keys = SecretKeys.of(s, ns, secretName);
            if (keys.isEmpty()) {
                continue;
            }
            if (keys.get().unknown()) {
                findings.undecidable(r, "the keys of Secret " + ns + "/" + secretName);
            } else if (keys.get().complete() && !keys.get().names().contains(EnvoyGateway.CLIENT_SECRET_KEY)) {
                findings.violation(r, name + " reads its client secret from Secret " + ns + "/" + secretName + ", which has "
                        + "keys " + keys.get().names() + " but no '" + EnvoyGateway.CLIENT_SECRET_KEY + "': Envoy Gateway "
                        + "reports \"client secret not found in secret\" and nobody logs in; store it under "
                        + EnvoyGateway.CLIENT_SECRET_KEY);
            }
        }
    }

    private static void checkRedirect(PolicyResource r, String url, Prop oidc, List<PolicyResource> resources,
                                      GatewayRealm realm, List<String> externalRoutes, Findings findings) {
        var name = "SecurityPolicy " + r.objectName() + " redirectURL '" + url + "'";
        if (url.contains("%REQ(")) {
            return;
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            findings.violation(r, name + " is not a URL; give https://<the route's hostname>/oauth2/callback");
            return;
        }
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
            findings.violation(r, name + " is not https: Envoy sets its session cookies Secure and Keycloak sends the "
                    + "code in the clear; use https://" + (uri.getHost() == null ? "<host>" : uri.getHost())
                    + (uri.getRawPath() == null ? "" : uri.getRawPath()));
            return;
        }
        var host = uri.getHost().toLowerCase(Locale.ROOT);
        var path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        var routes = RouteAnswers.of(r, resources);
        var answer = routes.answers(host, path);
        if (answer == RouteAnswers.Answer.UNKNOWN) {
            findings.undecidable(r, "the HTTPRoute it targets (hostnames, rules)");
        } else if (answer == RouteAnswers.Answer.NO && !routes.absent().isEmpty() && externalRoutes.containsAll(routes.absent())) {
            findings.advisory(r, name + " is on HTTPRoute " + String.join(", ", routes.absent()) + ", made outside this "
                    + "stack (declared in externalRoutes): the plan cannot see its hostnames and rules; make sure it "
                    + "answers " + host + path + ", or Keycloak sends people where no OIDC filter waits for the code");
        } else if (answer == RouteAnswers.Answer.NO && routes.absent().isEmpty()) {
            // With a target the stack does not render, checkTargets has reported the policy, naming the fix.
            findings.violation(r, name + " is answered by no HTTPRoute of the stack that the policy protects: Keycloak "
                    + "sends people back to a URL where no OIDC filter waits for the code (envoyproxy/gateway#2370); put "
                    + "the callback on the protected route's hostname, under a path it matches");
        }
        var clientId = oidc.get("clientID");
        if (!realm.present() || clientId.isNull()) {
            return;
        }
        var id = findings.decidingString(r, clientId, "spec.oidc.clientID");
        if (id == null) {
            return;
        }
        var client = realm.client(id);
        if (client.isEmpty()) {
            findings.violation(r, "SecurityPolicy " + r.objectName() + " logs in as client '" + id + "', which the stack's "
                    + "realm lacks: Keycloak answers \"Client not found\"; add the client to the realm");
            return;
        }
        var uris = client.get().redirectUris();
        if (uris.stream().anyMatch(PropReads::opaque)) {
            findings.undecidable(r, "the redirect URIs of realm client '" + id + "'");
        } else if (uris.stream().map(u -> u.string().orElse("")).noneMatch(u -> u.equals(url)
                || (u.endsWith("*") && url.startsWith(u.substring(0, u.length() - 1))))) {
            findings.violation(r, name + " is not a redirect URI of realm client '" + id + "' (it has "
                    + GatewayRealm.strings(uris) + "): Keycloak refuses the login with \"Invalid parameter: redirect_uri\"; "
                    + "make the client's redirect URIs the policy's");
        }
    }

    private static String path(String url) {
        try {
            var p = URI.create(url).getRawPath();
            return p == null ? "" : p;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}
