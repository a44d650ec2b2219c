package dev.citadel.readme;

import dev.citadel.plan.PlanRunner;
import dev.citadel.policy.PackConfig;
import dev.citadel.policy.PolicyEngine;
import dev.citadel.policy.PolicyResource;
import dev.citadel.policy.rules.PolicyPack;
import dev.citadel.value.Redacted;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's authentik example does more than compile: planned with the whole pack, it is clean, and authentik's
 * database host is the Pooler the same program renders (the README once typed {@code authentik-pooler-rw}, a Service
 * nothing makes). The store comes from the secrets example earlier in the README, so the plan declares it.
 */
class ReadmeProgramsPlanTest {

    @Test
    @SuppressWarnings("unchecked")
    void theAuthentikExamplePlansCleanWithAuthentikOnThePoolerItRenders() {
        var plan = new PlanRunner("citadel", "readme", Map.of(), Set.of()).run(ReadmeExamples.authentikProgram());
        var resources = plan.resources().stream().map(PolicyResource::of).toList();
        var ids = PolicyPack.policies().stream().map(p -> p.info().id()).collect(Collectors.toSet());
        var config = PackConfig.fromJson("{\"references-resolve\": {\"preinstalled\": [\"ClusterSecretStore vault-kv\"]}, "
                + "\"crd-installed-before-use\": {\"preinstalledCrds\": [\"external-secrets.io\", \"postgresql.cnpg.io\", "
                + "\"monitoring.coreos.com\"]}}", ids);

        assertThat(new PolicyEngine(PolicyPack.policies(), config).analyzeStack(resources)).isEmpty();
        var release = plan.ofType("kubernetes:helm.sh/v3:Release").get(0);
        var values = (Map<String, Object>) Redacted.plain(release.inputs().get("values"));
        assertThat(values.get("server").toString()).contains("{name=AUTHENTIK_POSTGRESQL__HOST, value=authentik-db-pooler-rw.authentik.svc}");
        assertThat(plan.ofType("kubernetes:postgresql.cnpg.io/v1:Pooler")).singleElement()
                .satisfies(p -> assertThat(p.inputs().get("metadata").get("name").string()).contains("authentik-db-pooler-rw"));
    }
}
