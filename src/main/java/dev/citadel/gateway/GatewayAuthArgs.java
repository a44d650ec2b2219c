package dev.citadel.gateway;

import dev.citadel.contract.EnvoyGateway;
import dev.citadel.identity.ClientScopes;
import dev.citadel.identity.IdpContract;
import dev.citadel.identity.KeycloakRealmArgs;
import dev.citadel.identity.OidcClient;
import dev.citadel.names.KubernetesNames;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which routes Envoy Gateway protects with the realm's tokens, checked against that realm at {@link Builder#build()}.
 * <pre>{@code
 * GatewayAuthArgs.builder()
 *     .realm(realmArgs)                         // issuer, JWKS and every client from the realm
 *     .gateway("network", "envoy-internal")
 *     .oidc(grafana).jwt(api)
 *     .build()
 * }</pre>
 * The realm must define each app's client as the app describes it ({@link OidcApp#realmClient}, {@link JwtApi#realmClient()}):
 * the redirect URIs Keycloak accepts are then exactly the policy's, and the claims the policy forwards are ones the
 * realm issues.
 */
public final class GatewayAuthArgs {
    /** Seed 002's JWKS cache: Envoy refetches the realm's keys every five minutes. */
    public static final String DEFAULT_CACHE_DURATION = "300s";
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,5}(h|m|s|ms)){1,4}");
    private static final Pattern HOSTNAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+");
    private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9!#$%&'*+\\-.^_`|~]+");

    private final String issuerUrl;
    private final String gatewayNamespace;
    private final String gatewayName;
    private final String cacheDuration;
    private final List<OidcApp> oidcApps;
    private final List<JwtApi> jwtApis;
    private final Optional<InClusterKeycloak> inCluster;

    private GatewayAuthArgs(Builder b, String issuerUrl) {
        this.issuerUrl = issuerUrl;
        this.gatewayNamespace = b.gatewayNamespace;
        this.gatewayName = b.gatewayName;
        this.cacheDuration = b.cacheDuration;
        this.oidcApps = List.copyOf(b.oidcApps);
        this.jwtApis = List.copyOf(b.jwtApis);
        this.inCluster = Optional.ofNullable(b.inCluster);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The realm's issuer: every policy's {@code issuer}. */
    public String issuerUrl() { return issuerUrl; }
    /** Every JWT policy's {@code remoteJWKS.uri}: the realm's JWKS, on Keycloak's Service when reached in-cluster. */
    public String jwksUri() {
        return inCluster.map(k -> k.jwksUri(issuerUrl)).orElse(issuerUrl + EnvoyGateway.KEYCLOAK_JWKS_PATH);
    }
    /** Keycloak's Service and the CA its certificate chains to, when Envoy reaches the realm in-cluster. */
    public Optional<InClusterKeycloak> inCluster() { return inCluster; }
    public String gatewayNamespace() { return gatewayNamespace; }
    public String gatewayName() { return gatewayName; }
    public String cacheDuration() { return cacheDuration; }
    public List<OidcApp> oidcApps() { return oidcApps; }
    public List<JwtApi> jwtApis() { return jwtApis; }

    public static final class Builder {
        private KeycloakRealmArgs realm;
        private IdpContract idp;
        private String gatewayNamespace;
        private String gatewayName;
        private String cacheDuration = DEFAULT_CACHE_DURATION;
        private final List<OidcApp> oidcApps = new ArrayList<>();
        private final List<JwtApi> jwtApis = new ArrayList<>();
        private InClusterKeycloak inCluster;

        private Builder() {
        }

        /** The realm whose tokens the gateway accepts: its issuer, JWKS and clients are checked against every app. */
        public Builder realm(KeycloakRealmArgs realm) { this.realm = realm; this.idp = null; return this; }

        /**
         * Another IdP ({@link IdpContract#external} or another stack's realm): its issuer, and its client ids, which must
         * include every app's. A Keycloak issuer's JWKS is {@code <issuer>/protocol/openid-connect/certs}.
         */
        public Builder idp(IdpContract idp) { this.idp = idp; this.realm = null; return this; }

        /** The Gateway the rendered routes attach to, e.g. {@code ("network", "envoy-internal")}. */
        public Builder gateway(String namespace, String name) { this.gatewayNamespace = namespace; this.gatewayName = name; return this; }

        /** How long Envoy caches the realm's keys; default {@value #DEFAULT_CACHE_DURATION}. */
        public Builder jwksCacheDuration(String duration) { this.cacheDuration = duration; return this; }

        public Builder oidc(OidcApp app) { this.oidcApps.add(app); return this; }

        public Builder jwt(JwtApi api) { this.jwtApis.add(api); return this; }

        /**
         * Reach the realm through Keycloak's in-cluster Service when its certificate is not publicly trusted
         * (envoyproxy/gateway#4838): discovery and JWKS go there ({@code backendRefs}), verified against the CA.
         */
        public Builder inClusterKeycloak(InClusterKeycloak keycloak) { this.inCluster = keycloak; return this; }

        public GatewayAuthArgs build() {
            if (realm == null && idp == null) {
                throw new IllegalArgumentException("no identity provider: call realm(realmArgs) (a KeycloakRealm's args) or "
                        + "idp(IdpContract.external(...)); the policies take issuer, JWKS and clients from it");
            }
            if (gatewayName == null || gatewayNamespace == null) {
                throw new IllegalArgumentException("gateway is not set; call gateway(namespace, name) with the Gateway the "
                        + "routes attach to, e.g. gateway(\"network\", \"envoy-internal\")");
            }
            KubernetesNames.label("gateway.namespace", gatewayNamespace);
            KubernetesNames.subdomain("gateway.name", gatewayName);
            if (cacheDuration == null || !DURATION.matcher(cacheDuration).matches()) {
                throw new IllegalArgumentException("jwksCacheDuration: '" + cacheDuration + "' is not a duration Envoy Gateway "
                        + "accepts; e.g. 300s or 5m");
            }
            if (oidcApps.isEmpty() && jwtApis.isEmpty()) {
                throw new IllegalArgumentException("no routes to protect; add oidc(OidcApp.of(...)) or jwt(JwtApi.of(...))");
            }
            var issuer = realm != null ? realm.issuerUrl() : idp.issuerUrl();
            if (inCluster != null) {
                inCluster.checked(issuer);
            }
            var routes = new HashSet<String>();
            for (var app : oidcApps) {
                entry("oidc app '" + (app.route() == null ? null : app.route().name()) + "'", () -> check(app));
                unique(app.route(), routes);
            }
            for (var api : jwtApis) {
                entry("jwt api '" + (api.route() == null ? null : api.route().name()) + "'", () -> check(api));
                unique(api.route(), routes);
            }
            checkSharedRedirects();
            return new GatewayAuthArgs(this, issuer);
        }

        /**
         * One app as {@link #build()} checks it; the message starts with the setting it is about ({@code cookieDomain
         * 'example.org' ...}), so stack config reports it at the entry ({@code citadel:gateway.oidc[0].cookieDomain}).
         */
        void check(OidcApp app) {
            checkRoute(app.route());
            checkOidc(app);
        }

        /** As {@link #check(OidcApp)}, for an API. */
        void check(JwtApi api) {
            checkRoute(api.route());
            checkJwt(api);
        }

        /** Runs an entry's check, naming the entry for a caller of the Java API. */
        private static void entry(String where, Runnable check) {
            try {
                check.run();
            } catch (dev.citadel.value.Refused e) {
                throw new dev.citadel.value.Refused(where + ": " + e.getMessage(), where + ": " + e.inConfig());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }

        private static void unique(Route r, java.util.Set<String> seen) {
            if (!seen.add(r.namespace() + "/" + r.name())) {
                throw new IllegalArgumentException("route '" + r.name() + "' in namespace '" + r.namespace() + "' is protected "
                        + "twice; two SecurityPolicies on one route conflict (Envoy Gateway applies one): give each app its own route");
            }
        }

        private static void checkRoute(Route r) {
            if (r == null) {
                throw new IllegalArgumentException("route is null; give new Route(namespace, name, hostname, service, port)");
            }
            KubernetesNames.label("namespace", r.namespace());
            KubernetesNames.dns1035("name", r.name(), 50);
            if (r.hostname() == null || !HOSTNAME.matcher(r.hostname()).matches()) {
                throw new IllegalArgumentException("hostname '" + r.hostname() + "' is not a host name (lower case, "
                        + "no scheme, port or wildcard: the redirect URL is built on it); e.g. grafana.example.com");
            }
            if (r.external()) {
                if (r.service() != null || r.port() != 0) {
                    throw new IllegalArgumentException("service/port name the backend of a route the stack renders; the "
                            + "external HTTPRoute '" + r.name() + "' has its own backends: remove them");
                }
                return;
            }
            if (r.service() == null) {
                throw new dev.citadel.value.Refused("service is missing; give the backend Service and port, or use "
                        + "Route.existing(namespace, name, hostname) for an HTTPRoute made outside the stack",
                        "service is missing; give the backend Service and port, or external: true for an HTTPRoute made "
                        + "outside the stack");
            }
            KubernetesNames.label("service", r.service());
            if (r.port() < 1 || r.port() > 65535) {
                throw new IllegalArgumentException("port " + r.port() + " is not a port (1-65535); give the Service's port");
            }
        }

        private void checkOidc(OidcApp app) {
            if (app.clientSecret() == null) {
                throw new IllegalArgumentException("clientSecret is null; pass the Secret key a VaultBackedSecret "
                        + "syncs, e.g. secret.ref(\"" + app.route().namespace() + "\", \"" + EnvoyGateway.CLIENT_SECRET_KEY + "\")");
            }
            if (!app.secretUnderExpectedKey()) {
                throw new IllegalArgumentException("clientSecret is under key '" + app.clientSecret().key()
                        + "', but Envoy Gateway reads only '" + EnvoyGateway.CLIENT_SECRET_KEY + "' (it reports \"client secret "
                        + "not found in secret\" and no one can log in); generate the secret under that key: "
                        + "VaultBackedSecretArgs.builder().generate(\"" + EnvoyGateway.CLIENT_SECRET_KEY + "\")");
            }
            if (!app.clientSecret().namespace().equals(app.route().namespace())) {
                throw new IllegalArgumentException("clientSecret " + app.clientSecret() + " is not in the route's namespace '"
                        + app.route().namespace() + "', where the SecurityPolicy reads it; sync it there (syncTo(\""
                        + app.route().namespace() + "\")) and reference that copy");
            }
            checkPath("callbackPath", app.callbackPath());
            checkPath("logoutPath", app.logoutPath());
            if (app.callbackPath().equals(app.logoutPath())) {
                throw new IllegalArgumentException("callbackPath and logoutPath are both '" + app.callbackPath()
                        + "'; every login would end the session it starts: give them different paths");
            }
            var host = app.route().hostname();
            var domain = app.cookieDomain();
            if (domain == null || !HOSTNAME.matcher(domain).matches() || !(host.equals(domain) || host.endsWith("." + domain))) {
                throw new IllegalArgumentException("cookieDomain '" + domain + "' is not " + host + " or a parent "
                        + "domain of it; browsers drop a cookie for another domain, so every login loops back to Keycloak; "
                        + "use '" + host + "' or a parent such as '" + host.substring(host.indexOf('.') + 1) + "'");
            }
            if (app.scopes().isEmpty() || !app.scopes().contains("openid")) {
                throw new IllegalArgumentException("scopes " + app.scopes() + " lack 'openid'; without it Keycloak "
                        + "issues no ID token and Envoy cannot log anyone in");
            }
            var client = client(app.clientId());
            if (client.isPresent()) {
                if (client.get().isPublic()) {
                    throw new IllegalArgumentException("clientId '" + app.clientId() + "' is a public realm client, but Envoy "
                            + "authenticates with a client secret; define it with app.realmClient(secretRef)");
                }
                if (!client.get().redirectUris().contains(app.redirectUrl())) {
                    throw new IllegalArgumentException("clientId '" + app.clientId() + "': the realm client accepts redirect URIs "
                            + client.get().redirectUris() + ", the policy sends [" + app.redirectUrl() + "]; Keycloak refuses a "
                            + "redirect it does not list (\"Invalid parameter: redirect_uri\"): define the client with "
                            + "app.realmClient(secretRef), or OidcApp.sharedRealmClient(secretRef, apps...) for every app sharing it");
                }
                var unserved = app.scopes().stream().filter(s -> !s.equals(OidcApp.OPENID) && !client.get().scopes().contains(s)).toList();
                if (!unserved.isEmpty()) {
                    var why = "scopes " + unserved + " are not scopes of realm client '" + app.clientId() + "' (it has "
                            + client.get().scopes() + "): Keycloak refuses the login with invalid_scope; ";
                    throw new dev.citadel.value.Refused(why + "ask only for scopes it has (withScopes(...)), or define the "
                            + "client with realmClient(secretRef) / OidcApp.sharedRealmClient(secretRef, apps...), which offer them",
                            why + "ask only for scopes it has");
                }
            }
            sharing(app).ifPresent(first -> {
                if (!first.clientSecret().name().equals(app.clientSecret().name())) {
                    var why = "clientId '" + app.clientId() + "' is shared with app '" + first.route().name() + "', which reads "
                            + "its secret from Secret '" + first.clientSecret().name() + "', this app from '"
                            + app.clientSecret().name() + "': Keycloak holds one secret per client, so one of them fails every "
                            + "login (\"Invalid client credentials\"); ";
                    throw new dev.citadel.value.Refused(why + "give both the same generated secret, synced into each app's "
                            + "namespace (one VaultBackedSecret, syncTo(...) per namespace), or give this app its own clientId",
                            why + "give both the same secret entry (synced into each app's namespace), or this app its own clientId");
                }
            });
        }

        /** The first app added before {@code app} that logs in as the same client, if any. */
        private Optional<OidcApp> sharing(OidcApp app) {
            var at = oidcApps.indexOf(app);
            var before = at < 0 ? oidcApps : oidcApps.subList(0, at);
            return before.stream().filter(a -> a.clientId().equals(app.clientId())).findFirst();
        }

        /**
         * A client several apps share accepts exactly their redirect URLs: one more is where Keycloak would send a code that
         * no OIDC filter waits for, or a client made for something else (the API server's {@code kubernetes}) taken over.
         */
        private void checkSharedRedirects() {
            if (realm == null) {
                return;
            }
            var byClient = new java.util.LinkedHashMap<String, java.util.Set<String>>();
            oidcApps.forEach(a -> byClient.computeIfAbsent(a.clientId(), k -> new java.util.LinkedHashSet<>()).add(a.redirectUrl()));
            byClient.forEach((id, sent) -> {
                var accepted = client(id).orElseThrow().redirectUris();
                var extra = accepted.stream().filter(u -> !sent.contains(u)).toList();
                if (!extra.isEmpty()) {
                    throw new IllegalArgumentException("clientId '" + id + "': the realm client also accepts redirect URIs " + extra
                            + ", which no app logging in as it sends (they send " + sent + "): Keycloak would hand codes to URLs "
                            + "no OIDC filter waits at; if the client is made for something else, give the apps a client of "
                            + "their own, else define it with OidcApp.sharedRealmClient(secretRef, apps...)");
                }
            });
        }

        private void checkJwt(JwtApi api) {
            if (api.claimToHeaders().isEmpty()) {
                throw new IllegalArgumentException("claimToHeaders is empty; forward at least sub (withClaimToHeaders(\"sub\", \"x-user-id\"))");
            }
            var headers = new HashSet<String>();
            api.claimToHeaders().forEach((claim, header) -> {
                if (claim == null || claim.isBlank() || header == null || !HEADER.matcher(header).matches()) {
                    var bad = "claimToHeaders: claim '" + claim + "' to header '" + header + "' is not usable; give a claim "
                            + "name and an HTTP header name, e.g. ";
                    throw new dev.citadel.value.Refused(bad + "withClaimToHeaders(\"email\", \"x-user-email\")",
                            bad + "claimToHeaders: {email: x-user-email}");
                }
                if (!headers.add(header.toLowerCase(java.util.Locale.ROOT))) {
                    throw new IllegalArgumentException("claimToHeaders: header '" + header + "' carries two claims; Envoy overwrites "
                            + "one with the other: give each claim its own header");
                }
            });
            var client = client(api.clientId());
            if (client.isPresent()) {
                if (api.forwardsRealmRoles() && !client.get().scopes().contains(ClientScopes.ROLES)) {
                    throw new IllegalArgumentException("clientId '" + api.clientId() + "': the policy forwards "
                            + EnvoyGateway.REALM_ROLES_CLAIM + ", but the realm client lacks the '" + ClientScopes.ROLES + "' scope, so Keycloak never issues the claim "
                            + "and the header is always missing; define the client with api.realmClient()");
                }
                if (!client.get().ownAudience()) {
                    throw new IllegalArgumentException("clientId '" + api.clientId() + "': the realm client does not put its id in "
                            + "the access tokens' aud, which the policy checks, so every token is rejected; define the client "
                            + "with api.realmClient() (or withOwnAudience())");
                }
            }
        }

        private static void checkPath(String field, String path) {
            if (path == null || !path.startsWith("/") || path.length() < 2 || path.contains("?") || path.contains("#")
                    || path.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException(field + " '" + path + "' is not a path; e.g. "
                        + (field.equals("logoutPath") ? OidcApp.LOGOUT : OidcApp.CALLBACK));
            }
        }

        /** The realm's client of that id (empty for an external IdP that lists it); refused when the IdP has none. */
        private Optional<OidcClient> client(String clientId) {
            if (realm != null) {
                var found = realm.clients().stream().filter(c -> c.clientId().equals(clientId)).findFirst();
                if (found.isEmpty()) {
                    throw new IllegalArgumentException("clientId '" + clientId + "': realm '" + realm.realm() + "' has no such client"
                            + " (it has " + realm.clients().stream().map(OidcClient::clientId).toList() + "); add the app's "
                            + "realmClient(...) to the realm with client(...)");
                }
                return found;
            }
            if (!idp.clientIds().contains(clientId)) {
                throw new IllegalArgumentException("clientId '" + clientId + "': the identity provider " + idp.issuerUrl()
                        + " has no such client (it has " + idp.clientIds() + "); create it there, or use one of those");
            }
            return Optional.empty();
        }
    }
}
