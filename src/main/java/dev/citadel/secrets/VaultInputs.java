package dev.citadel.secrets;

import com.pulumi.core.annotations.Import;
import dev.citadel.config.Doc;
import dev.citadel.config.Inputs;
import dev.citadel.names.KubernetesNames;
import dev.citadel.provider.VaultProvider;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * {@code citadel:vault}: where Pulumi reaches Vault (the provider) and where External Secrets does (the
 * {@link VaultSecretStore}).
 */
@Doc("Vault: the address Pulumi uses, and the ClusterSecretStore External Secrets reads it through.")
public final class VaultInputs extends Inputs {
    @Import(name = "address", required = true) @Doc("Vault's URL as pulumi up reaches it (VAULT_TOKEN from the environment).")
    private String address;
    @Import(name = "namespace") @Doc("The Vault Enterprise namespace.")
    private String namespace;
    @Import(name = "server") @Doc("Vault's URL as External Secrets reaches it from inside the cluster; default address.")
    private String server;
    @Import(name = "store") @Doc("The ClusterSecretStore's name; default vault.")
    private String store;
    @Import(name = "kvMount") @Doc("The KV v2 mount the secrets live in; default secret.")
    private String kvMount;
    @Import(name = "createKvMount") @Doc("Create the mount; default false (it exists).")
    private Boolean createKvMount;
    @Import(name = "kubernetesAuthPath") @Doc("The Kubernetes auth mount External Secrets logs in with; default kubernetes.")
    private String kubernetesAuthPath;
    @Import(name = "enableKubernetesAuth") @Doc("Enable that auth mount, for the API server at this URL.")
    private String enableKubernetesAuth;
    @Import(name = "caBundle") @Doc("Base64 PEM of the CA that signed Vault's certificate, for External Secrets.")
    private String caBundle;
    @Import(name = "serviceAccount") @Doc("External Secrets' service account; default external-secrets/external-secrets.")
    private ServiceAccount serviceAccount;
    @Import(name = "readablePaths") @Doc("The paths inside the mount External Secrets may read; default all.")
    private List<String> readablePaths;

    /** The store's name, checked first: an empty name hung the SDK's resource constructor. */
    public String storeName() {
        return build("store", () -> KubernetesNames.subdomain("the ClusterSecretStore name", store == null ? "vault" : store));
    }

    public VaultProvider.Args providerArgs() {
        var args = new VaultProvider.Args().address(httpUrl("address", address, "https://vault.example.com:8200"));
        ifSet(namespace, args::namespace);
        return args;
    }

    public VaultSecretStoreArgs toArgs() {
        var b = VaultSecretStoreArgs.builder().vaultServer(server != null
                ? httpUrl("server", server, "http://vault.vault.svc.cluster.local:8200")
                : httpUrl("address", address, "https://vault.example.com:8200"));
        ifSet(kvMount, b::kvMount);
        ifSet(createKvMount, b::createKvMount);
        ifSet(kubernetesAuthPath, b::kubernetesAuthPath);
        ifSet(enableKubernetesAuth, b::enableKubernetesAuth);
        ifSet(caBundle, b::caBundle);
        if (serviceAccount != null) {
            b.serviceAccount(serviceAccount.namespace, serviceAccount.name);
        }
        if (!readablePaths.isEmpty()) {
            b.readablePaths(readablePaths);
        }
        return build(b::build);
    }

    /** The provider binding checks nothing itself, so its address is checked here, naming the setting. */
    private String httpUrl(String key, String value, String example) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw fail(key, ": '" + dev.citadel.config.Plain.shown(value) + "' is not an http(s) URL; write e.g. '"
                    + example + "'");
        }
        return value;
    }

    @Doc("A service account.")
    public static final class ServiceAccount extends Inputs {
        @Import(name = "namespace", required = true) @Doc("Its namespace.")
        private String namespace;
        @Import(name = "name", required = true) @Doc("Its name.")
        private String name;
    }
}
