package dev.citadel.cli;

import com.pulumi.Context;
import com.pulumi.Pulumi;
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

import java.util.Map;

/**
 * Pulumi Java programs that are not Citadel's, planned by {@code citadel plan --main-class} (ConsumerPlanCommandTest):
 * each {@code main} calls {@code Pulumi.run}, as a program the Pulumi CLI runs does.
 */
final class ConsumerPrograms {
    private ConsumerPrograms() {
    }

    /** Grafana with a Vault-backed admin password, configured from its own stack config ({@code grafana:...}). */
    static final class Grafana {
        public static void main(String[] args) {
            Pulumi.run(Grafana::stack);
        }

        static void stack(Context ctx) {
            var config = ctx.config("grafana");
            var namespace = "monitoring";
            var admin = new VaultBackedSecret("grafana-admin", VaultBackedSecretArgs.builder()
                    .store(SecretStoreRef.cluster(config.get("secretStore").orElse("vault"), "secret"))
                    .path("monitoring/grafana-admin")
                    .value("admin-user", "admin")
                    .value("smtp-password", config.requireSecret("smtpPassword"))
                    .generate("admin-password")
                    .syncTo(namespace)
                    .build());
            var env = new java.util.ArrayList<EnvVarArgs>();
            env.add(EnvVarArgs.builder().name("GF_SECURITY_ADMIN_PASSWORD").valueFrom(EnvVarSourceArgs.builder()
                    .secretKeyRef(SecretKeySelectorArgs.builder().name(config.get("adminSecret").orElse(admin.secretName(namespace)))
                            .key("admin-password").build()).build()).build());
            config.get("platformStack").ifPresent(platform -> env.add(EnvVarArgs.builder().name("GF_SERVER_ROOT_URL")
                    .value(new StackReference(platform).requireOutput("domain").applyValue(d -> "https://grafana." + d)).build()));
            var labels = Map.of("app.kubernetes.io/name", "grafana");
            var metadata = ObjectMetaArgs.builder().name("grafana").namespace(namespace).labels(labels).build();
            new Deployment("grafana", DeploymentArgs.builder()
                    .metadata(Reloader.annotate(metadata, namespace, admin))
                    .spec(DeploymentSpecArgs.builder()
                            .selector(LabelSelectorArgs.builder().matchLabels(labels).build())
                            .template(PodTemplateSpecArgs.builder()
                                    .metadata(ObjectMetaArgs.builder().labels(labels).build())
                                    .spec(PodSpecArgs.builder().containers(ContainerArgs.builder()
                                            .name("grafana")
                                            .image(config.get("image").orElse("grafana/grafana:12.1.1"))
                                            .env(env)
                                            .build()).build())
                                    .build())
                            .build())
                    .build(), Plugin.KUBERNETES.options());   // the plugin version Citadel's own resources run on
            ctx.export("vaultPath", admin.vaultPath());
        }
    }

    /** Waits for something that never comes: the plan must end anyway. */
    static final class Hangs {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** A builder refusal: the program's own message is the line the user gets. */
    static final class Refused {
        public static void main(String[] args) {
            Pulumi.run(ctx -> new VaultBackedSecret("grafana-admin", VaultBackedSecretArgs.builder()
                    .store(SecretStoreRef.cluster("vault", "secret")).path("").generate("admin-password").syncTo("monitoring").build()));
        }
    }
}
