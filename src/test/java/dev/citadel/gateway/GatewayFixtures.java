package dev.citadel.gateway;

import dev.citadel.identity.KeycloakRealmArgs;
import dev.citadel.identity.OidcClient;
import dev.citadel.secrets.SecretRef;

/** Seed 002's gateway: Grafana, Hubble UI and the RustFS console behind OIDC, one API behind JWT, one realm. */
final class GatewayFixtures {
    static final Route GRAFANA = new Route("monitoring", "grafana", "grafana.homelab.lan", "grafana", 80);
    static final Route HUBBLE = new Route("kube-system", "hubble-ui", "hubble.homelab.lan", "hubble-ui", 80);
    static final Route API = new Route("apps", "api", "api.homelab.lan", "api", 8080);

    private GatewayFixtures() {
    }

    /** Each app's client secret: generated once, synced under client-secret into the app's and the realm's namespace. */
    static SecretRef secret(Route route, String namespace) {
        return SecretRef.of(namespace, route.name() + "-oidc", "client-secret");
    }

    static OidcApp grafana() {
        return OidcApp.of(GRAFANA, secret(GRAFANA, GRAFANA.namespace())).withCookieDomain("homelab.lan");
    }

    static OidcApp hubble() {
        return OidcApp.of(HUBBLE, secret(HUBBLE, HUBBLE.namespace()));
    }

    static JwtApi api() {
        return JwtApi.of(API, "homelab-api");
    }

    /** The homelab realm with every gateway client defined the way the apps describe them. */
    static KeycloakRealmArgs.Builder realm() {
        return KeycloakRealmArgs.builder().keycloakUrl("https://sso.homelab.lan").namespace("identity").realm("homelab")
                .groups("admin", "viewer")
                .client(OidcClient.kubernetesCli())
                .client(grafana().realmClient(secret(GRAFANA, "identity")))
                .client(hubble().realmClient(secret(HUBBLE, "identity")))
                .client(api().realmClient());
    }

    static GatewayAuthArgs.Builder args(KeycloakRealmArgs realm) {
        return GatewayAuthArgs.builder().realm(realm).gateway("network", "envoy-internal")
                .oidc(grafana()).oidc(hubble()).jwt(api());
    }
}
