package dev.citadel.readme;

import dev.citadel.plan.PlanRunner;
import dev.citadel.policy.PackConfig;
import dev.citadel.policy.PolicyEngine;
import dev.citadel.policy.PolicyResource;
import dev.citadel.policy.rules.PolicyPack;
import dev.citadel.value.Redacted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authentik example of docs/components/authentik.md does more than compile: the program as the page shows it,
 * planned with the whole pack, is clean, and authentik's database host is the Pooler the same program renders (the
 * README once typed {@code authentik-pooler-rw}, a Service nothing makes). The store comes from the secrets example,
 * so the plan declares it.
 */
class ReadmeProgramsPlanTest {

    @Test
    @SuppressWarnings("unchecked")
    void theAuthentikExamplePlansCleanWithAuthentikOnThePoolerItRenders(@TempDir Path classes) {
        var block = DocPages.javaBlocks(Path.of(""), Path.of("docs/components/authentik.md")).stream()
                .filter(b -> b.code().contains("new AuthentikRelease(")).findFirst().orElseThrow();
        var compiled = DocSnippets.compile(List.of(block), classes);
        assertThat(compiled.errors()).isEmpty();
        var plan = new PlanRunner("citadel", "readme", Map.of(), Set.of()).run(compiled.programs(block).get(0));
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
