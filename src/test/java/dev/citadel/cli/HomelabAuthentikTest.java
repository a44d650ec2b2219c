package dev.citadel.cli;

import dev.citadel.plan.Plan;
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
 * Seed 001 in the shipped homelab stack: the hardened authentik release, the login and invitation flows, the six
 * first-party apps and the deleted flows plan clean through the policy pack; a mistake in {@code citadel:authentik} is
 * one line naming the setting.
 */
class HomelabAuthentikTest {
    private static Plan plan;

    @BeforeAll
    static void planHomelab() {
        plan = PlanCommand.plan(Path.of("."), "homelab");
    }

    /** The flows ConfigMap's data: blueprint file name to its YAML, as the worker mounts it. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> blueprints(Plan plan) {
        var configMap = plan.ofType("kubernetes:core/v1:ConfigMap").stream()
                .filter(r -> r.name().equals("authentik-flows-blueprints")).findFirst().orElseThrow();
        return (Map<String, Object>) Redacted.plain(configMap.inputs().get("data"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theReleaseMountsTheFlowsConfigMapAndReadsTheStacksSecrets() {
        var data = blueprints(plan);
        assertThat(data.keySet()).contains("citadel-one-screen-login.yaml", "citadel-persistent-sessions.yaml",
                "citadel-invitation-enrollment.yaml", "citadel-deleted.yaml", "citadel-app-vault.yaml", "citadel-app-forgejo.yaml",
                "citadel-app-immich.yaml", "citadel-app-headscale.yaml", "citadel-app-linkwarden.yaml", "citadel-app-cloudflare-access.yaml");
        var release = plan.ofType("kubernetes:helm.sh/v3:Release").stream().filter(r -> r.name().equals("authentik-release"))
                .findFirst().orElseThrow();
        var values = (Map<String, Object>) Redacted.plain(release.inputs().get("values"));
        assertThat(((Map<String, Object>) values.get("blueprints")).get("configMaps")).isEqualTo(List.of("citadel-authentik-blueprints"));
        assertThat(values.get("authentik")).isEqualTo(Map.of("existingSecret", Map.of("secretName", "authentik-secret-key")));
        // The pods read the ConfigMap and the synced Secrets at start: the release waits for them.
        assertThat(String.join(" ", release.dependsOn())).contains("authentik-flows-blueprints", "authentik-bootstrap-authentik",
                "authentik-postgres-authentik", "authentik-secret-key-authentik");
    }

    @Test
    void theHomelabStackPlansWithExitZero() {
        var result = Cli.run("plan", "--stack", "homelab");
        assertThat(result.exitCode()).as("stderr: %s", result.err()).isZero();
        assertThat(result.out()).contains("citadel:authentik:AuthentikFlow", "citadel:authentik:AuthentikRelease")
                .contains("Policies: no violations");
    }

    private static Cli.Result planWith(Path dir, String from, String to) throws IOException {
        Files.copy(Path.of("Pulumi.yaml"), dir.resolve("Pulumi.yaml"));
        Files.createDirectories(dir.resolve("stacks"));
        var stack = Files.readString(Path.of("stacks", "Pulumi.homelab.yaml"));
        assertThat(stack).contains(from);
        Files.writeString(dir.resolve("stacks").resolve("Pulumi.homelab.yaml"), stack.replace(from, to));
        return Cli.run("plan", "--stack", "homelab", "--project-dir", dir.toString());
    }

    @Test
    void aDowngradeBelowTheFloorIsOneLineNamingTheSetting(@TempDir Path dir) throws IOException {
        var result = planWith(dir, "imageTag: 2026.2.4", "imageTag: 2026.2.2");
        result.isOneLineUserError("citadel:authentik.release", "imageTag 2026.2.2 is below imageFloor 2026.2.4");
    }

    @Test
    void aFindThatCannotResolveIsOneLineNamingTheFlowsSetting(@TempDir Path dir) throws IOException {
        var result = planWith(dir, "deletedFlows: [enrollment-inviation,", "deletedFlows: [default-provider-authorization-implicit-consent, enrollment-inviation,");
        result.isOneLineUserError("citadel:authentik.flows", "deletes (state absent)");
    }

    @Test
    void redirectUrisOnAnAdoptedAppAreRefusedAsIgnored(@TempDir Path dir) throws IOException {
        var result = planWith(dir, "- {name: Forgejo, adopt: true}",
                "- {name: Forgejo, adopt: true, redirectUris: [https://git.homelab.lan/user/oauth2/authentik/callback]}");
        result.isOneLineUserError("citadel:authentik.flows.firstPartyApps[1].redirectUris", "would be ignored");
    }

    /**
     * authentik replaces an outpost's config whole: the JSON patches seed 001 keeps the embedded outpost alive with
     * reach the blueprint exactly as the stack writes them (compared as the JSON authentik stores), beside Citadel's keys.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theOutpostKeepsTheStacksJsonPatchesByteForByte() throws IOException {
        var stack = (Map<String, Object>) new org.yaml.snakeyaml.Yaml().load(Files.readString(Path.of("stacks", "Pulumi.homelab.yaml")));
        var authentik = (Map<String, Object>) ((Map<String, Object>) stack.get("config")).get("citadel:authentik");
        var outpost = (Map<String, Object>) ((Map<String, Object>) authentik.get("flows")).get("outpost");
        var written = ((Map<String, Object>) outpost.get("config")).get("kubernetes_json_patches");
        var yaml = (String) blueprints(plan).get("citadel-ak-outpost-authentik-embedded-outpost.yaml");
        var entry = ((List<Map<String, Object>>) ((Map<String, Object>) new org.yaml.snakeyaml.Yaml().load(yaml)).get("entries")).get(0);
        var config = (Map<String, Object>) ((Map<String, Object>) entry.get("attrs")).get("config");
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(json.writeValueAsString(config.get("kubernetes_json_patches"))).isEqualTo(json.writeValueAsString(written))
                .contains("app.kubernetes.io~1component")
                // A database env typed by hand would bypass authentik-db's contract and its CA (issue 23): none is patched in.
                .doesNotContain("AUTHENTIK_POSTGRESQL__");
        assertThat(config.keySet()).containsExactly("authentik_host", "log_level", "object_naming_template", "kubernetes_namespace",
                "kubernetes_replicas", "kubernetes_json_patches");
        assertThat(config).containsEntry("kubernetes_replicas", 2).containsEntry("log_level", "info");
    }

    @Test
    void anOutpostConfigContradictingTheHardeningIsOneLine(@TempDir Path dir) throws IOException {
        var result = planWith(dir, "        config:\n          kubernetes_json_patches:",
                "        config:\n          log_level: trace\n          kubernetes_json_patches:");
        result.isOneLineUserError("citadel:authentik.flows.outpost", "log_level trace is refused");
    }

    /** Seed 001's clean-up beyond flows: the Read-only group and role and the two unbound policies stay deleted. */
    @Test
    void theHomelabKeepsSeed001sGroupRoleAndPoliciesDeleted() {
        var yaml = (String) blueprints(plan).get("citadel-deleted.yaml");
        assertThat(yaml).contains("model: authentik_core.group\n  state: absent\n  identifiers:\n    name: authentik Read-only")
                .contains("model: authentik_rbac.role\n  state: absent\n  identifiers:\n    name: authentik Read-only")
                .contains("model: authentik_policies_expression.expressionpolicy\n  state: absent\n  identifiers:\n    name: map github username")
                .contains("name: Map Google Attributes");
    }

    @Test
    void deletingAStageCitadelRendersIsOneLine(@TempDir Path dir) throws IOException {
        var result = planWith(dir, "      deletedGroups: [authentik Read-only]",
                "      deletedStages: [{type: user_login, name: default-authentication-login}]\n      deletedGroups: [authentik Read-only]");
        result.isOneLineUserError("citadel:authentik.flows", "deletes authentik_stages_user_login.userloginstage default-authentication-login",
                "which blueprint citadel-persistent-sessions renders");
    }

    @Test
    void aStageTypeAuthentikDoesNotHaveIsNamed(@TempDir Path dir) throws IOException {
        var result = planWith(dir, "      deletedGroups: [authentik Read-only]",
                "      deletedStages: [{type: login, name: x}]\n      deletedGroups: [authentik Read-only]");
        result.isOneLineUserError("citadel:authentik.flows.deletedStages[0]", "stage type 'login' is not one authentik has");
    }

    @Test
    void aRoleToDeleteWithoutANameIsOneLineNamingItsEntry(@TempDir Path dir) throws IOException {
        var result = planWith(dir, "deletedRoles: [authentik Read-only]", "deletedRoles: [authentik Read-only, \"  \"]");
        result.isOneLineUserError("citadel:authentik.flows.deletedRoles", "give the name authentik shows for it");
    }

    /** {@code provider} names a live provider to adopt; on an app Citadel creates it would be silently meaningless. */
    @Test
    void aLiveProviderNameOnACreatedAppIsOneLine(@TempDir Path dir) throws IOException {
        var result = planWith(dir, "{name: Vault, adopt: true}",
                "{name: Vault, provider: Vault OAuth, redirectUris: [https://vault.homelab.lan/ui/vault/auth/oidc/oidc/callback]}");
        result.isOneLineUserError("citadel:authentik.flows.firstPartyApps[0].provider",
                "names a live provider, which only an adopted app has; add adopt: true, or drop it");
    }

    /** Citadel knows the bootstrap token's procedure (rotate-authentik-token): a second one in stack config would be ignored. */
    @Test
    void aProcedureForAConsumerCitadelKnowsIsOneLine(@TempDir Path dir) throws IOException {
        var result = planWith(dir, "persistedAtInit: {consumer: authentik-bootstrap-token, rotation: 1}",
                "persistedAtInit: {consumer: authentik-bootstrap-token, rotation: 1, procedure: restart authentik}");
        result.isOneLineUserError("citadel:secrets[", "].persistedAtInit.procedure",
                "Citadel knows authentik-bootstrap-token's procedure and would ignore this one; drop it");
    }

    @Test
    void anApplicationsOwnConsumerWithoutAProcedureIsOneLine(@TempDir Path dir) throws IOException {
        var result = planWith(dir, "persistedAtInit: {consumer: powerdns-api-key, rotation: 1}",
                "persistedAtInit: {consumer: powerdns, rotation: 1}");
        result.isOneLineUserError("citadel:secrets[", "].persistedAtInit", "procedure is empty; say how a new value reaches it");
    }

    @Test
    void aMisspeltSettingIsNamed(@TempDir Path dir) throws IOException {
        var result = planWith(dir, "persistentSessionWeeks: 4", "persistentSessionsWeeks: 4");
        result.isOneLineUserError("citadel:authentik.flows.persistentSessionsWeeks is not a known setting");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOutpostRunsTwoReplicasAndItsAlertsSelectItsRealService() {
        var data = blueprints(plan);
        var outpost = (String) data.get("citadel-ak-outpost-authentik-embedded-outpost.yaml");
        assertThat(outpost).contains("name: authentik Embedded Outpost", "kubernetes_replicas: 2", "log_level: info");
        assertThat((String) data.get("citadel-invitation-enrollment.yaml"))
                .contains("!Find [authentik_sources_oauth.oauthsource, [slug, google]]", "!Find [authentik_sources_oauth.oauthsource, [slug, github]]",
                        "!Find [authentik_sources_oauth.oauthsource, [slug, facebook]]");
        var rule = plan.ofType("kubernetes:monitoring.coreos.com/v1:PrometheusRule").stream()
                .filter(r -> r.name().equals("authentik-outpost-alerts")).findFirst().orElseThrow();
        assertThat(String.valueOf(Redacted.plain(rule.inputs().get("spec"))))
                .contains("service=~\"authentik-ak-outpost-authentik-embedded-outpost-.+\"")
                .contains("outpost_name=\"authentik Embedded Outpost\"")
                .doesNotContain("authentik-authentik-outpost");
    }

    @Test
    void aLoneOutpostReplicaIsOneLineNamingTheSetting(@TempDir Path dir) throws IOException {
        var result = planWith(dir, "replicas: 2", "replicas: 1");
        result.isOneLineUserError("citadel:authentik.flows.outpost", "replicas is 1");
    }

    @Test
    void aBadAlertThresholdIsOneLineNamingTheSetting(@TempDir Path dir) throws IOException {
        var result = planWith(dir, "fallback401PerSecond: 5", "fallback401PerSecond: five");
        result.isOneLineUserError("citadel:authentik.release.outpostAlerts.fallback401PerSecond: 'five' is not a number");
    }
}
