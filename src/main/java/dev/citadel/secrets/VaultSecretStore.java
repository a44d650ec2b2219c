package dev.citadel.secrets;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.citadel.component.ComponentError;
import dev.citadel.contract.Labels;
import dev.citadel.names.KubernetesNames;
import dev.citadel.provider.KubernetesObject;
import dev.citadel.provider.VaultAuthBackend;
import dev.citadel.provider.VaultKubernetesAuthBackendConfig;
import dev.citadel.provider.VaultKubernetesAuthBackendRole;
import dev.citadel.provider.VaultMount;
import dev.citadel.provider.VaultPolicy;

import javax.annotation.Nullable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The External Secrets side of Vault, both ends: a {@code ClusterSecretStore} named after this component
 * reading one KV v2 mount, and in Vault the read-only policy and the Kubernetes auth role bound to the
 * External Secrets service account. Optionally the KV v2 mount and the Kubernetes auth method too.
 * {@link #ref()} is what {@link VaultBackedSecret}s take.
 */
public final class VaultSecretStore extends ComponentResource {
    public static final String TYPE = "citadel:secrets:VaultSecretStore";

    private final SecretStoreRef ref;

    public VaultSecretStore(String name, VaultSecretStoreArgs args) {
        this(name, args, null);
    }

    public VaultSecretStore(String name, VaultSecretStoreArgs args, @Nullable ComponentResourceOptions options) {
        super(TYPE, name, options);
        try {
            KubernetesNames.subdomain("name (the ClusterSecretStore's name)", name);
            this.ref = new SecretStoreRef(name, args.kvMount());
            var child = CustomResourceOptions.builder().parent(this).build();
            var vaultSide = new ArrayList<Resource>();

            if (args.createKvMount()) {
                vaultSide.add(new VaultMount(name + "-kv", new VaultMount.Args()
                        .path(args.kvMount()).type("kv").options(Map.of("version", "2"))
                        .description("KV v2 for secrets synced by External Secrets (Citadel)"), child));
            }
            Output<String> authPath = Output.of(args.kubernetesAuthPath());
            if (args.enableKubernetesAuthFor().isPresent()) {
                var backend = new VaultAuthBackend(name + "-kubernetes-auth", new VaultAuthBackend.Args()
                        .type("kubernetes").path(args.kubernetesAuthPath())
                        .description("Kubernetes service-account login (Citadel)"), child);
                vaultSide.add(backend);
                vaultSide.add(new VaultKubernetesAuthBackendConfig(name + "-kubernetes-auth", new VaultKubernetesAuthBackendConfig.Args()
                        .backend(authPath).kubernetesHost(args.enableKubernetesAuthFor().get()),
                        CustomResourceOptions.builder().parent(this).dependsOn(backend).build()));
            }
            var policy = new VaultPolicy(name + "-read", new VaultPolicy.Args()
                    .name(name + "-read").policy(policyHcl(args)), child);
            vaultSide.add(policy);
            var role = new VaultKubernetesAuthBackendRole(name, new VaultKubernetesAuthBackendRole.Args()
                    .backend(authPath)
                    .roleName(name)
                    .boundServiceAccountNames(List.of(args.serviceAccountName()))
                    .boundServiceAccountNamespaces(List.of(args.serviceAccountNamespace()))
                    .tokenPolicies(Output.of(List.of(name + "-read")))
                    .tokenTtl(args.tokenTtlSeconds()),
                    CustomResourceOptions.builder().parent(this).dependsOn(new ArrayList<>(vaultSide)).build());
            vaultSide.add(role);

            new KubernetesObject(name, new KubernetesObject.Args("external-secrets.io/v1", "ClusterSecretStore",
                    Labels.metadata(name, null),
                    storeSpec(name, args)),
                    CustomResourceOptions.builder().parent(this).dependsOn(vaultSide).build());

            registerOutputs(Map.of(
                    "storeName", Output.of(name),
                    "kvMount", Output.of(args.kvMount()),
                    "vaultRole", Output.of(name)));
        } catch (IllegalArgumentException e) {
            // Named here, where the name is known: a builder ran before it was.
            throw ComponentError.of(TYPE, name, e);
        }
    }

    /** Read-only, on the data and metadata of the readable paths: External Secrets never writes. */
    static String policyHcl(VaultSecretStoreArgs args) {
        var hcl = new StringBuilder();
        for (var p : args.readablePaths()) {
            hcl.append("path \"").append(args.kvMount()).append("/data/").append(p).append("\" {\n  capabilities = [\"read\"]\n}\n");
            hcl.append("path \"").append(args.kvMount()).append("/metadata/").append(p).append("\" {\n  capabilities = [\"read\", \"list\"]\n}\n");
        }
        return hcl.toString();
    }

    private static Map<String, Object> storeSpec(String name, VaultSecretStoreArgs args) {
        var serviceAccount = Map.<String, Object>of("name", args.serviceAccountName(), "namespace", args.serviceAccountNamespace());
        var vault = new LinkedHashMap<String, Object>();
        vault.put("server", args.vaultServer());
        vault.put("path", args.kvMount());
        vault.put("version", "v2");
        vault.put("auth", Map.of("kubernetes", Map.of(
                "mountPath", args.kubernetesAuthPath(),
                "role", name,
                "serviceAccountRef", serviceAccount)));
        args.caBundle().ifPresent(ca -> vault.put("caBundle", ca));
        return Map.of("provider", Map.of("vault", vault));
    }

    /** The reference {@link VaultBackedSecret}s take: this store's name and mount. */
    public SecretStoreRef ref() {
        return ref;
    }
}
