package dev.citadel.authentik;

import dev.citadel.plan.Plan;
import dev.citadel.plan.PlanRunner;
import dev.citadel.plan.Registration;
import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.PackConfig;
import dev.citadel.policy.PolicyEngine;
import dev.citadel.policy.PolicyResource;
import dev.citadel.policy.rules.PolicyPack;
import dev.citadel.database.PostgresConnection;
import dev.citadel.database.SslMode;
import dev.citadel.secrets.SecretRef;
import dev.citadel.value.Redacted;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The hardened authentik release of seed 001: its values from an offline preview, what the policy pack says, and what build() refuses. */
class AuthentikReleaseTest {
    static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    static final SecretRef TOKEN = SecretRef.of("authentik", "authentik-bootstrap", "AUTHENTIK_BOOTSTRAP_TOKEN");
    static final PostgresConnection.ServerCa CA = PostgresConnection.ServerCa.of("authentik",
            dev.citadel.database.CaBundle.secret("authentik-db-ca", "ca.crt"));
    static final SecretRef PG_USER = SecretRef.of("authentik", "authentik-postgres", "username");
    private static Plan plan;
    private static Map<String, Object> values;

    static AuthentikReleaseArgs.Builder homelab() {
        return AuthentikReleaseArgs.builder()
                .chartVersion("2026.2.4")
                .image("2026.2.4", "2026.2.4")
                .existingSecret("authentik-secret-key")
                .bootstrap(TOKEN, TOKEN.withKey("AUTHENTIK_BOOTSTRAP_PASSWORD"))
                .postgres(PostgresConnection.external("authentik-db-pooler-rw.authentik.svc", 5432, "authentik", "authentik",
                        PG_USER.withKey("password"), SslMode.REQUIRE).pooled(PostgresConnection.Pooling.SESSION).withCa(CA, SslMode.VERIFY_FULL))
                .env("AUTHENTIK_WEB__WORKERS", "3")
                .blueprintConfigMap(AuthentikFlowArgs.DEFAULT_CONFIG_MAP);
    }

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void planRelease() {
        plan = new PlanRunner("citadel", "test", Map.of(), Set.of()).run(ctx -> {
            var flows = new AuthentikFlow("flows", Seed001.homelab().build());
            new AuthentikRelease("authentik", homelab().build(),
                    com.pulumi.resources.ComponentResourceOptions.builder().dependsOn(flows).build());
        });
        var releases = plan.ofType(RELEASE);
        assertThat(releases).hasSize(1);
        values = (Map<String, Object>) Redacted.plain(releases.get(0).inputs().get("values"));
    }

    @SuppressWarnings("unchecked")
    private static Object at(String path) {
        Object at = values;
        for (var part : path.split("\\.")) {
            at = ((Map<String, Object>) at).get(part);
        }
        return at;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> env(String component) {
        return ((List<Map<String, Object>>) at(component + ".env")).stream()
                .collect(Collectors.toMap(e -> (String) e.get("name"), e -> e));
    }

    @Test
    void theReleaseIsTheAuthentikChartPinnedWithTheImageTagPinnedToo() {
        Registration release = plan.ofType(RELEASE).get(0);
        assertThat(release.name()).isEqualTo("authentik-release");
        assertThat(release.parent()).isEqualTo(plan.find(AuthentikRelease.TYPE, "authentik").orElseThrow().urn());
        assertThat(release.inputs().get("chart").string()).contains("authentik");
        assertThat(release.inputs().get("version").string()).contains("2026.2.4");
        assertThat(release.inputs().get("namespace").string()).contains("authentik");
        assertThat(at("global.image.tag")).isEqualTo("2026.2.4");
        assertThat(at("global.image.repository")).isEqualTo("ghcr.io/goauthentik/server");
    }

    @Test
    void tuningAndSessionsGoThroughServerAndWorkerEnvNeverAuthentikValues() {
        assertThat(at("authentik")).isEqualTo(Map.of("existingSecret", Map.of("secretName", "authentik-secret-key")));
        for (var component : List.of("server", "worker")) {
            var env = env(component);
            assertThat(env.get("AUTHENTIK_SESSIONS__UNAUTHENTICATED_AGE")).containsEntry("value", "hours=2");
            assertThat(env.get("AUTHENTIK_WEB__WORKERS")).containsEntry("value", "3");
            assertThat(env).doesNotContainKey("AUTHENTIK_POSTGRESQL__CONN_MAX_AGE");
            assertThat(env.get("AUTHENTIK_POSTGRESQL__PASSWORD")).isEqualTo(Map.of("name", "AUTHENTIK_POSTGRESQL__PASSWORD",
                    "valueFrom", Map.of("secretKeyRef", Map.of("name", "authentik-postgres", "key", "password"))));
            assertThat(env.get("AUTHENTIK_BOOTSTRAP_TOKEN")).isEqualTo(Map.of("name", "AUTHENTIK_BOOTSTRAP_TOKEN",
                    "valueFrom", Map.of("secretKeyRef", Map.of("name", "authentik-bootstrap", "key", "AUTHENTIK_BOOTSTRAP_TOKEN"))));
            assertThat(at(component + ".livenessProbe")).isEqualTo(Map.of("failureThreshold", 6L, "periodSeconds", 10L, "timeoutSeconds", 5L));
            // No live tag: the plan had no --live-tags, so only the typed floor travels to no-image-downgrade.
            assertThat(at(component + ".deploymentAnnotations")).isEqualTo(Map.of("secret.reloader.stakater.com/reload",
                    "authentik-bootstrap,authentik-postgres,authentik-secret-key", "citadel.dev/image-floor", "2026.2.4"));
        }
        assertThat(at("blueprints.configMaps")).isEqualTo(List.of(AuthentikFlowArgs.DEFAULT_CONFIG_MAP));
    }

    @Test
    void theAuthentikPoliciesJudgeTheReleaseClean() {
        var resources = plan.resources().stream().map(PolicyResource::of).toList();
        // The release alone: its Secrets, the store and the database are another program's, declared as such.
        var config = PackConfig.fromJson("{\"no-image-downgrade\": {\"floors\": {\"ghcr.io/goauthentik/server\": \"2026.2.4\", "
                + "\"authentik\": \"2026.2.4\"}}, \"references-resolve\": {\"preinstalled\": [\"Secret authentik/authentik-secret-key\", "
                + "\"Secret authentik/authentik-bootstrap\", \"Secret authentik/authentik-postgres\", "
                + "\"Service authentik/authentik-db-pooler-rw\", \"Secret authentik/authentik-db-ca\"]}}",
                PolicyPack.policies().stream().map(p -> p.info().id()).collect(Collectors.toSet()));
        var violations = new PolicyEngine(PolicyPack.policies(), config).analyzeStack(resources);
        assertThat(violations).filteredOn(v -> v.level() == EnforcementLevel.MANDATORY)
                .filteredOn(v -> !v.policyId().equals("crd-installed-before-use")).isEmpty();
        // The database's CA is mounted from a Secret like any other: references-resolve says when nothing makes it.
        var withoutCa = PackConfig.fromJson("{\"references-resolve\": {\"preinstalled\": [\"Secret authentik/authentik-secret-key\", "
                + "\"Secret authentik/authentik-bootstrap\", \"Secret authentik/authentik-postgres\", "
                + "\"Service authentik/authentik-db-pooler-rw\"]}}", PolicyPack.policies().stream().map(p -> p.info().id()).collect(Collectors.toSet()));
        assertThat(new PolicyEngine(PolicyPack.policies(), withoutCa).analyzeStack(resources))
                .filteredOn(v -> v.policyId().equals("references-resolve")).singleElement().satisfies(v -> assertThat(v.message())
                        .contains("(values.global.volumes[citadel-postgres-ca]) names Secret authentik/authentik-db-ca; nothing answers it"));
        assertThat(violations).filteredOn(v -> List.of("inert-helm-values", "liveness-tolerates-migrations",
                "no-persistent-conns-through-session-pool", "no-image-downgrade", "no-mutable-image-tags").contains(v.policyId())).isEmpty();
    }

    private static IllegalArgumentException rejection(Supplier<?> build) {
        try {
            build.get();
        } catch (IllegalArgumentException e) {
            return e;
        }
        throw new AssertionError("expected the release args to be rejected, but they were accepted");
    }

    @Test
    void anImageBelowTheFloorIsRefusedAtBuild() {
        assertThat(rejection(() -> homelab().image("2026.2.2", "2026.2.4").build()))
                .hasMessageContaining("imageTag 2026.2.2 is below imageFloor 2026.2.4").hasMessageContaining("seed 001");
        assertThat(homelab().image("2026.10.1", "2026.2.4").build().values()).isNotNull();
        assertThat(rejection(() -> homelab().image("latest", "2026.2.4").build())).hasMessageContaining("imageTag is 'latest'");
    }

    @Test
    void authentikValuesWithTheExistingSecretAreRefusedAsInertNamingTheEnvVariable() {
        assertThat(rejection(() -> homelab().chartValue("authentik.web.workers", 3).build()))
                .hasMessageContaining("chart value authentik.web.workers is inert")
                .hasMessageContaining("env(\"AUTHENTIK_WEB__WORKERS\", ...)");
        assertThat(homelab().chartValue("authentik.web.path", "/").chartValue("server.replicas", 2).build().values())
                .extractingByKey("server").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("replicas", 2);
        assertThat(rejection(() -> homelab().chartValue("global.image.tag", "2026.2.2").build())).hasMessageContaining("set by the release itself");
    }

    @Test
    void connMaxAgeBehindTheSessionPoolAndSecretsOutsideTheNamespaceAreRefused() {
        assertThat(rejection(() -> homelab().env("AUTHENTIK_POSTGRESQL__CONN_MAX_AGE", "60").build()))
                .hasMessageContaining("AUTHENTIK_POSTGRESQL__CONN_MAX_AGE=60 with a session-mode pooler");
        assertThat(rejection(() -> homelab().bootstrap(SecretRef.of("vault", "authentik-bootstrap", "t"), null).build()))
                .hasMessageContaining("bootstrapToken").hasMessageContaining("sync the secret to authentik");
        assertThat(rejection(() -> homelab().env("AUTHENTIK_SESSIONS__UNAUTHENTICATED_AGE", "days=1").build()))
                .hasMessageContaining("is set by the release itself");
    }
}
