package dev.citadel.secrets;

import dev.citadel.plan.Plan;
import dev.citadel.plan.Registration;
import dev.citadel.provider.Plugin;
import dev.citadel.value.Prop;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store side: a read-only Vault policy, the Kubernetes auth role, and the ClusterSecretStore secrets read through. */
class VaultSecretStoreTest {
    private static final String CLUSTER_SECRET_STORE = "kubernetes:external-secrets.io/v1:ClusterSecretStore";

    private static Plan plan(VaultSecretStoreArgs.Builder args) {
        return SecretPlans.plan(ctx -> new VaultSecretStore("vault-kv", args.build(), null));
    }

    @Test
    void registersPolicyRoleAndClusterSecretStoreOnly() {
        var plan = plan(VaultSecretStoreArgs.builder().vaultServer("http://vault.vault.svc.cluster.local:8200"));
        assertThat(plan.resources().stream().filter(Registration::custom).map(Registration::type))
                .containsExactlyInAnyOrder("vault:index/policy:Policy",
                        "vault:kubernetes/authBackendRole:AuthBackendRole",
                        CLUSTER_SECRET_STORE);
    }

    @Test
    void theClusterSecretStoreReadsTheKvV2MountAsTheRole() {
        var plan = plan(VaultSecretStoreArgs.builder().vaultServer("http://vault.vault.svc.cluster.local:8200"));
        var store = SecretPlans.only(plan, CLUSTER_SECRET_STORE);
        assertThat(store.inputs().get("metadata").get("name")).isEqualTo(new Prop.Str("vault-kv"));
        assertThat(store.inputs().get("metadata").get("namespace")).as("cluster-scoped").isEqualTo(Prop.NULL);
        var vault = store.inputs().get("spec").get("provider").get("vault");
        assertThat(vault.get("server")).isEqualTo(new Prop.Str("http://vault.vault.svc.cluster.local:8200"));
        assertThat(vault.get("path")).isEqualTo(new Prop.Str("secret"));
        assertThat(vault.get("version")).isEqualTo(new Prop.Str("v2"));
        var auth = vault.get("auth").get("kubernetes");
        assertThat(auth.get("mountPath")).isEqualTo(new Prop.Str("kubernetes"));
        assertThat(auth.get("role")).isEqualTo(new Prop.Str("vault-kv"));
        assertThat(auth.get("serviceAccountRef").get("namespace")).isEqualTo(new Prop.Str("external-secrets"));
        assertThat(store.version()).contains(Plugin.KUBERNETES.version());
    }

    @Test
    void thePolicyOnlyReadsTheListedPaths() {
        var args = VaultSecretStoreArgs.builder().vaultServer("https://vault.example.org")
                .readablePaths(List.of("dns/*", "authentik/*")).build();
        assertThat(VaultSecretStore.policyHcl(args)).isEqualTo("""
                path "secret/data/dns/*" {
                  capabilities = ["read"]
                }
                path "secret/metadata/dns/*" {
                  capabilities = ["read", "list"]
                }
                path "secret/data/authentik/*" {
                  capabilities = ["read"]
                }
                path "secret/metadata/authentik/*" {
                  capabilities = ["read", "list"]
                }
                """);
    }

    @Test
    void theStoreWaitsForTheVaultSideIncludingOptionalMountAndAuthMethod() {
        var plan = plan(VaultSecretStoreArgs.builder().vaultServer("https://vault.example.org")
                .createKvMount(true).enableKubernetesAuth("https://kubernetes.default.svc"));
        var vaultSide = plan.resources().stream().filter(r -> r.type().startsWith("vault:")).map(Registration::urn).toList();
        assertThat(plan.resources().stream().filter(r -> r.type().startsWith("vault:")).map(Registration::type))
                .contains("vault:index/mount:Mount", "vault:index/authBackend:AuthBackend",
                        "vault:kubernetes/authBackendConfig:AuthBackendConfig");
        assertThat(SecretPlans.only(plan, CLUSTER_SECRET_STORE).dependsOn()).containsExactlyInAnyOrderElementsOf(vaultSide);
    }

    @Test
    void aStoreNameThatIsNoKubernetesNameIsRejected() {
        assertThatThrownBy(() -> SecretPlans.plan(ctx -> new VaultSecretStore("Vault_KV",
                VaultSecretStoreArgs.builder().vaultServer("https://vault.example.org").build(), null)))
                .hasMessageContaining("ClusterSecretStore's name")
                .hasMessageContaining("'Vault_KV'")
                .hasMessageContaining("use e.g. 'vault-kv'");
    }
}
