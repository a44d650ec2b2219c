package dev.citadel.gateway;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.citadel.component.ComponentError;
import dev.citadel.contract.EnvoyGateway;
import dev.citadel.contract.Labels;
import dev.citadel.provider.KubernetesObject;

import javax.annotation.Nullable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Envoy Gateway authentication from the realm (seed 002 items 3 and 6): per protected app an HTTPRoute
 * ({@code <name>-<route>-route}) and the SecurityPolicy on it ({@code <name>-<route>}): OIDC for browser apps, JWT for
 * APIs. Issuer, JWKS and client ids come from the realm the args were checked against, so nothing is copied by hand.
 */
public final class GatewayAuth extends ComponentResource {
    public static final String TYPE = "citadel:gateway:GatewayAuth";

    private final Map<String, String> redirectUrls = new TreeMap<>();
    private final Map<String, String> policies = new TreeMap<>();

    public GatewayAuth(String name, GatewayAuthArgs args) {
        this(name, args, null);
    }

    /** @param options pass the VaultBackedSecrets holding the client secrets as {@code dependsOn} */
    public GatewayAuth(String name, GatewayAuthArgs args, @Nullable ComponentResourceOptions options) {
        super(TYPE, name, options);
        try {
            var child = dev.citadel.component.Children.waitingWith(this, options).build();
            for (var app : args.oidcApps()) {
                emit(name, args, app.route(), "oidc", oidc(args, app), child);
                redirectUrls.put(app.route().name(), app.redirectUrl());
            }
            for (var api : args.jwtApis()) {
                emit(name, args, api.route(), "jwt", jwt(args, api), child);
            }
            args.inCluster().ifPresent(keycloak -> inCluster(name, args, keycloak, child));
            var outputs = new LinkedHashMap<String, Output<?>>();
            outputs.put("issuerUrl", Output.of(args.issuerUrl()));
            outputs.put("policies", Output.of(Map.copyOf(policies)));
            outputs.put("redirectUrls", Output.of(Map.copyOf(redirectUrls)));
            registerOutputs(outputs);
        } catch (IllegalArgumentException e) {
            // Named here, where the name is known: a builder ran before it was.
            throw ComponentError.of(TYPE, name, e);
        }
    }

    private void emit(String name, GatewayAuthArgs args, Route route, String kind, Map<String, Object> auth,
                      CustomResourceOptions child) {
        if (!route.external()) {
            new KubernetesObject(name + "-" + route.name() + "-route", KubernetesObject.Args.fromManifest(
                    "route " + route.name(), route.manifest(args.gatewayNamespace(), args.gatewayName())), child);
        }
        var spec = new LinkedHashMap<String, Object>();
        spec.put("targetRefs", route.targetRefs());
        spec.put(kind, auth);
        var policyName = route.name() + "-" + kind;
        new KubernetesObject(name + "-" + route.name(), new KubernetesObject.Args(EnvoyGateway.SECURITY_POLICY_API,
                EnvoyGateway.SECURITY_POLICY, Labels.metadata(policyName, route.namespace()), spec), child);
        policies.put(route.name(), route.namespace() + "/" + policyName);
    }

    /** The BackendTLSPolicy on Keycloak's Service and, for policies in other namespaces, the grant to reach it. */
    private static void inCluster(String name, GatewayAuthArgs args, InClusterKeycloak keycloak, CustomResourceOptions child) {
        var tls = name + "-keycloak-tls";
        new KubernetesObject(tls, KubernetesObject.Args.fromManifest("BackendTLSPolicy " + tls, keycloak.tlsPolicy(tls)), child);
        var namespaces = new java.util.TreeSet<String>();
        args.oidcApps().forEach(a -> namespaces.add(a.route().namespace()));
        args.jwtApis().forEach(a -> namespaces.add(a.route().namespace()));
        namespaces.remove(keycloak.service().namespace());
        if (!namespaces.isEmpty()) {
            var grant = name + "-keycloak";
            new KubernetesObject(grant, KubernetesObject.Args.fromManifest("ReferenceGrant " + grant,
                    keycloak.referenceGrant(grant, namespaces)), child);
        }
    }

    static Map<String, Object> oidc(GatewayAuthArgs args, OidcApp app) {
        var oidc = new LinkedHashMap<String, Object>();
        var provider = new LinkedHashMap<String, Object>();
        provider.put("issuer", args.issuerUrl());
        args.inCluster().ifPresent(k -> provider.put("backendRefs", k.backendRefs()));
        oidc.put("provider", provider);
        oidc.put("clientID", app.clientId());
        var secret = new LinkedHashMap<String, Object>();
        secret.put("kind", "Secret");
        secret.put("name", app.clientSecret().name());
        oidc.put("clientSecret", secret);
        oidc.put("scopes", app.scopes());
        oidc.put("redirectURL", app.redirectUrl());
        oidc.put("logoutPath", app.logoutPath());
        oidc.put("cookieDomain", app.cookieDomain());
        return oidc;
    }

    static Map<String, Object> jwt(GatewayAuthArgs args, JwtApi api) {
        var jwks = new LinkedHashMap<String, Object>();
        jwks.put("uri", args.jwksUri());
        jwks.put("cacheDuration", args.cacheDuration());
        args.inCluster().ifPresent(k -> jwks.put("backendRefs", k.backendRefs()));
        var claims = new java.util.ArrayList<Map<String, Object>>();
        api.claimToHeaders().forEach((claim, header) -> {
            var m = new LinkedHashMap<String, Object>();
            m.put("header", header);
            m.put("claim", claim);
            claims.add(m);
        });
        var provider = new LinkedHashMap<String, Object>();
        provider.put("name", "realm");
        provider.put("issuer", args.issuerUrl());
        provider.put("audiences", List.of(api.clientId()));
        provider.put("remoteJWKS", jwks);
        provider.put("claimToHeaders", claims);
        return Map.of("providers", List.of(provider));
    }

    /** Per protected route: the SecurityPolicy's {@code namespace/name}. */
    public Output<Map<String, String>> policies() {
        return Output.of(Map.copyOf(policies));
    }

    /** Per OIDC route: the redirect URL its realm client accepts. */
    public Output<Map<String, String>> redirectUrls() {
        return Output.of(Map.copyOf(redirectUrls));
    }
}
