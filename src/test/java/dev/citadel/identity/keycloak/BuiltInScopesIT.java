package dev.citadel.identity.keycloak;

import com.google.gson.Gson;
import dev.citadel.contract.KeycloakObjects;
import dev.citadel.identity.KeycloakRealm;
import dev.citadel.identity.KeycloakRealmArgs;
import dev.citadel.identity.OidcClient;
import dev.citadel.plan.PlanRunner;
import dev.citadel.value.Redacted;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The managed target creates a realm through the admin API (as the keycloak provider does) and relies on the client
 * scopes Keycloak 26 creates with it; the import target defines the same scopes itself. On the real server: every
 * built-in scope the managed realm names exists, and every mapper the import defines is one of Keycloak's own, with
 * the same type and settings, so a token says the same on both targets for every claim the import issues.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuiltInScopesIT {
    static final String REALM = "citadel-builtin-scopes";
    final KeycloakServer keycloak;
    Map<String, Map<String, Object>> live;

    BuiltInScopesIT(KeycloakServer keycloak) {
        this.keycloak = keycloak;
    }

    @BeforeAll
    @SuppressWarnings("unchecked")
    void createARealmAsTheProviderDoes() {
        var admin = keycloak.admin();
        admin.deleteRealm(REALM);
        admin.importRealm("{\"realm\": \"" + REALM + "\", \"enabled\": true}");
        live = new TreeMap<>();
        for (var scope : (List<Map<String, Object>>) admin.get("/admin/realms/" + REALM + "/client-scopes")) {
            live.put((String) scope.get("name"), scope);
        }
    }

    @AfterAll
    void dropRealm() {
        keycloak.admin().deleteRealm(REALM);
    }

    @Test
    void everyBuiltInScopeTheManagedRealmNamesExists() {
        assertThat(live.keySet()).containsAll(KeycloakObjects.BUILT_IN_SCOPES).doesNotContain("groups");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyMapperTheImportDefinesForABuiltInIsKeycloaksOwnWithTheSameSettings() {
        var json = new java.util.concurrent.atomic.AtomicReference<String>();
        var plan = new PlanRunner("citadel", "it", Map.of(), Set.of()).run(ctx -> ctx.export("realmJson", new KeycloakRealm("p",
                KeycloakRealmArgs.builder().keycloakUrl("https://sso.example.com").namespace("identity").realm("p")
                        .groups("admin").client(OidcClient.kubernetesCli()).build()).realmJson()));
        var realm = new Gson().fromJson((String) Redacted.plain(plan.outputs().get("realmJson")), Map.class);
        var checked = new TreeSet<String>();
        for (var scope : (List<Map<String, Object>>) realm.get("clientScopes")) {
            var name = (String) scope.get("name");
            if (!KeycloakObjects.BUILT_IN_SCOPES.contains(name)) {
                continue;
            }
            var builtIn = live.get(name);
            assertThat(builtIn).as(name).isNotNull();
            assertThat((Map<String, String>) builtIn.get("attributes")).as(name + " attributes")
                    .containsAllEntriesOf((Map<String, String>) scope.get("attributes"));
            var liveMappers = new TreeMap<String, Map<String, Object>>();
            ((List<Map<String, Object>>) builtIn.getOrDefault("protocolMappers", List.of())).forEach(m -> liveMappers.put((String) m.get("name"), m));
            for (var mapper : (List<Map<String, Object>>) scope.get("protocolMappers")) {
                var where = name + "/" + mapper.get("name");
                var own = liveMappers.get((String) mapper.get("name"));
                assertThat(own).as(where).isNotNull();
                assertThat(own.get("protocolMapper")).as(where).isEqualTo(mapper.get("protocolMapper"));
                assertThat((Map<String, String>) own.get("config")).as(where).containsAllEntriesOf((Map<String, String>) mapper.get("config"));
                checked.add(where);
            }
        }
        assertThat(checked).contains("basic/sub", "profile/username", "email/email", "roles/realm roles", "acr/acr loa level",
                "web-origins/allowed web origins");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theClaimsThePoliciesAssumeForEachBuiltInAreTheOnesKeycloakIssues() {
        KeycloakObjects.BUILT_IN_SCOPE_CLAIMS.forEach((name, claims) -> {
            var issued = new TreeSet<String>();
            for (var m : (List<Map<String, Object>>) live.get(name).getOrDefault("protocolMappers", List.of())) {
                var config = (Map<String, String>) m.get("config");
                if (config.containsKey("claim.name")) {
                    issued.add(config.get("claim.name"));
                }
            }
            // Mappers with a fixed claim (sub, name, acr, allowed-origins) carry no claim.name; the rest must be issued.
            var named = new TreeSet<>(claims);
            named.removeAll(Set.of("sub", "name", "acr", "allowed-origins"));
            assertThat(issued).as(name).containsAll(named);
        });
    }
}
