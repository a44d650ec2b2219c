package dev.citadel.secrets;

import com.google.gson.Gson;
import com.pulumi.test.Mocks;
import com.pulumi.resources.Resource;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.internal.MockMonitor;
import com.pulumi.test.internal.PulumiTestInternal;
import dev.citadel.value.Prop;
import dev.citadel.value.PropDecoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The component under the Pulumi SDK's own public mocks (not Citadel's recorder): what a user's unit test
 * of a stack that uses VaultBackedSecret would see.
 */
class VaultBackedSecretWithPulumiMocksTest {

    /** Records every resource and answers with its inputs; a RandomPassword also gets a fixed result. */
    static final class RecordingMocks implements Mocks {
        final ConcurrentLinkedQueue<ResourceArgs> created = new ConcurrentLinkedQueue<>();

        @Override
        public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
            created.add(args);
            var state = new HashMap<String, Object>(args.inputs);
            if (args.type.equals(SecretPlans.RANDOM_PASSWORD)) {
                state.put("result", "mock-" + args.name);
            }
            return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(args.name + "-id"), state));
        }

        ResourceArgs one(String type) {
            var found = created.stream().filter(r -> r.type.equals(type)).toList();
            assertThat(found).as(type).hasSize(1);
            return found.get(0);
        }
    }

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    @Test
    void theGeneratedPasswordFlowsIntoVaultAndTheExternalSecretsReadIt() {
        var mocks = new RecordingMocks();
        var result = PulumiTest.withMocks(mocks).runTest(ctx -> {
            var secret = new VaultBackedSecret("authentik-postgres", VaultBackedSecretArgs.builder()
                    .store(SecretPlans.STORE).path("authentik/postgres")
                    .secretType("kubernetes.io/basic-auth")
                    .value("username", "authentik").generate("password")
                    .rotation(3)
                    .syncTo("authentik").syncTo("postgres").build(), null);
            ctx.export("password", secret.value("password"));
        });
        assertThat(result.exceptions()).isEmpty();
        assertThat(result.exitCode()).isZero();

        assertThat(mocks.created).extracting(r -> r.type).containsExactlyInAnyOrder(VaultBackedSecret.TYPE,
                SecretPlans.RANDOM_PASSWORD, SecretPlans.SECRET_V2, SecretPlans.EXTERNAL_SECRET, SecretPlans.EXTERNAL_SECRET);

        var password = mocks.one(SecretPlans.RANDOM_PASSWORD);
        assertThat(password.name).isEqualTo("authentik-postgres-password");
        assertThat(password.inputs).containsEntry("keepers", Map.of("rotation", "3"))
                .containsEntry("length", 32.0)
                .containsEntry("special", false);

        var stored = mocks.one(SecretPlans.SECRET_V2);
        assertThat(stored.inputs).containsEntry("mount", "secret").containsEntry("name", "authentik/postgres");
        Map<?, ?> data = new Gson().fromJson((String) stored.inputs.get("dataJson"), Map.class);
        assertThat(data).isEqualTo(Map.of("password", "mock-authentik-postgres-password", "username", "authentik"));

        var namespaces = mocks.created.stream().filter(r -> r.type.equals(SecretPlans.EXTERNAL_SECRET))
                .map(r -> (Object) ((Map<?, ?>) r.inputs.get("metadata")).get("namespace")).toList();
        assertThat(namespaces).containsExactlyInAnyOrder("authentik", "postgres");
        var es = mocks.created.stream().filter(r -> r.name.equals("authentik-postgres-authentik")).findFirst().orElseThrow();
        assertThat(es.inputs).containsEntry("apiVersion", "external-secrets.io/v1").containsEntry("kind", "ExternalSecret");
        var spec = (Map<?, ?>) es.inputs.get("spec");
        assertThat(spec.get("secretStoreRef")).isEqualTo(Map.of("name", "vault-kv", "kind", "ClusterSecretStore"));
        assertThat(spec.get("data")).isEqualTo(List.of(
                Map.of("secretKey", "password", "remoteRef", Map.of("key", "authentik/postgres", "property", "password")),
                Map.of("secretKey", "username", "remoteRef", Map.of("key", "authentik/postgres", "property", "username"))));
        assertThat(spec.toString()).doesNotContain("mock-authentik-postgres-password");

        assertThat(SecretPlans.data(result.output("password")).isSecret()).isTrue();
    }

    /**
     * The plan marks every input named in additionalSecretOutputs secret, as the engine does; this looks
     * at the wire instead, to prove the program itself sends the Vault data as a secret even when the
     * password is known (a real deployment), whatever the provider schema says.
     */
    @Test
    void theProgramSendsTheVaultDataAsASecretOnTheWire() {
        var mocks = new RecordingMocks();
        var requests = new ConcurrentLinkedQueue<RegisterResourceRequest>();
        var test = PulumiTestInternal.builder()
                .mocks(mocks)
                .monitorDecorator(ignored -> new MockMonitor(mocks, PulumiTestInternal.mockLog()) {
                    @Override
                    public CompletableFuture<RegisterResourceResponse> registerResourceAsync(Resource resource, RegisterResourceRequest request) {
                        requests.add(request);
                        return super.registerResourceAsync(resource, request);
                    }
                })
                .build();
        var result = test.runTest(ctx -> new VaultBackedSecret("authentik-postgres", VaultBackedSecretArgs.builder()
                .store(SecretPlans.STORE).path("authentik/postgres")
                .value("username", "authentik").generate("password")
                .syncTo("authentik").build(), null));
        assertThat(result.exceptions()).isEmpty();

        var byType = new HashMap<String, Prop.Obj>();
        requests.forEach(r -> byType.put(r.getType(), PropDecoder.decode(r.getObject())));
        assertThat(byType.get(SecretPlans.SECRET_V2).get("dataJson")).isEqualTo(new Prop.Secret(new Prop.Str(
                "{\"password\":\"mock-authentik-postgres-password\",\"username\":\"authentik\"}")));
        assertThat(byType.get(SecretPlans.EXTERNAL_SECRET).containsSecret()).isFalse();
        assertThat(SecretPlans.plainStrings(byType.get(SecretPlans.EXTERNAL_SECRET)))
                .noneMatch(v -> v.contains("mock-authentik-postgres-password"));
    }
}
