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

    /**
     * The move from import to managed as docs/components/identity.md walks it: {@code citadel realm-ids} prints the adopt block from the
     * live realm, the user pastes it under {@code citadel:identity.realm}, and the plan imports every object Keycloak has
     * (groups, clients, the groups scope, their mappers, Google) instead of creating one, deleting nothing.
     */
    @Test
    void theAdoptBlockRealmIdsPrintsPastedIntoTheStackPlansAnImportOfEveryLiveObject(@TempDir Path dir) throws IOException {
        var declared = DeclaredRealm.of(plan, "homelab").get(0).json();
        var live = declared.deepCopy();
        withIds(live.getAsJsonArray("groups"), "group");
        withIds(live.getAsJsonArray("clients"), "client");
        withIds(live.getAsJsonArray("clientScopes"), "scope");
        var block = dev.citadel.verify.RealmIds.yaml("homelab", "https://sso.homelab.lan", declared, live);

        Files.copy(Path.of("Pulumi.yaml"), dir.resolve("Pulumi.yaml"));
        Files.createDirectories(dir.resolve("stacks"));
        var stack = Files.readString(Path.of("stacks", "Pulumi.homelab.yaml"));
        var anchor = "      target: managed\n";
        assertThat(stack).contains(anchor);
        var indented = block.lines().map(l -> "      " + l).collect(java.util.stream.Collectors.joining("\n")) + "\n";
        Files.writeString(dir.resolve("stacks/Pulumi.homelab.yaml"), stack.replace(anchor, anchor + indented));

        var result = Cli.run("plan", "--stack", "homelab", "--project-dir", dir.toString());
        assertThat(result.exitCode()).as("stderr: %s", result.err()).isZero();
        var adopted = PlanCommand.plan(dir, "homelab").resources().stream().filter(r -> r.pkg().equals("keycloak") && r.custom())
                .filter(r -> r.options().importId().isPresent()).map(dev.citadel.plan.Registration::name).toList();
        assertThat(adopted).contains("homelab-realm", "homelab-group-admin", "homelab-client-kubernetes", "homelab-scope-groups",
                "homelab-scope-groups-mapper", "homelab-google");
        assertThat(result.out()).contains("to import (existing objects adopted, not created)").doesNotContain("to delete");
    }

    private static void withIds(com.google.gson.JsonArray objects, String kind) {
        for (var e : objects) {
            var o = e.getAsJsonObject();
            o.addProperty("id", kind + "-" + Integer.toHexString(o.toString().hashCode()));
            if (o.has("subGroups")) {
                withIds(o.getAsJsonArray("subGroups"), kind);
            }
        }
    }
}
