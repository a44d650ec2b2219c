package dev.citadel.identity;

import com.pulumi.resources.ComponentResourceOptions;

import com.google.gson.JsonParser;
import dev.citadel.plan.Plan;
import dev.citadel.plan.Registration;
import dev.citadel.report.PlanReport;
import dev.citadel.value.Redacted;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static dev.citadel.identity.IdentityPlans.GOOGLE_SECRET_CANARY;
import static dev.citadel.identity.IdentityPlans.REALM_IMPORT;
import static dev.citadel.identity.IdentityPlans.homelab;
import static dev.citadel.identity.IdentityPlans.only;
import static org.assertj.core.api.Assertions.assertThat;

/** What a KeycloakRealm registers for seed 000's homelab realm, read from an offline preview. */
class KeycloakRealmTest {
    private static Plan plan;
    private static Registration realmImport;
    private static Map<String, Object> spec;
    private static final AtomicReference<String> realmJson = new AtomicReference<>();

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void planHomelabRealm() {
        plan = IdentityPlans.plan(ctx -> {
            var realm = IdentityPlans.homelabRealm(ctx);
            ctx.export("realmJson", realm.realmJson());
        });
        realmJson.set((String) Redacted.plain(plan.outputs().get("realmJson")));
        realmImport = only(plan, REALM_IMPORT);
        spec = (Map<String, Object>) Redacted.plain(realmImport.inputs().get("spec"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> realm() {
        return (Map<String, Object>) spec.get("realm");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> named(String list, String key, String value) {
        return ((List<Map<String, Object>>) realm().get(list)).stream().filter(m -> value.equals(m.get(key))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + list + " entry with " + key + "=" + value));
    }

    @Test
    void isAKeycloakOperatorRealmImportInTheKeycloakNamespaceChildOfTheComponent() {
        var component = plan.find(KeycloakRealm.TYPE, "homelab").orElseThrow();
        assertThat(realmImport.parent()).isEqualTo(component.urn());
        assertThat(realmImport.inputs().get("apiVersion").string()).contains("k8s.keycloak.org/v2alpha1");
        assertThat(realmImport.inputs().get("kind").string()).contains("KeycloakRealmImport");
        assertThat(realmImport.inputs().get("metadata").get("namespace").string()).contains("identity");
        assertThat(spec).containsEntry("keycloakCRName", "keycloak");
        assertThat(realm()).containsEntry("realm", "homelab").containsEntry("displayName", "Homelab").containsEntry("enabled", true);
    }

    @Test
    void theKubernetesClientIsSeed000sClientExactly() {
        var client = named("clients", "clientId", "kubernetes");
        assertThat(client).containsEntry("publicClient", true)
                .containsEntry("standardFlowEnabled", true)
                .containsEntry("implicitFlowEnabled", false)
                .containsEntry("directAccessGrantsEnabled", false)
                .containsEntry("redirectUris", List.of("http://localhost:8000/*", "http://localhost:18000/*"));
        assertThat((List<String>) client.get("defaultClientScopes")).contains("profile", "email", "groups");
        assertThat((List<String>) client.get("optionalClientScopes")).containsExactly("offline_access");
        assertThat((Map<String, Object>) client.get("attributes")).containsEntry("pkce.code.challenge.method", "S256");
        assertThat(client).doesNotContainKey("secret");
    }

    @Test
    void theGroupsScopeMapsPlainGroupNamesIntoIdTokenAccessTokenAndUserinfo() {
        var scope = named("clientScopes", "name", "groups");
        @SuppressWarnings("unchecked")
        var mapper = ((List<Map<String, Object>>) scope.get("protocolMappers")).get(0);
        assertThat(mapper).containsEntry("protocolMapper", "oidc-group-membership-mapper");
        assertThat((Map<String, Object>) mapper.get("config"))
                .containsEntry("full.path", "false")
                .containsEntry("claim.name", "groups")
                .containsEntry("id.token.claim", "true")
                .containsEntry("access.token.claim", "true")
                .containsEntry("userinfo.token.claim", "true");
    }

    /** A realm import that lists client scopes gets none of Keycloak's built-ins: every scope a client names must be here. */
    @Test
    @SuppressWarnings("unchecked")
    void everyScopeAClientNamesIsDefinedByTheRealmItself() {
        var defined = ((List<Map<String, Object>>) realm().get("clientScopes")).stream().map(s -> (String) s.get("name")).toList();
        for (var client : (List<Map<String, Object>>) realm().get("clients")) {
            for (var scope : (List<String>) client.get("defaultClientScopes")) {
                assertThat(defined).as("default scope of " + client.get("clientId")).contains(scope);
            }
        }
        assertThat(defined).contains("basic", "profile", "email", "groups");
        assertThat(named("clientScopes", "name", "email").toString()).contains("claim.name=email");
    }

    @Test
    void securityDefaults() {
        assertThat(realm()).containsEntry("sslRequired", "external")
                .containsEntry("bruteForceProtected", true)
                .containsEntry("registrationAllowed", false)
                .containsEntry("duplicateEmailsAllowed", false)
                .containsEntry("defaultSignatureAlgorithm", "RS256");
    }

    @Test
    void groupsAndTheCatchAllDefaultGroup() {
        assertThat(realm().get("groups").toString()).contains("name=admin", "path=/admin", "name=user");
        assertThat(realm()).containsEntry("defaultGroups", List.of("/user"));
    }

    @Test
    void googleCredentialsArePlaceholdersReadFromTheSecretSyncedToTheRealmsNamespace() {
        var google = named("identityProviders", "alias", "google");
        assertThat(google).containsEntry("providerId", "google").containsEntry("enabled", true);
        assertThat((Map<String, Object>) google.get("config"))
                .containsEntry("clientId", "${GOOGLE_CLIENT_ID}")
                .containsEntry("clientSecret", "${GOOGLE_CLIENT_SECRET}");
        assertThat(spec.get("placeholders")).isEqualTo(Map.of(
                "GOOGLE_CLIENT_ID", Map.of("secret", Map.of("name", "google-oauth", "key", "clientId")),
                "GOOGLE_CLIENT_SECRET", Map.of("secret", Map.of("name", "google-oauth", "key", "clientSecret"))));
    }

    @Test
    void theImportWaitsForTheSecretsItReads() {
        var externalSecret = plan.find("kubernetes:external-secrets.io/v1:ExternalSecret", "google-oauth-identity").orElseThrow();
        assertThat(realmImport.dependsOn()).contains(externalSecret.urn());
    }

    @Test
    void noSecretValueAppearsInThePlanReportTheOutDirOrTheRealmJson(@org.junit.jupiter.api.io.TempDir java.nio.file.Path out)
            throws java.io.IOException {
        var report = new PlanReport(plan, List.of(), 0);
        new dev.citadel.plan.OutDirWriter(out).write(plan);
        var written = new StringBuilder();
        try (var files = java.nio.file.Files.walk(out)) {
            for (var f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                written.append(java.nio.file.Files.readString(f));
            }
        }
        assertThat(written.toString()).contains("GOOGLE_CLIENT_SECRET");
        assertThat(report.text() + report.json() + report.markdown() + written + realmJson.get())
                .doesNotContain(GOOGLE_SECRET_CANARY);
    }

    @Test
    void theRealmJsonOutputIsTheRealmTheOperatorImports() {
        var json = JsonParser.parseString(realmJson.get()).getAsJsonObject();
        assertThat(json.get("realm").getAsString()).isEqualTo("homelab");
        assertThat(JsonParser.parseString(new com.google.gson.Gson().toJson(realm()))).isEqualTo(json);
    }

    /** Map.of iterates in a different order in every JVM; the realm JSON (an output) must not. */
    @Test
    void theRealmJsonKeepsOneKeyOrderEverywhere() {
        var json = JsonParser.parseString(realmJson.get()).getAsJsonObject();
        for (var scope : json.getAsJsonArray("clientScopes")) {
            assertThat(scope.getAsJsonObject().getAsJsonObject("attributes").keySet())
                    .containsExactly("include.in.token.scope", "display.on.consent.screen");
            for (var mapper : scope.getAsJsonObject().getAsJsonArray("protocolMappers")) {
                assertThat(mapper.getAsJsonObject().keySet()).containsExactly("name", "protocol", "protocolMapper", "config");
            }
        }
        assertThat(json.keySet()).startsWith("realm", "displayName", "enabled", "sslRequired");
    }

    @Test
    void issuerAndJwksAreDerivedFromTheBaseUrlAndRealm() {
        var p = IdentityPlans.plan(ctx -> {
            var realm = new KeycloakRealm("homelab", homelab().keycloakUrl("https://sso.homelab.lan/").build());
            ctx.export("issuer", realm.issuerUrl());
            ctx.export("jwks", realm.jwksUri());
        });
        assertThat(Redacted.plain(p.outputs().get("issuer"))).isEqualTo("https://sso.homelab.lan/realms/homelab");
        assertThat(Redacted.plain(p.outputs().get("jwks"))).isEqualTo("https://sso.homelab.lan/realms/homelab/protocol/openid-connect/certs");
    }

    @Test
    void nestedGroupsKeepTheirPathsAndANestedDefaultGroupIsAddressedByPath() {
        var p = IdentityPlans.plan(ctx -> new KeycloakRealm("nested", KeycloakRealmArgs.builder()
                .keycloakUrl("https://sso.example.com").namespace("identity").realm("nested")
                .groups(Group.of("platform", Group.of("sre"), Group.of("dba")), Group.of("everyone"))
                .defaultGroups("dba")
                .client(OidcClient.kubernetesCli()).build()));
        var r = Redacted.plain(only(p, REALM_IMPORT).inputs().get("spec").get("realm")).toString();
        assertThat(r).contains("path=/platform/sre", "path=/platform/dba", "defaultGroups=[/platform/dba]");
    }

    @Test
    void operatorsFrom268CanBeGivenV2beta1() {
        var p = IdentityPlans.plan(ctx -> new KeycloakRealm("homelab", homelab().api(RealmImportApi.V2BETA1).build()));
        assertThat(p.ofType("kubernetes:k8s.keycloak.org/v2beta1:KeycloakRealmImport")).hasSize(1);
    }

    @Test
    void aConfidentialWebClientsSecretIsAPlaceholderToo() {
        var p = IdentityPlans.plan(ctx -> {
            var grafana = new dev.citadel.secrets.VaultBackedSecret("grafana-oidc", dev.citadel.secrets.VaultBackedSecretArgs.builder()
                    .store(dev.citadel.secrets.SecretStoreRef.cluster("vault-kv", "secret"))
                    .path("identity/grafana").generate("clientSecret").syncTo("identity").build());
            new KeycloakRealm("homelab", homelab()
                    .client(OidcClient.web("grafana", grafana.ref("identity", "clientSecret"))
                            .withRedirectUris("https://grafana.homelab.lan/login/generic_oauth"))
                    .build(), ComponentResourceOptions.builder().dependsOn(grafana).build());
        });
        var s = Redacted.plain(only(p, REALM_IMPORT).inputs().get("spec")).toString();
        assertThat(s).contains("secret=${CLIENT_GRAFANA_SECRET}", "CLIENT_GRAFANA_SECRET={secret={key=clientSecret, name=grafana-oidc}}");
    }
}
