package dev.citadel.verify;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RealmIdsTest {

    @Test
    void printsTheIdsOfTheDeclaredObjectsKeycloakHasAndCommentsTheOthers() {
        var declared = RealmDriftTest.declared();
        declared.getAsJsonArray("groups").add(JsonParser.parseString("{\"name\": \"auditor\", \"path\": \"/auditor\"}"));
        var live = RealmDriftTest.live();
        var yaml = RealmIds.yaml("homelab", "https://sso.homelab.lan", declared, live);

        assertThat(yaml).startsWith("# Keycloak's ids of realm homelab at https://sso.homelab.lan for the objects stack homelab declares.\n");
        assertThat(yaml).contains("""
                adopt:
                  groups:
                    admin: id-admin
                    # auditor: not found live (will be created)
                """);
        // Pasted as printed, it is the adopt block the managed target reads: Keycloak's own clients and scopes stay out.
        Map<String, Object> parsed = new Yaml().load(yaml);
        assertThat(parsed).containsOnlyKeys("adopt");
        @SuppressWarnings("unchecked")
        var adopt = (Map<String, Map<String, String>>) parsed.get("adopt");
        assertThat(adopt.get("clients")).containsExactly(Map.entry("grafana", "client-grafana"), Map.entry("kubernetes", "client-kubernetes"));
        // Only the scopes the managed realm creates are adopted by id: the built-ins stay Keycloak's (the managed target
        // refuses them in adopt.clientScopes).
        assertThat(adopt.get("clientScopes")).containsExactly(Map.entry("groups", "scope-groups"));
        assertThat(adopt.get("groups")).containsOnlyKeys("admin", "platform", "user", "sre");
    }

    @Test
    void aGroupUnderAnotherParentIsNotAdopted() {
        var live = RealmDriftTest.live();
        var platform = live.getAsJsonArray("groups").get(1).getAsJsonObject();
        var sre = platform.getAsJsonArray("subGroups").remove(0).getAsJsonObject();
        sre.addProperty("id", "id-sre");
        live.getAsJsonArray("groups").add(sre);

        var yaml = RealmIds.yaml("homelab", "https://sso.homelab.lan", RealmDriftTest.declared(), live);

        assertThat(yaml).contains("    # sre: live at /sre, declared at /platform/sre: not adopted").doesNotContain("id-sre");
    }

    @Test
    void namesYamlWouldReadAsSomethingElseAreQuotedAndASectionWithNothingLiveIsEmpty() {
        assertThat(RealmIds.quote("urn:k8s:api")).isEqualTo("urn:k8s:api");
        assertThat(RealmIds.quote("yes")).isEqualTo("'yes'");
        assertThat(RealmIds.quote("#admins")).isEqualTo("'#admins'");
        var live = RealmDriftTest.live();
        live.add("clientScopes", RealmDriftTest.strings());
        var yaml = RealmIds.yaml("homelab", "https://sso.homelab.lan", RealmDriftTest.declared(), live);
        assertThat(yaml).contains("  clientScopes: {}\n    # groups: not found live (will be created)\n");
        Map<String, Map<String, Object>> parsed = new Yaml().load(yaml);
        assertThat(parsed.get("adopt").get("clientScopes")).isEqualTo(Map.of());
    }
}
