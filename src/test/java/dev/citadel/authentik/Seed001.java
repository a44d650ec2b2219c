package dev.citadel.authentik;

import java.util.List;

/** Seed 001's authentik, as the homelab stack declares it; test-only. */
final class Seed001 {
    /** The six first-party apps of seed 001 lines 44-47, with their callbacks. */
    static final List<Blueprint> APPS = List.of(
            Presets.firstPartyOidcApp("Vault", "https://vault.homelab.lan/ui/vault/auth/oidc/oidc/callback",
                    "http://localhost:8250/oidc/callback"),
            Presets.firstPartyOidcApp("Forgejo", "https://git.homelab.lan/user/oauth2/authentik/callback"),
            Presets.firstPartyOidcApp("Immich", "https://photos.homelab.lan/auth/login",
                    "https://photos.homelab.lan/api/oauth/mobile-redirect"),
            Presets.firstPartyOidcApp("Headscale", "https://headscale.homelab.lan/oidc/callback"),
            Presets.firstPartyOidcApp("linkwarden", "https://links.homelab.lan/api/v1/auth/callback/authentik"),
            Presets.firstPartyOidcApp("Cloudflare Access", "https://homelab.cloudflareaccess.com/cdn-cgi/access/callback"));

    /** Seed 001 line 167: "Deleted 5 unused flows". */
    static final Blueprint DELETED = Presets.deleted("citadel-deleted", List.of(
            BlueprintObject.Deleted.flow("enrollment-inviation"),
            BlueprintObject.Deleted.flow("headscale-auth"),
            BlueprintObject.Deleted.flow("headscale-authz"),
            BlueprintObject.Deleted.flow("default-enrollment"),
            BlueprintObject.Deleted.flow("oauth-enrollment")));

    private Seed001() {
    }

    static AuthentikFlowArgs.Builder homelab() {
        return AuthentikFlowArgs.builder()
                .blueprint(Presets.oneScreenLogin())
                .blueprint(Presets.persistentSessions(4))
                .blueprint(Presets.invitationEnrollment("user"))
                .blueprints(APPS)
                .blueprint(DELETED);
    }
}
