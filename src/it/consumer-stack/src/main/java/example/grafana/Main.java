package example.grafana;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.apps.v1.Deployment;
import com.pulumi.kubernetes.apps.v1.DeploymentArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecretKeySelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.StackReference;
import dev.citadel.provider.Plugin;
import dev.citadel.secrets.Reloader;
import dev.citadel.secrets.SecretStoreRef;
import dev.citadel.secrets.VaultBackedSecret;
import dev.citadel.secrets.VaultBackedSecretArgs;

import java.util.ArrayList;
import java.util.Map;

/**
 * A stack owned by another team: Grafana in namespace {@code monitoring}, whose admin password Citadel
 * generates once, keeps in Vault and syncs through the cluster's existing {@code vault} ClusterSecretStore.
 */
public final class Main {
    static final String NAMESPACE = "monitoring";

    private Main() {
    }

    public static void main(String[] args) {
        Pulumi.run(Main::stack);
    }

    static void stack(Context ctx) {
        var config = ctx.config();  // this project's own settings: grafana:image, grafana:secretStore, grafana:platformStack
        var admin = new VaultBackedSecret("grafana-admin", VaultBackedSecretArgs.builder()
                .store(SecretStoreRef.cluster(config.get("secretStore").orElse("vault"), "secret"))
                .path("monitoring/grafana-admin")
                .value("admin-user", "admin")
                .generate("admin-password")
                .syncTo(NAMESPACE)
                .build());

        var env = new ArrayList<EnvVarArgs>();
        env.add(secretEnv("GF_SECURITY_ADMIN_USER", admin, "admin-user"));
        env.add(secretEnv("GF_SECURITY_ADMIN_PASSWORD", admin, "admin-password"));
        // The platform team's stack exports the cluster's domain; Grafana's URL follows it.
        config.get("platformStack").ifPresent(platform -> env.add(EnvVarArgs.builder().name("GF_SERVER_ROOT_URL")
                .value(new StackReference(platform).requireOutput("domain").applyValue(domain -> "https://grafana." + domain))
                .build()));

        var labels = Map.of("app.kubernetes.io/name", "grafana");
        var metadata = ObjectMetaArgs.builder().name("grafana").namespace(NAMESPACE).labels(labels).build();
        new Deployment("grafana", DeploymentArgs.builder()
                // Stakater Reloader restarts Grafana when the password is rotated.
                .metadata(Reloader.annotate(metadata, NAMESPACE, admin))
                .spec(DeploymentSpecArgs.builder()
                        .selector(LabelSelectorArgs.builder().matchLabels(labels).build())
                        .template(PodTemplateSpecArgs.builder()
                                .metadata(ObjectMetaArgs.builder().labels(labels).build())
                                .spec(PodSpecArgs.builder()
                                        .containers(ContainerArgs.builder()
                                                .name("grafana")
                                                .image(config.get("image").orElse("grafana/grafana:12.1.1"))
                                                .env(env)
                                                .build())
                                        .build())
                                .build())
                        .build())
                .build(),
                // The kubernetes plugin version Citadel's own resources run on: one provider, not two.
                Plugin.KUBERNETES.options());

        ctx.export("vaultPath", admin.vaultPath());
        ctx.export("secretName", Output.of(admin.secretName(NAMESPACE)));
    }

    private static EnvVarArgs secretEnv(String name, VaultBackedSecret secret, String key) {
        return EnvVarArgs.builder()
                .name(name)
                .valueFrom(EnvVarSourceArgs.builder()
                        .secretKeyRef(SecretKeySelectorArgs.builder()
                                .name(secret.secretName(NAMESPACE))
                                .key(key)
                                .build())
                        .build())
                .build();
    }
}
