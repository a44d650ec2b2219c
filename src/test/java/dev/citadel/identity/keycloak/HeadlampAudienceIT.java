package dev.citadel.identity.keycloak;

import dev.citadel.identity.ApiServer;
import dev.citadel.identity.GroupBinding;
import dev.citadel.identity.HeadlampArgs;
import dev.citadel.identity.KeycloakRealm;
import dev.citadel.identity.KeycloakRealmArgs;
import dev.citadel.identity.OidcClient;
import dev.citadel.identity.OidcRbac;
import dev.citadel.identity.OidcRbacArgs;
import dev.citadel.plan.PlanRunner;
import dev.citadel.value.Redacted;
import dev.citadel.verify.IdToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.Yaml;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 000 §7.1 against a real Keycloak 26: Headlamp logs in with the client id, callback and scopes its rendered chart
 * values give, and the ID token it gets is judged by the API-server configuration rendered from the same args, as
 * kube-apiserver judges it (iss equal to the issuer; aud containing the --oidc-client-id, or with a structured
 * AuthenticationConfiguration and audienceMatchPolicy MatchAny, any one of its audiences). Headlamp on the API
 * server's client passes the flags; Headlamp on its own client passes the structured configuration, and the same
 * token fails the flags (the negative twin). kube-apiserver itself does not run here.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeadlampAudienceIT {
    static final String REALM = "citadel-headlamp";
    static final String URL = "https://headlamp.homelab.lan";
    static final String PASSWORD = "Hl-3vB8-lantern-quiet";

    final KeycloakServer keycloak;
    Map<String, Object> onApiServerClient;
    Map<String, Object> onOwnClient;
    Map<String, String> flags;
    Map<String, Object> structured;

    HeadlampAudienceIT(KeycloakServer keycloak) {
        this.keycloak = keycloak;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> oidc(HeadlampArgs args) {
        return (Map<String, Object>) ((Map<String, Object>) args.values().get("config")).get("oidc");
    }

    @SuppressWarnings("unchecked")
    @BeforeAll
    void importTheRealmAndRenderApiServerAndHeadlamp() {
        var realm = KeycloakRealmArgs.builder().keycloakUrl(keycloak.baseUrl().toString()).namespace("identity").realm(REALM)
                .groups("admin", "viewer")
                .client(OidcClient.kubernetesCli().withRedirectUris("http://localhost:8000/*", URL + HeadlampArgs.CALLBACK_PATH))
                .client(HeadlampArgs.realmClient("headlamp", URL)).build();
        var flagsRbac = OidcRbacArgs.builder().idp(realm.contract(OidcClient.KUBERNETES_CLIENT_ID))
                .bind("admin", GroupBinding.CLUSTER_ADMIN).apiServer(ApiServer.talos()).build();
        var structuredRbac = OidcRbacArgs.builder().idp(realm.contract(OidcClient.KUBERNETES_CLIENT_ID))
                .bind("admin", GroupBinding.CLUSTER_ADMIN).apiServer(ApiServer.authenticationConfiguration()).audience("headlamp").build();
        onApiServerClient = oidc(HeadlampArgs.builder().rbac(flagsRbac).url(URL).build());
        onOwnClient = oidc(HeadlampArgs.builder().rbac(structuredRbac).realm(realm).clientId("headlamp").url(URL).build());
        var plan = new PlanRunner("citadel", "it", Map.of(), Set.of()).run(ctx -> {
            ctx.export("realmJson", new KeycloakRealm(REALM, realm).realmJson());
            new OidcRbac("flags", flagsRbac).apiServer().exports().forEach(ctx::export);
            new OidcRbac("structured", structuredRbac).apiServer().exports().forEach(ctx::export);
        });
        var patch = (Map<String, Object>) new Yaml().load((String) Redacted.plain(plan.outputs().get("talosPatch")));
        flags = (Map<String, String>) ((Map<String, Object>) ((Map<String, Object>) patch.get("cluster")).get("apiServer")).get("extraArgs");
        var config = (Map<String, Object>) new Yaml().load((String) Redacted.plain(plan.outputs().get("authenticationConfiguration")));
        structured = (Map<String, Object>) ((List<Map<String, Object>>) config.get("jwt")).get(0).get("issuer");

        var admin = keycloak.admin();
        admin.deleteRealm(REALM);
        admin.importRealm((String) Redacted.plain(plan.outputs().get("realmJson")));
        admin.createUser(REALM, "alice", "alice@example.test", PASSWORD, List.of("admin"));
    }

    @AfterAll
    void dropRealm() {
        keycloak.admin().deleteRealm(REALM);
    }

    /** Alice's ID token as Headlamp gets it: its client id, callback and scopes from the rendered chart values. */
    private IdToken headlampLogin(Map<String, Object> values) throws Exception {
        var scope = String.join(" ", ((String) values.get("scopes")).split(","));
        var tokens = BrowserLogin.tokens(keycloak, REALM, (String) values.get("clientID"), (String) values.get("callbackURL"),
                scope, "alice", PASSWORD);
        return IdToken.parse((String) tokens.get("id_token"));
    }

    /** kube-apiserver's --oidc-* check of iss and aud: the token's aud must contain --oidc-client-id. */
    private boolean flagsAccept(IdToken token) {
        return flags.get("oidc-issuer-url").equals(token.claims().getIssuer()) && token.audience().contains(flags.get("oidc-client-id"));
    }

    /** The structured configuration's: iss equal to issuer.url; aud matching one audience (MatchAny) or the only one. */
    @SuppressWarnings("unchecked")
    private boolean structuredAccepts(IdToken token) {
        var audiences = (List<String>) structured.get("audiences");
        var matchAny = "MatchAny".equals(structured.get("audienceMatchPolicy"));
        return structured.get("url").equals(token.claims().getIssuer())
                && (matchAny || audiences.size() == 1) && audiences.stream().anyMatch(token.audience()::contains);
    }

    @Test
    void headlampOnTheApiServersClientGetsATokenTheRenderedFlagsAccept() throws Exception {
        var token = headlampLogin(onApiServerClient);
        assertThat(token.audience()).contains("kubernetes");
        assertThat(flagsAccept(token)).isTrue();
        assertThat((List<String>) token.claims().getClaim("groups")).contains("admin");
    }

    @Test
    void headlampOnItsOwnClientGetsATokenForItselfThatTheStructuredAudiencesAccept() throws Exception {
        var token = headlampLogin(onOwnClient);
        assertThat(token.audience()).contains("headlamp").doesNotContain("kubernetes");
        assertThat(structured.get("audiences")).isEqualTo(List.of("kubernetes", "headlamp"));
        assertThat(structuredAccepts(token)).isTrue();
        // What RBAC then reads: the groups scope is on Headlamp's client.
        assertThat((List<String>) token.claims().getClaim("groups")).contains("admin");
    }

    /** The negative twin: the same token against the flags, whose one audience is the API server's client. */
    @Test
    void theSameTokenIsRefusedByTheFlagsWhoseOneAudienceIsTheApiServersClient() throws Exception {
        var token = headlampLogin(onOwnClient);
        assertThat(flags.get("oidc-client-id")).isEqualTo("kubernetes");
        assertThat(flagsAccept(token)).isFalse();
    }
}
