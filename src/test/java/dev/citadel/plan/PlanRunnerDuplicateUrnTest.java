package dev.citadel.plan;

import dev.citadel.provider.KubernetesObject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A program that registers one URN twice (two components of one name, say from a copied block) previews "fine"
 * offline; `pulumi up` then fails with "Duplicate resource URN". The plan refuses it first, as a user error naming it.
 */
class PlanRunnerDuplicateUrnTest {
    private static KubernetesObject configMap(String resourceName, String namespace) {
        return new KubernetesObject(resourceName, new KubernetesObject.Args("v1", "ConfigMap",
                Map.of("name", "app-config", "namespace", namespace), Map.of()), null);
    }

    @Test
    void oneUrnRegisteredTwiceIsAUserErrorNamingTheUrn() {
        var runner = new PlanRunner("citadel", "test", Map.of(), Set.of());
        assertThatThrownBy(() -> runner.run(ctx -> {
            configMap("app-config", "app");
            configMap("app-config", "app-two");
        })).isInstanceOfSatisfying(PlanRunner.ProgramFailure.class, e -> {
            assertThat(e.isUserError()).isTrue();
            assertThat(e.getMessage()).isEqualTo("two resources are both urn:pulumi:test::citadel::pulumi:pulumi:Stack$kubernetes:core/v1:ConfigMap::app-config"
                    + "; pulumi up rejects a URN registered twice: give one of them another name");
        });
    }

    @Test
    void distinctNamesPlan() {
        var plan = new PlanRunner("citadel", "test", Map.of(), Set.of()).run(ctx -> {
            configMap("app-config", "app");
            configMap("app-two-config", "app-two");
        });
        assertThat(plan.ofType("kubernetes:core/v1:ConfigMap")).hasSize(2);
    }
}
