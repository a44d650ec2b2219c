package dev.citadel.verify;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The comparison alone: a declared and a live tree in, the lines {@code verify --realm-drift} prints out. */
class RealmDriftTest {
    static final String LIVE_CLIENT_SECRET = "Kc-live-client-secret-7f3a";
    static final String LIVE_GOOGLE_SECRET = "GOCSPX-live-google-secret";

    /** A realm as RealmRepresentation renders it: nested groups, a public and a confidential client, Google. */
    static JsonObject declared() {
        return JsonParser.parseString("""
                {"realm": "homelab", "displayName": "Homelab", "enabled": true, "sslRequired": "external",
                 "registrationAllowed": false, "duplicateEmailsAllowed": false, "bruteForceProtected": true, "failureFactor": 10,
                 "groups": [{"name": "admin", "path": "/admin"},
                            {"name": "platform", "path": "/platform", "subGroups": [{"name": "sre", "path": "/platform/sre"}]},
                            {"name": "user", "path": "/user"}],
                 "defaultGroups": ["/user"],
                 "clientScopes": [{"name": "groups", "protocol": "openid-connect",
                                   "attributes": {"include.in.token.scope": "true"},
                                   "protocolMappers": [{"name": "groups", "protocol": "openid-connect",
                                       "protocolMapper": "oidc-group-membership-mapper",
                                       "config": {"id.token.claim": "true", "access.token.claim": "true",
                                                  "userinfo.token.claim": "true", "full.path": "false", "claim.name": "groups"}}]},
                                  {"name": "profile", "protocol": "openid-connect", "protocolMappers": []}],
                 "defaultDefaultClientScopes": ["profile"],
                 "defaultOptionalClientScopes": ["offline_access"],
                 "clients": [{"clientId": "kubernetes", "publicClient": true, "standardFlowEnabled": true,
                              "redirectUris": ["http://localhost:8000/*", "https://headlamp.homelab.lan/oidc-callback"],
                              "attributes": {"pkce.code.challenge.method": "S256"},
                              "defaultClientScopes": ["basic", "profile", "groups"], "optionalClientScopes": ["offline_access"]},
                             {"clientId": "grafana", "publicClient": false, "secret": "${CLIENT_GRAFANA_SECRET}",
                              "redirectUris": ["https://grafana.homelab.lan/oauth2/callback"],
                              "webOrigins": ["https://grafana.homelab.lan"],
                              "defaultClientScopes": ["basic", "groups"], "optionalClientScopes": []}],
                 "identityProviders": [{"alias": "google", "providerId": "google", "enabled": true, "trustEmail": true,
                                        "config": {"clientId": "${GOOGLE_CLIENT_ID}", "clientSecret": "${GOOGLE_CLIENT_SECRET}",
                                                   "defaultScope": "openid profile email", "syncMode": "IMPORT"}}]}
                """).getAsJsonObject();
    }

    /**
     * The same realm as Keycloak's admin API reports it after an import: ids, its own clients and scopes, settings and
     * attributes nobody declared, web origins it derived from the redirect URIs, secrets filled in or masked.
     */
    static JsonObject live() {
        var live = declared().deepCopy();
        live.addProperty("id", "0c1e6f0e-realm");
        live.addProperty("accessTokenLifespan", 300);
        live.addProperty("loginTheme", "keycloak");
        live.getAsJsonArray("groups").forEach(g -> g.getAsJsonObject().addProperty("id", "id-" + g.getAsJsonObject().get("name").getAsString()));
        var scopes = live.getAsJsonArray("clientScopes");
        scopes.forEach(s -> s.getAsJsonObject().addProperty("id", "scope-" + s.getAsJsonObject().get("name").getAsString()));
        scopes.add(JsonParser.parseString("{\"id\": \"scope-offline\", \"name\": \"offline_access\", \"protocol\": \"openid-connect\"}"));
        var groupsMapper = scopes.get(0).getAsJsonObject().getAsJsonArray("protocolMappers").get(0).getAsJsonObject();
        groupsMapper.addProperty("id", "mapper-1");
        groupsMapper.getAsJsonObject("config").addProperty("lightweight.claim", "false");
        var clients = live.getAsJsonArray("clients");
        var kube = clients.get(0).getAsJsonObject();
        kube.addProperty("id", "client-kubernetes");
        kube.addProperty("fullScopeAllowed", true);
        kube.getAsJsonObject("attributes").addProperty("client.secret.creation.time", "1765000000");
        kube.add("webOrigins", strings("http://localhost:8000", "https://headlamp.homelab.lan"));
        var grafana = clients.get(1).getAsJsonObject();
        grafana.addProperty("id", "client-grafana");
        grafana.addProperty("secret", LIVE_CLIENT_SECRET);
        for (var builtin : List.of("account", "account-console", "admin-cli", "broker", "realm-management", "security-admin-console")) {
            var c = new JsonObject();
            c.addProperty("id", "client-" + builtin);
            c.addProperty("clientId", builtin);
            clients.add(c);
        }
        var google = live.getAsJsonArray("identityProviders").get(0).getAsJsonObject();
        google.addProperty("internalId", "idp-1");
        google.getAsJsonObject("config").addProperty("clientId", "live-id.apps.googleusercontent.com");
        google.getAsJsonObject("config").addProperty("clientSecret", LIVE_GOOGLE_SECRET);
        google.getAsJsonObject("config").addProperty("guiOrder", "");
        return live;
    }

    static JsonArray strings(String... values) {
        var a = new JsonArray();
        for (var v : values) {
            a.add(new JsonPrimitive(v));
        }
        return a;
    }

    static List<String> lines(JsonObject declared, JsonObject live) {
        return RealmDrift.compare("homelab", declared, live, RealmDrift.Target.MANAGED).stream().map(CheckResult::line).toList();
    }

    static List<String> withLive(Consumer<JsonObject> change) {
        var live = live();
        change.accept(live);
        return lines(declared(), live);
    }

    static JsonObject client(JsonObject realm, int index) {
        return realm.getAsJsonArray("clients").get(index).getAsJsonObject();
    }

    @Test
    void aRealmAsKeycloakReportsItPassesOnOneLine() {
        assertThat(lines(declared(), live())).containsExactly("PASS realm homelab: the live realm matches the declaration"
                + " (4 groups, 2 clients, 2 client scopes, 1 identity providers)");
    }

    @Test
    void eachDifferenceIsOneFailLine() {
        // Deleting a group in Keycloak takes it out of the default groups too.
        assertThat(withLive(l -> {
            l.getAsJsonArray("groups").remove(2);
            l.add("defaultGroups", strings());
        }))
                .containsExactly("FAIL realm homelab: group /user is declared but missing live; pulumi up applies the declaration",
                        "FAIL realm homelab: default groups: declared but not live '/user'; pulumi up applies the declaration");
        assertThat(withLive(l -> l.getAsJsonArray("groups").add(JsonParser.parseString("{\"name\": \"contractors\"}"))))
                .containsExactly("FAIL realm homelab: group /contractors exists live but is not declared; pulumi up applies the declaration");
        assertThat(withLive(l -> client(l, 0).add("redirectUris", strings("http://localhost:8000/*", "https://headlamp.homelab.lan/callback"))))
                .singleElement().asString().contains("client 'kubernetes': redirect URIs: declared but not live"
                        + " 'https://headlamp.homelab.lan/oidc-callback'; live but not declared 'https://headlamp.homelab.lan/callback'");
        assertThat(withLive(l -> client(l, 0).add("defaultClientScopes", strings("basic", "profile"))))
                .singleElement().asString().contains("client 'kubernetes': default client scopes: declared but not live 'groups'");
        assertThat(withLive(l -> client(l, 0).add("webOrigins", strings("*"))))
                .singleElement().asString().contains("client 'kubernetes': web origins: declared but not live 'http://localhost:8000',"
                        + " 'https://headlamp.homelab.lan'; live but not declared '*'");
        assertThat(withLive(l -> client(l, 0).addProperty("publicClient", false)))
                .singleElement().asString().contains("client 'kubernetes': publicClient: declared 'true', live 'false'");
        assertThat(withLive(l -> client(l, 0).getAsJsonObject("attributes").remove("pkce.code.challenge.method")))
                .singleElement().asString().contains("client 'kubernetes': attribute pkce.code.challenge.method: declared 'S256', live unset");
        assertThat(withLive(l -> l.addProperty("sslRequired", "none")))
                .singleElement().asString().contains("realm setting sslRequired: declared 'external', live 'none'");
        assertThat(withLive(l -> l.add("clients", strings())))
                .contains("FAIL realm homelab: client 'grafana' is declared but missing live; pulumi up applies the declaration");
    }

    @Test
    void mapperSettingsAreCompared() {
        Consumer<JsonObject> fullPath = l -> l.getAsJsonArray("clientScopes").get(0).getAsJsonObject().getAsJsonArray("protocolMappers")
                .get(0).getAsJsonObject().getAsJsonObject("config").addProperty("full.path", "true");
        assertThat(withLive(fullPath)).singleElement().asString()
                .contains("client scope 'groups' mapper 'groups': full.path: declared 'false', live 'true'");
        Consumer<JsonObject> notInIdToken = l -> l.getAsJsonArray("clientScopes").get(0).getAsJsonObject().getAsJsonArray("protocolMappers")
                .get(0).getAsJsonObject().getAsJsonObject("config").remove("id.token.claim");
        assertThat(withLive(notInIdToken)).singleElement().asString()
                .contains("client scope 'groups' mapper 'groups': id.token.claim: declared 'true', live unset");
        Consumer<JsonObject> extraMapper = l -> client(l, 0).add("protocolMappers", JsonParser.parseString(
                "[{\"name\": \"hardcoded admin\", \"protocolMapper\": \"oidc-hardcoded-group-mapper\"}]"));
        assertThat(withLive(extraMapper)).singleElement().asString().contains("client 'kubernetes' mapper 'hardcoded admin' is live but not declared");
    }

    @Test
    void aGroupUnderAnotherParentIsOneLineNamingBoth() {
        var lines = withLive(l -> {
            var platform = l.getAsJsonArray("groups").get(1).getAsJsonObject();
            var sre = platform.getAsJsonArray("subGroups").remove(0);
            l.getAsJsonArray("groups").add(sre);
        });
        assertThat(lines).containsExactly("FAIL realm homelab: group 'sre': declared at /platform/sre, live at /sre (wrong parent);"
                + " pulumi up applies the declaration");
    }

    @Test
    void identityProviderSettingsAreComparedAndAHostedDomainNobodyDeclaredIsDrift() {
        assertThat(withLive(l -> l.getAsJsonArray("identityProviders").get(0).getAsJsonObject().addProperty("trustEmail", false)))
                .singleElement().asString().contains("identity provider 'google': trustEmail: declared 'true', live 'false'");
        assertThat(withLive(l -> l.getAsJsonArray("identityProviders").get(0).getAsJsonObject().getAsJsonObject("config")
                .addProperty("hostedDomain", "example.org")))
                .singleElement().asString().contains("identity provider 'google': hostedDomain is live 'example.org' but not declared");
        assertThat(withLive(l -> l.getAsJsonArray("identityProviders").get(0).getAsJsonObject().getAsJsonObject("config")
                .addProperty("syncMode", "FORCE")))
                .singleElement().asString().contains("identity provider 'google': syncMode: declared 'IMPORT', live 'FORCE'");
    }

    @Test
    void secretsAreNeitherComparedNorPrinted() {
        // Live secrets differ from the placeholders and from each other: not drift, and never on a line, even when the
        // same client and IdP have other differences.
        var lines = withLive(l -> {
            client(l, 1).addProperty("publicClient", true);
            client(l, 1).addProperty("secret", "**********");
            l.getAsJsonArray("identityProviders").get(0).getAsJsonObject().addProperty("enabled", false);
        });
        assertThat(lines).hasSize(2);
        assertThat(String.join("\n", lines)).doesNotContain(LIVE_CLIENT_SECRET, LIVE_GOOGLE_SECRET, "**********",
                "live-id.apps", "${");
        var withSecretAttribute = live();
        var attributes = new JsonObject();
        attributes.addProperty("client.secret", "declared-by-mistake");
        client(withSecretAttribute, 1).add("attributes", attributes);
        var declared = declared();
        var declaredAttributes = new JsonObject();
        declaredAttributes.addProperty("client.secret", "something-else");
        client(declared, 1).add("attributes", declaredAttributes);
        assertThat(lines(declared, withSecretAttribute)).singleElement().asString().startsWith("PASS ")
                .doesNotContain("declared-by-mistake", "something-else");
    }

    @Test
    void anImportTargetSaysTheImportWillNotApplyItAndHowToMove() {
        var live = live();
        live.addProperty("registrationAllowed", true);
        var lines = RealmDrift.compare("homelab", declared(), live, RealmDrift.Target.IMPORT);
        assertThat(lines).singleElement().extracting(CheckResult::line).asString()
                .isEqualTo("FAIL realm homelab: realm setting registrationAllowed: declared 'false', live 'true'; the realm's target"
                        + " is import: the operator's KeycloakRealmImport creates realms only and will not apply this; move it to"
                        + " managed (citadel:identity.realm.target: managed, with the adopt: block 'citadel realm-ids --stack homelab' prints)");
        assertThat(RealmDrift.Target.of(null)).isEqualTo(RealmDrift.Target.IMPORT);
        assertThat(RealmDrift.Target.of("managed")).isEqualTo(RealmDrift.Target.MANAGED);
    }

    @Test
    void linesAreSortedByKindThenNameWhateverTheOrderKeycloakAnswersIn() {
        var live = live();
        live.addProperty("bruteForceProtected", false);
        live.getAsJsonArray("groups").add(JsonParser.parseString("{\"name\": \"zeta\"}"));
        live.getAsJsonArray("groups").add(JsonParser.parseString("{\"name\": \"alpha\"}"));
        client(live, 1).add("redirectUris", strings());
        client(live, 0).add("redirectUris", strings());
        var lines = lines(declared(), live);
        assertThat(lines).extracting(l -> l.substring(0, l.indexOf(';')))
                .containsExactly("FAIL realm homelab: realm setting bruteForceProtected: declared 'true', live 'false'",
                        "FAIL realm homelab: group /alpha exists live but is not declared",
                        "FAIL realm homelab: group /zeta exists live but is not declared",
                        "FAIL realm homelab: client 'grafana': redirect URIs: declared but not live 'https://grafana.homelab.lan/oauth2/callback'",
                        "FAIL realm homelab: client 'kubernetes': redirect URIs: declared but not live 'http://localhost:8000/*',"
                                + " 'https://headlamp.homelab.lan/oidc-callback'");
        var reversed = live.deepCopy();
        var groups = new JsonArray();
        var original = live.getAsJsonArray("groups");
        for (var i = original.size() - 1; i >= 0; i--) {
            groups.add(original.get(i));
        }
        reversed.add("groups", groups);
        assertThat(lines(declared(), reversed)).isEqualTo(lines);
    }

    @Test
    void webOriginsKeycloakDerivesFromRedirectUrisAreWhatAClientWithoutThemDeclares() {
        assertThat(RealmDrift.webOrigins(client(declared(), 0)))
                .containsExactly("http://localhost:8000", "https://headlamp.homelab.lan");
        assertThat(RealmDrift.webOrigins(client(declared(), 1))).containsExactly("https://grafana.homelab.lan");
    }
}
