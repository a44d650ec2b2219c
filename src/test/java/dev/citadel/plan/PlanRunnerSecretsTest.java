package dev.citadel.plan;

import com.pulumi.core.Output;
import dev.citadel.provider.KubernetesObject;
import dev.citadel.secrets.VaultBackedSecret;
import dev.citadel.secrets.VaultBackedSecretArgs;
import dev.citadel.secrets.VaultSecretStore;
import dev.citadel.secrets.VaultSecretStoreArgs;
import dev.citadel.testing.Captured;
import dev.citadel.testing.Read;
import dev.citadel.value.Prop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A program written in the test hands a known secret to a {@link VaultBackedSecret}, to a Kubernetes
 * object (nested in maps and lists) and to the stack outputs. The recorder keeps it, marked secret; the
 * text report, the JSON report, the --out tree and the logs never show it.
 */
class PlanRunnerSecretsTest {
    private static final String CANARY = "canary-in-program-3f9d27a1e0b8";

    private static Plan planWithCanary() {
        return new PlanRunner("citadel", "test", Map.of(), Set.of()).run(ctx -> {
            var store = new VaultSecretStore("vault", VaultSecretStoreArgs.builder()
                    .vaultServer("https://vault.test:8200").build(), null);
            var secret = new VaultBackedSecret("app-token", VaultBackedSecretArgs.builder()
                    .store(store.ref())
                    .path("app/token")
                    .value("token", Output.ofSecret(CANARY))
                    .value("user", "app")
                    .syncTo("app")
                    .build(), null);
            var spec = new LinkedHashMap<String, Object>();
            spec.put("replicas", 2);
            spec.put("token", secret.value("token"));
            spec.put("tokens", List.of(Map.of("value", Output.ofSecret(CANARY))));
            // Known only after deployment: the id of a resource the preview is about to create.
            var probe = new KubernetesObject("probe", new KubernetesObject.Args("v1", "ConfigMap",
                    Map.of("name", "probe", "namespace", "app"), null), null);
            spec.put("probeId", probe.id());
            new KubernetesObject("widget", new KubernetesObject.Args("example.com/v1", "Widget",
                    Map.of("name", "widget", "namespace", "app"), spec), null);
            ctx.export("token", secret.value("token"));
            ctx.export("user", Output.of("app"));
        });
    }

    @Test
    void theSecretIsRecordedAsSecretWhereverItWasPut() {
        var plan = planWithCanary();

        var widget = plan.find("kubernetes:example.com/v1:Widget", "widget").orElseThrow().inputs();
        assertThat(widget.get("spec").get("token")).isEqualTo(new Prop.Secret(new Prop.Str(CANARY)));
        assertThat(widget.get("spec").get("replicas")).isEqualTo(new Prop.Num(2));
        var kv = plan.find("vault:kv/secretV2:SecretV2", "app-token").orElseThrow().inputs().get("dataJson");
        assertThat(kv).isInstanceOf(Prop.Secret.class);
        assertThat(((Prop.Secret) kv).value().string()).hasValueSatisfying(json -> assertThat(json).contains(CANARY));
        assertThat(plan.outputs().get("token")).isEqualTo(new Prop.Secret(new Prop.Str(CANARY)));
        assertThat(plan.outputs().get("user")).isEqualTo(new Prop.Str("app"));
    }

    @Test
    void noReportFileOrLogShowsTheSecret(@TempDir Path out) throws Exception {
        var run = Captured.capture(() -> {
            var plan = planWithCanary();
            var report = new dev.citadel.report.PlanReport(plan, List.of(), 0);
            new OutDirWriter(out).write(plan);
            return List.of(report.text(), report.json());
        });

        var text = run.value().get(0);
        var json = run.value().get(1);
        assertThat(text).contains("token: \"[secret]\"", "user: \"app\"").doesNotContain(CANARY);
        assertThat(json).contains("\"dataJson\": \"[secret]\"").doesNotContain(CANARY);
        assertThat(run.everything()).doesNotContain(CANARY);
        var files = Read.files(out);
        assertThat(files).isNotEmpty();
        for (var file : files) {
            assertThat(Files.readString(out.resolve(file))).as(file).doesNotContain(CANARY);
        }
        assertThat(Files.readString(out.resolve("k8s/app/widget-widget.yaml"))).isEqualTo("""
                apiVersion: example.com/v1
                kind: Widget
                metadata:
                  name: widget
                  namespace: app
                spec:
                  probeId: '[unknown]'
                  replicas: 2
                  token: '[secret]'
                  tokens:
                    - value: '[secret]'
                """);
    }
}
