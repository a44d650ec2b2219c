package dev.citadel.cli;

import com.google.gson.Gson;
import dev.citadel.contract.KeycloakObjects;
import dev.citadel.plan.OutDirWriter;
import dev.citadel.plan.Plan;
import dev.citadel.testing.PulumiSchema;
import dev.citadel.testing.Read;
import dev.citadel.value.Redacted;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The homelab realm on the managed target: pulumi-keycloak resources on a provider logging in as the stack's
 * service account, every one of them as the vendored 6.13.0 schema accepts it in the --out tree conformance.py reads.
 */
class HomelabManagedRealmTest {
    private static final PulumiSchema KEYCLOAK = PulumiSchema.load("keycloak", "/keycloak/pulumi-keycloak-6.13.0-subset.json");
    private static Plan plan;

    @BeforeAll
    static void load() {
        plan = PlanCommand.plan(Path.of("."), "homelab");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyKeycloakResourceInThePlanTreeConformsToTheProviderSchema(@TempDir Path out) throws IOException {
        new OutDirWriter(out.resolve("plan")).write(plan);
        var files = Read.files(out.resolve("plan/resources/keycloak"));
        assertThat(files).hasSizeGreaterThan(20).contains("homelab-realm.json", "homelab-keycloak.json", "homelab-client-kubernetes.json");
        for (var file : files) {
            var doc = new Gson().fromJson(Files.readString(out.resolve("plan/resources/keycloak").resolve(file)), Map.class);
            assertThat(KEYCLOAK.failures((String) doc.get("type"), (Map<String, Object>) doc.get("inputs"))).as(file).isEmpty();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theProviderLogsInAsTheStacksServiceAccountWithItsSecretNeverPlain() {
        var provider = plan.find("pulumi:providers:keycloak", "homelab-keycloak").orElseThrow();
        var inputs = (Map<String, Object>) Redacted.plain(provider.inputs());
        assertThat(inputs).containsEntry("url", "https://sso.homelab.lan").containsEntry("clientId", "citadel-admin")
                .containsEntry("realm", "master").containsEntry("clientSecret", Redacted.SECRET).doesNotContainKey("tlsInsecureSkipVerify");
        assertThat(plan.ofType(KeycloakObjects.CLIENT)).isNotEmpty().allSatisfy(c -> assertThat(c.provider()).contains(provider.urn()));
        assertThat(plan.ofType("kubernetes:k8s.keycloak.org/v2alpha1:KeycloakRealmImport")).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theKubeClientGetsTheGroupsScopeWhoseMapperWritesPlainNames() {
        var kube = plan.find(KeycloakObjects.CLIENT, "homelab-client-kubernetes").orElseThrow();
        var scopes = plan.ofType(KeycloakObjects.CLIENT_DEFAULT_SCOPES).stream().filter(s -> s.dependsOn().contains(kube.urn())).toList();
        assertThat(scopes).hasSize(1);
        assertThat((List<String>) Redacted.plain(scopes.get(0).inputs().get("defaultScopes"))).contains("groups", "profile", "email");
        var mapper = (Map<String, Object>) Redacted.plain(plan.find(KeycloakObjects.GROUP_MEMBERSHIP_MAPPER, "homelab-scope-groups-mapper")
                .orElseThrow().inputs());
        assertThat(mapper).containsEntry("fullPath", false).containsEntry("addToIdToken", true).containsEntry("claimName", "groups");
    }
}
