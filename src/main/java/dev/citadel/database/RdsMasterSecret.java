package dev.citadel.database;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.citadel.component.ComponentError;
import dev.citadel.contract.Labels;
import dev.citadel.names.KubernetesNames;
import dev.citadel.provider.KubernetesObject;
import dev.citadel.secrets.SecretRef;

import javax.annotation.Nullable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The RDS master password RDS keeps in AWS Secrets Manager, synced once into the namespace the provisioning Jobs run in:
 * one ExternalSecret, {@code <name>}, whatever the number of users (issue 23: a copy per user multiplied the Secrets
 * that hold the master password). Users take {@link #credential()} and wait for this component.
 */
public final class RdsMasterSecret extends ComponentResource {
    public static final String TYPE = "citadel:database:RdsMasterSecret";
    /** pulumi up waits this long for External Secrets to report the Secret synced before the Jobs start. */
    static final int SYNC_TIMEOUT_SECONDS = 300;

    private final Credential credential;

    /**
     * @param namespace the Jobs' namespace
     * @param secret    the secret RDS manages, read through External Secrets' AWS provider
     */
    public record Args(String namespace, AwsSecretsManagerRef secret) {
        public Args {
            KubernetesNames.label("namespace", namespace);
            if (secret == null) {
                throw new IllegalArgumentException("secret is null; give AwsSecretsManagerRef.of(clusterSecretStore, secretId)");
            }
        }
    }

    public RdsMasterSecret(String name, Args args) {
        this(name, args, null);
    }

    public RdsMasterSecret(String name, Args args, @Nullable ComponentResourceOptions options) {
        super(TYPE, name, options);
        try {
            var secretName = KubernetesNames.subdomain("the master Secret's name (the component name '" + name + "')", name);
            externalSecret(this, name, secretName, args.namespace(), args.secret());
            this.credential = Credential.ref(SecretRef.of(args.namespace(), secretName, "password"));
            registerOutputs(Map.of("secretName", Output.of(secretName)));
        } catch (IllegalArgumentException e) {
            // Named here, where the name is known: a builder ran before it was.
            throw ComponentError.of(TYPE, name, e);
        }
    }

    /** The master password as the Jobs read it. */
    public Credential credential() {
        return credential;
    }

    /** The ExternalSecret {@code secretName} syncing {@code aws}'s password into {@code namespace}; pulumi up waits for it. */
    static Resource externalSecret(Resource parent, String resourceName, String secretName, String namespace, AwsSecretsManagerRef aws) {
        var metadata = Labels.metadata(secretName, namespace);
        var annotations = new LinkedHashMap<String, Object>();
        // The Job must not start before the Secret exists: pulumi up waits for ESO's Ready condition on it.
        annotations.put("pulumi.com/waitFor", "condition=Ready");
        annotations.put("pulumi.com/timeoutSeconds", String.valueOf(SYNC_TIMEOUT_SECONDS));
        metadata.put("annotations", annotations);
        var target = new LinkedHashMap<String, Object>();
        target.put("name", secretName);
        target.put("creationPolicy", "Owner");
        target.put("deletionPolicy", "Retain");
        var spec = new LinkedHashMap<String, Object>();
        // RDS rotates a password it manages (every 7 days by default): re-read often enough that the next Job has it.
        spec.put("refreshInterval", "15m");
        spec.put("secretStoreRef", Map.of("name", aws.clusterSecretStore(), "kind", "ClusterSecretStore"));
        spec.put("target", target);
        spec.put("data", List.of(Map.of("secretKey", "password",
                "remoteRef", Map.of("key", aws.secretId(), "property", aws.property()))));
        return new KubernetesObject(resourceName, new KubernetesObject.Args("external-secrets.io/v1", "ExternalSecret", metadata, spec),
                CustomResourceOptions.builder().parent(parent).build());
    }
}
