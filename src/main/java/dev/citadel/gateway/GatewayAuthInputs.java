package dev.citadel.gateway;

import com.pulumi.core.annotations.Import;
import dev.citadel.config.Doc;
import dev.citadel.config.Inputs;
import dev.citadel.config.Scope;
import dev.citadel.contract.EnvoyGateway;
import dev.citadel.contract.KeycloakService;
import dev.citadel.identity.KeycloakRealmArgs;
import dev.citadel.identity.OidcClient;
import dev.citadel.secrets.SecretRef;
import dev.citadel.secrets.VaultBackedSecret;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code citadel:gateway}: {@link GatewayAuth} against the realm of {@code citadel:identity}. */
@Doc("Envoy Gateway authentication from the realm: browser apps behind OIDC, APIs behind JWT.")
public final class GatewayAuthInputs extends Inputs {
    @Import(name = "gateway") @Doc("The Gateway the routes attach to: {namespace, name}.")
    private GatewayRef gateway;
    @Import(name = "jwksCacheDuration") @Doc("How long Envoy caches the realm's keys; default " + GatewayAuthArgs.DEFAULT_CACHE_DURATION + ".")
    private String jwksCacheDuration;
    @Import(name = "oidc") @Doc("Browser apps behind the OIDC SecurityPolicy, each with a realm client of its own, or "
            + "several sharing one by naming the same clientId (and the same secret).")
    private List<App> oidc;
    @Import(name = "jwt") @Doc("APIs behind the JWT SecurityPolicy.")
    private List<Api> jwt;
    @Import(name = "inClusterKeycloak") @Doc("Reach the realm through the Keycloak operator's Service (<keycloak>-service "
            + "in the realm's namespace) when Keycloak's certificate is not publicly trusted: the CA it chains to and the "
            + "name it carries; the issuer stays the public URL.")
    private InCluster inClusterKeycloak;

    /** Whether the section says anything. */
    public boolean present() {
        return gateway != null || jwksCacheDuration != null || !oidc.isEmpty() || !jwt.isEmpty() || inClusterKeycloak != null;
    }

    /**
     * The realm clients the apps log in with, one per client id: apps naming the same clientId share one client (every
     * app's redirect URL, one secret); secrets resolved in the realm's scope, which waits for them.
     *
     * @param realmClientIds the realm's own clients, which an app may not take over
     */
    public List<OidcClient> realmClients(Scope realmScope, String realmNamespace, List<String> realmClientIds) {
        var shared = new LinkedHashMap<String, List<App>>();
        for (var a : oidc) {
            var id = a.clientId();
            if (realmClientIds.contains(id)) {
                throw a.fail("clientId", ": '" + id + "'" + (a.clientId == null ? " (the default: the route's name)" : "")
                        + " is a client of the realm itself (citadel:identity.realm.clients), made for something else: the "
                        + "gateway would make a second client of that id or take over its redirect URIs and secret; give the "
                        + "app a clientId of its own, e.g. gateway-sso");
            }
            var group = shared.computeIfAbsent(id, k -> new ArrayList<>());
            if (!group.isEmpty() && !group.get(0).secret.equals(a.secret)) {
                var first = group.get(0);
                throw a.fail("secret", ": '" + a.secret + "' differs from '" + first.secret + "' of oidc app '" + first.name
                        + "', which logs in as the same client '" + id + "': Keycloak holds one secret per client, so one of "
                        + "the apps fails every login (\"Invalid client credentials\"); give both secret: " + first.secret
                        + " (synced into each app's namespace), or this app a clientId of its own");
            }
            group.add(a);
        }
        var clients = new ArrayList<OidcClient>();
        shared.values().forEach(group -> {
            var first = group.get(0);
            var apps = group.stream().map(a -> a.build(() -> a.app(a.secret(realmScope, a.namespace)))).toArray(OidcApp[]::new);
            clients.add(first.build(() -> OidcApp.sharedRealmClient(first.secret(realmScope, realmNamespace), apps)));
        });
        jwt.forEach(a -> clients.add(a.build(() -> a.api().realmClient())));
        return clients;
    }

    /** @param realm the realm of citadel:identity, absent when it has none */
    public GatewayAuthArgs toArgs(Scope scope, java.util.Optional<KeycloakRealmArgs> realm) {
        if (realm.isEmpty()) {
            throw mistake(": the gateway's policies are built from the stack's realm; add citadel:identity.realm (and keycloak)");
        }
        if (gateway == null) {
            throw fail("gateway", " is missing; add 'gateway: {namespace, name}' there (the Gateway the routes attach to)");
        }
        if (oidc.isEmpty() && jwt.isEmpty()) {
            throw mistake(": nothing to protect; add oidc: [...] (browser apps) or jwt: [...] (APIs)");
        }
        var b = GatewayAuthArgs.builder().realm(realm.get()).gateway(gateway.namespace, gateway.name);
        ifSet(jwksCacheDuration, b::jwksCacheDuration);
        if (inClusterKeycloak != null) {
            var r = realm.get();
            b.inClusterKeycloak(inClusterKeycloak.build(() -> inClusterKeycloak.value(r).checked(r.issuerUrl())));
        }
        // Each entry is checked where it was written (citadel:gateway.oidc[0].cookieDomain), not at the section.
        for (var a : oidc) {
            var app = a.app(a.secret(scope, a.namespace));
            b.oidc(a.build(() -> { b.check(app); return app; }));
        }
        for (var a : jwt) {
            var api = a.api();
            b.jwt(a.build(() -> { b.check(api); return api; }));
        }
        return build(b::build);
    }

    @Doc("A Gateway: its namespace and name.")
    public static final class GatewayRef extends Inputs {
        @Import(name = "namespace", required = true) @Doc("The Gateway's namespace.")
        private String namespace;
        @Import(name = "name", required = true) @Doc("The Gateway's name.")
        private String name;
    }

    @Doc("Keycloak's in-cluster Service as Envoy reaches it: the CA (one of caConfigMap, caSecret) and the name on the certificate.")
    public static final class InCluster extends Inputs {
        @Import(name = "caConfigMap") @Doc("The ConfigMap in Keycloak's namespace holding the CA under " + EnvoyGateway.CA_KEY + ".")
        private String caConfigMap;
        @Import(name = "caSecret") @Doc("The Secret in Keycloak's namespace holding the CA under " + EnvoyGateway.CA_KEY + ".")
        private String caSecret;
        @Import(name = "hostname") @Doc("The name Keycloak's certificate carries (the TLS server name Envoy checks); "
                + "default <service>.<namespace>.svc.")
        private String hostname;
        @Import(name = "port") @Doc("The Service's https port; default " + KeycloakService.OPERATOR_HTTPS_PORT + ".")
        private Integer port;

        InClusterKeycloak value(KeycloakRealmArgs realm) {
            if ((caConfigMap == null) == (caSecret == null)) {
                throw mistake(": give one of caConfigMap or caSecret: the CA Keycloak's certificate chains to, under "
                        + EnvoyGateway.CA_KEY + " in namespace '" + realm.namespace() + "'");
            }
            var ca = caConfigMap != null ? InClusterKeycloak.CaCertificate.configMap(caConfigMap)
                    : InClusterKeycloak.CaCertificate.secret(caSecret);
            var keycloak = InClusterKeycloak.of(KeycloakService.operator(realm.namespace(), realm.keycloakCr()), ca);
            keycloak = hostname == null ? keycloak : keycloak.withHostname(hostname);
            return port == null ? keycloak : keycloak.withPort(port);
        }
    }

    @Doc("A route: the host people use and the Service behind it.")
    public abstract static class RouteInputs extends Inputs {
        @Import(name = "name", required = true) @Doc("The route's name (the policy is <name>-oidc or <name>-jwt).")
        protected String name;
        @Import(name = "namespace", required = true) @Doc("The namespace of the route, the policy and the Service.")
        protected String namespace;
        @Import(name = "hostname", required = true) @Doc("The host, e.g. grafana.example.com.")
        protected String hostname;
        @Import(name = "service") @Doc("The backend Service (for a route the stack renders).")
        protected String service;
        @Import(name = "port") @Doc("The backend Service's port (for a route the stack renders).")
        protected Integer port;
        @Import(name = "external") @Doc("The HTTPRoute <namespace>/<name> is made outside the stack: only the policy is "
                + "rendered, and the hostname must be one it serves; declare it in gateway-auth-contract's externalRoutes.")
        protected Boolean external;

        Route route() {
            return new Route(namespace, name, hostname, service, port == null ? 0 : port, Boolean.TRUE.equals(external));
        }
    }

    @Doc("A browser app behind OIDC.")
    public static final class App extends RouteInputs {
        @Import(name = "secret", required = true) @Doc("The citadel:secrets entry generating its client secret under key "
                + EnvoyGateway.CLIENT_SECRET_KEY + ", synced to its namespace and Keycloak's; apps sharing a client name the "
                + "same entry, synced to each of their namespaces.")
        private String secret;
        @Import(name = "clientId") @Doc("Its realm client; default the route's name. Apps giving the same clientId share one "
                + "client (seed 002's single SSO client): it accepts each app's redirect URL, and one secret serves them all.")
        private String clientId;
        @Import(name = "callbackPath") @Doc("The redirect URL's path; default " + OidcApp.CALLBACK + ".")
        private String callbackPath;
        @Import(name = "logoutPath") @Doc("The path that ends the session; default " + OidcApp.LOGOUT + ".")
        private String logoutPath;
        @Import(name = "cookieDomain") @Doc("The session cookies' domain: the hostname (default) or a parent of it.")
        private String cookieDomain;

        SecretRef secret(Scope scope, String in) {
            var s = scope.entry(this, "secret", "secrets", VaultBackedSecret.class, secret);
            return build("secret", () -> s.ref(in, EnvoyGateway.CLIENT_SECRET_KEY));
        }

        String clientId() {
            return clientId == null ? name : clientId;
        }

        OidcApp app(SecretRef clientSecret) {
            var app = OidcApp.of(route(), clientSecret);
            app = clientId == null ? app : app.withClientId(clientId);
            app = callbackPath == null ? app : app.withCallbackPath(callbackPath);
            app = logoutPath == null ? app : app.withLogoutPath(logoutPath);
            return cookieDomain == null ? app : app.withCookieDomain(cookieDomain);
        }
    }

    @Doc("An API behind JWT.")
    public static final class Api extends RouteInputs {
        @Import(name = "clientId", required = true) @Doc("The realm client its tokens are issued to (their aud).")
        private String clientId;
        @Import(name = "claimToHeaders") @Doc("Claim to request header; default seed 002's: sub, email, groups, "
                + "preferred_username and realm_access.roles (which gives the client the roles scope).")
        private Map<String, String> claimToHeaders;

        JwtApi api() {
            var api = JwtApi.of(route(), clientId);
            return claimToHeaders.isEmpty() ? api : new JwtApi(api.route(), clientId, claimToHeaders);
        }
    }
}
