package dev.citadel.secrets;

import dev.citadel.names.KubernetesNames;
import dev.citadel.names.VaultPaths;

import javax.annotation.Nullable;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** What a {@link VaultSecretStore} connects: one Vault KV v2 mount, read by External Secrets through Kubernetes auth. */
public final class VaultSecretStoreArgs {
    private final String vaultServer;
    private final String kvMount;
    private final boolean createKvMount;
    private final String kubernetesAuthPath;
    @Nullable private final String enableKubernetesAuthFor;
    private final String serviceAccountNamespace;
    private final String serviceAccountName;
    private final List<String> readablePaths;
    private final int tokenTtlSeconds;
    @Nullable private final String caBundle;

    private VaultSecretStoreArgs(Builder b) {
        this.vaultServer = b.vaultServer;
        this.kvMount = b.kvMount;
        this.createKvMount = b.createKvMount;
        this.kubernetesAuthPath = b.kubernetesAuthPath;
        this.enableKubernetesAuthFor = b.enableKubernetesAuthFor;
        this.serviceAccountNamespace = b.serviceAccountNamespace;
        this.serviceAccountName = b.serviceAccountName;
        this.readablePaths = List.copyOf(b.readablePaths);
        this.tokenTtlSeconds = b.tokenTtlSeconds;
        this.caBundle = b.caBundle;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String vaultServer() { return vaultServer; }
    public String kvMount() { return kvMount; }
    public boolean createKvMount() { return createKvMount; }
    public String kubernetesAuthPath() { return kubernetesAuthPath; }
    /** The Kubernetes API server URL to enable Vault's Kubernetes auth method for, if this stack enables it. */
    public Optional<String> enableKubernetesAuthFor() { return Optional.ofNullable(enableKubernetesAuthFor); }
    public String serviceAccountNamespace() { return serviceAccountNamespace; }
    public String serviceAccountName() { return serviceAccountName; }
    public List<String> readablePaths() { return readablePaths; }
    public int tokenTtlSeconds() { return tokenTtlSeconds; }
    public Optional<String> caBundle() { return Optional.ofNullable(caBundle); }

    public static final class Builder {
        private String vaultServer;
        private String kvMount = "secret";
        private boolean createKvMount;
        private String kubernetesAuthPath = "kubernetes";
        private String enableKubernetesAuthFor;
        private String serviceAccountNamespace = "external-secrets";
        private String serviceAccountName = "external-secrets";
        private List<String> readablePaths = List.of("*");
        private int tokenTtlSeconds = 3600;
        private String caBundle;

        private Builder() {
        }

        /** Vault's URL as External Secrets reaches it from inside the cluster. */
        public Builder vaultServer(String url) { this.vaultServer = url; return this; }

        /** The KV v2 mount the store reads (default {@code secret}). */
        public Builder kvMount(String mount) { this.kvMount = mount; return this; }

        /** Also create the KV v2 mount (off by default: most Vaults already have {@code secret/}). */
        public Builder createKvMount(boolean create) { this.createKvMount = create; return this; }

        /** Where Vault's Kubernetes auth method is mounted (default {@code kubernetes}). */
        public Builder kubernetesAuthPath(String path) { this.kubernetesAuthPath = path; return this; }

        /** Enable and configure the Kubernetes auth method at {@link #kubernetesAuthPath} for this API server. */
        public Builder enableKubernetesAuth(String kubernetesHost) { this.enableKubernetesAuthFor = kubernetesHost; return this; }

        /** The External Secrets controller's service account (default {@code external-secrets/external-secrets}). */
        public Builder serviceAccount(String namespace, String name) {
            this.serviceAccountNamespace = namespace;
            this.serviceAccountName = name;
            return this;
        }

        /** Paths inside the mount External Secrets may read (Vault glob, default everything: {@code *}). */
        public Builder readablePaths(List<String> paths) { this.readablePaths = paths; return this; }

        public Builder tokenTtlSeconds(int seconds) { this.tokenTtlSeconds = seconds; return this; }

        /** Base64 PEM of the CA that signed Vault's certificate, when it is not publicly trusted. */
        public Builder caBundle(String base64Pem) { this.caBundle = base64Pem; return this; }

        public VaultSecretStoreArgs build() {
            checkUrl("vaultServer", vaultServer, "https://vault.vault.svc:8200");
            VaultPaths.mount("kvMount", kvMount);
            VaultPaths.mount("kubernetesAuthPath", kubernetesAuthPath);
            if (enableKubernetesAuthFor != null) {
                checkUrl("enableKubernetesAuth", enableKubernetesAuthFor, "https://kubernetes.default.svc");
            }
            KubernetesNames.label("serviceAccount namespace", serviceAccountNamespace);
            KubernetesNames.subdomain("serviceAccount name", serviceAccountName);
            if (readablePaths == null || readablePaths.isEmpty()) {
                throw new IllegalArgumentException("readablePaths is empty; External Secrets could read nothing. "
                        + "Give the paths inside the mount, e.g. List.of(\"*\") or List.of(\"dns/*\", \"authentik/*\")");
            }
            for (var p : readablePaths) {
                if (p == null || p.isBlank() || p.startsWith("/") || p.startsWith("data/") || p.startsWith("metadata/")
                        || p.contains("//") || java.util.Arrays.asList(p.split("/")).contains("..")) {
                    throw new IllegalArgumentException("readablePaths: '" + p + "' is not a path inside the mount; "
                            + "write e.g. 'dns/*' (no leading '/', no 'data/' or 'metadata/' prefix, no '..')");
                }
            }
            if (tokenTtlSeconds < 60 || tokenTtlSeconds > 86400) {
                throw new IllegalArgumentException("tokenTtlSeconds: " + tokenTtlSeconds + " is out of range; use 60 to 86400 (default 3600)");
            }
            return new VaultSecretStoreArgs(this);
        }

        private static void checkUrl(String field, String value, String example) {
            URI uri;
            try {
                uri = value == null ? null : new URI(value);
            } catch (Exception e) {
                uri = null;
            }
            if (uri == null || uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                throw new IllegalArgumentException(field + ": '" + value + "' is not an http(s) URL; write e.g. '" + example + "'");
            }
        }
    }
}
