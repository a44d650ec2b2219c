package dev.citadel.secrets;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.citadel.secrets.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

class VaultSecretStoreArgsTest {

    private static VaultSecretStoreArgs.Builder valid() {
        return VaultSecretStoreArgs.builder().vaultServer("http://vault.vault.svc.cluster.local:8200");
    }

    @Test
    void defaultsReadTheWholeSecretMountAsTheExternalSecretsServiceAccount() {
        var args = valid().build();
        assertThat(args.kvMount()).isEqualTo("secret");
        assertThat(args.createKvMount()).isFalse();
        assertThat(args.kubernetesAuthPath()).isEqualTo("kubernetes");
        assertThat(args.enableKubernetesAuthFor()).isEmpty();
        assertThat(args.serviceAccountNamespace()).isEqualTo("external-secrets");
        assertThat(args.serviceAccountName()).isEqualTo("external-secrets");
        assertThat(args.readablePaths()).containsExactly("*");
        assertThat(args.tokenTtlSeconds()).isEqualTo(3600);
    }

    @Test
    void vaultServerWithoutScheme() {
        assertRejected(() -> valid().vaultServer("vault.vault.svc:8200").build(),
                "vaultServer", "'vault.vault.svc:8200'", "write e.g. 'https://vault.vault.svc:8200'");
    }

    @Test
    void vaultServerWithAnotherScheme() {
        assertRejected(() -> valid().vaultServer("tcp://vault:8200").build(),
                "vaultServer", "'tcp://vault:8200'", "is not an http(s) URL");
    }

    @Test
    void missingVaultServer() {
        assertRejected(() -> VaultSecretStoreArgs.builder().build(), "vaultServer", "'null'", "https://vault.vault.svc:8200");
    }

    @Test
    void kubernetesHostWithoutScheme() {
        assertRejected(() -> valid().enableKubernetesAuth("kubernetes.default.svc").build(),
                "enableKubernetesAuth", "'kubernetes.default.svc'", "https://kubernetes.default.svc");
    }

    @Test
    void emptyReadablePaths() {
        assertRejected(() -> valid().readablePaths(List.of()).build(),
                "readablePaths", "is empty", "List.of(\"*\")");
    }

    @Test
    void readablePathWithKvV2ApiPrefix() {
        assertRejected(() -> valid().readablePaths(List.of("dns/*", "data/authentik/*")).build(),
                "readablePaths", "'data/authentik/*'", "no 'data/' or 'metadata/' prefix");
    }

    @Test
    void readablePathEscapingTheMount() {
        assertRejected(() -> valid().readablePaths(List.of("metadata/dns/*")).build(), "readablePaths", "'metadata/dns/*'", "e.g. 'dns/*'");
        assertRejected(() -> valid().readablePaths(List.of("dns/../*")).build(), "readablePaths", "'dns/../*'", "no '..'");
    }

    @Test
    void readablePathWithLeadingSlash() {
        assertRejected(() -> valid().readablePaths(List.of("/dns/*")).build(),
                "readablePaths", "'/dns/*'", "no leading '/'");
    }

    @Test
    void tokenTtlTooShort() {
        assertRejected(() -> valid().tokenTtlSeconds(30).build(), "tokenTtlSeconds", "30 is out of range", "use 60 to 86400");
    }

    @Test
    void tokenTtlTooLong() {
        assertRejected(() -> valid().tokenTtlSeconds(86_401).build(), "tokenTtlSeconds", "86401 is out of range", "use 60 to 86400");
    }

    @Test
    void kvMountWithApiPrefixSlash() {
        assertRejected(() -> valid().kvMount("/secret").build(), "kvMount", "'/secret'", "write 'secret'");
    }

    @Test
    void serviceAccountNamespaceInvalid() {
        assertRejected(() -> valid().serviceAccount("External_Secrets", "external-secrets").build(),
                "serviceAccount namespace", "'External_Secrets'", "use e.g. 'external-secrets'");
    }
}
