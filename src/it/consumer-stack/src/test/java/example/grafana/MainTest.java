package example.grafana;

import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestResult;
import dev.citadel.secrets.Reloader;
import dev.citadel.secrets.VaultBackedSecret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the stack program with the Pulumi SDK's own mocks: no engine, no CLI, no cluster. */
class MainTest {
    private final List<Mocks.ResourceArgs> registered = new CopyOnWriteArrayList<>();
    private TestResult result;

    /** Every resource is created with its inputs as its state; a RandomPassword also gets a result. */
    private final Mocks mocks = args -> {
        registered.add(args);
        var state = new java.util.HashMap<String, Object>(args.inputs);
        if (args.type.equals("random:index/randomPassword:RandomPassword")) {
            state.put("result", "mock-password-for-" + args.name);
        }
        return CompletableFuture.completedFuture(Mocks.ResourceResult.of(Optional.of(args.name + "-id"), state));
    };

    @BeforeEach
    void runStack() {
        result = PulumiTest.withMocks(mocks).runTest(Main::stack);
        assertTrue(result.exceptions().isEmpty(), () -> "the program threw: " + result.exceptions());
        assertEquals(0, result.exitCode(), () -> "the program failed: " + result.errors());
    }

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    @Test
    void registersTheComponentWithItsVaultSecretAndExternalSecret() {
        var types = result.resources().stream().map(r -> r.pulumiResourceType()).toList();
        assertEquals(1, types.stream().filter(VaultBackedSecret.TYPE::equals).count(), () -> "types: " + types);
        assertEquals(1, types.stream().filter("vault:kv/secretV2:SecretV2"::equals).count(), () -> "types: " + types);
        assertEquals(1, types.stream().filter("kubernetes:external-secrets.io/v1:ExternalSecret"::equals).count(), () -> "types: " + types);
    }

    @Test
    void theVaultSecretIsWrittenToTheStoresMount() {
        var secret = one("vault:kv/secretV2:SecretV2");
        assertEquals("secret", secret.inputs.get("mount"));
        assertEquals("monitoring/grafana-admin", secret.inputs.get("name"));
        var json = String.valueOf(secret.inputs.get("dataJson"));
        assertTrue(json.contains("\"admin-user\":\"admin\""), json);
        assertTrue(json.contains("\"admin-password\":\"mock-password-for-grafana-admin-admin-password\""), json);
    }

    @Test
    void theExternalSecretSyncsIntoMonitoringThroughTheClusterStore() {
        var external = one("kubernetes:external-secrets.io/v1:ExternalSecret");
        var metadata = map(external.inputs.get("metadata"));
        assertEquals("grafana-admin", metadata.get("name"));
        assertEquals("monitoring", metadata.get("namespace"));
        var spec = map(external.inputs.get("spec"));
        assertEquals(Map.of("name", "vault", "kind", "ClusterSecretStore"), spec.get("secretStoreRef"));
        assertEquals("grafana-admin", map(spec.get("target")).get("name"));
    }

    @Test
    void theDeploymentIsRestartedByReloaderWhenThePasswordRotates() {
        var deployment = one("kubernetes:apps/v1:Deployment");
        var annotations = map(map(deployment.inputs.get("metadata")).get("annotations"));
        assertEquals("grafana-admin", annotations.get(Reloader.SECRET_ANNOTATION));
    }

    @Test
    void exportsWhereTheSecretLives() {
        assertEquals("secret/monitoring/grafana-admin",
                PulumiTest.extractValue(result.output("vaultPath", String.class)));
        assertEquals("grafana-admin", PulumiTest.extractValue(result.output("secretName", String.class)));
    }

    private Mocks.ResourceArgs one(String type) {
        var found = registered.stream().filter(r -> r.type.equals(type)).toList();
        assertEquals(1, found.size(), () -> "expected one " + type + ", registered: "
                + registered.stream().map(r -> r.type + " " + r.name).toList());
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertTrue(value instanceof Map, () -> "not a map: " + value);
        return (Map<String, Object>) value;
    }
}
