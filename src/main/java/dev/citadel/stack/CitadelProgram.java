package dev.citadel.stack;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.ProviderResource;
import dev.citadel.provider.Plugin;
import dev.citadel.provider.VaultProvider;
import dev.citadel.secrets.PasswordPolicy;
import dev.citadel.secrets.VaultBackedSecret;
import dev.citadel.secrets.VaultBackedSecretArgs;
import dev.citadel.secrets.VaultSecretStore;
import dev.citadel.secrets.VaultSecretStoreArgs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The program {@code pulumi up} runs and {@code citadel plan} previews: reads the stack's {@code citadel:*}
 * configuration and builds the environment from Citadel's components. Each section of the stack file
 * maps to one component; see {@code stacks/Pulumi.homelab.yaml} for every setting in use.
 */
public final class CitadelProgram {
    private final StackConfig config;

    public CitadelProgram(StackConfig config) {
        this.config = config;
    }

    public void define(Context ctx) {
        var providers = providers();
        var components = ComponentResourceOptions.builder().providers(providers).build();

        var vault = config.node("vault");
        var store = new VaultSecretStore(vault.string("store", "vault"), storeArgs(vault), components);

        var exported = new TreeMap<String, Object>();
        for (var spec : config.node("secrets").items()) {
            var name = spec.string("name");
            VaultBackedSecretArgs args;
            try {
                args = secretArgs(spec, store);
            } catch (ConfigException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new ConfigException(spec.path() + " (" + name + "): " + e.getMessage());
            }
            var secret = new VaultBackedSecret(name, args, components);
            exported.put(name, Map.of(
                    "vaultPath", secret.vaultPath(),
                    "secretNames", new TreeMap<String, Object>(secret.secretNames()),
                    "rotation", secret.rotation()));
        }
        var raw = new RawResources(providers.get(0));
        raw.manifests(config.node("manifests"));
        raw.helmReleases(config.node("helmReleases"));

        ctx.export("vaultSecrets", Output.of(exported));
        ctx.export("secretStore", Output.of(store.ref().name()));
    }

    private List<ProviderResource> providers() {
        var list = new ArrayList<ProviderResource>();
        var kube = config.node("kubernetes");
        var k8sArgs = ProviderArgs.builder();
        kube.optString("context").ifPresent(k8sArgs::context);
        kube.optString("namespace").ifPresent(k8sArgs::namespace);
        kube.rejectUnknownKeys();
        list.add(new Provider(config.stack(), k8sArgs.build(), Plugin.KUBERNETES.pin(null)));

        var vault = config.node("vault");
        var vaultArgs = new VaultProvider.Args().address(vault.httpUrl("address", "https://vault.example.com:8200"));
        vault.optString("namespace").ifPresent(vaultArgs::namespace);
        list.add(new VaultProvider(config.stack(), vaultArgs, null));
        return list;
    }

    private static VaultSecretStoreArgs storeArgs(ConfigNode vault) {
        vault.optString("address");
        vault.optString("namespace");
        vault.optString("store");
        var b = VaultSecretStoreArgs.builder()
                .vaultServer(vault.has("server")
                        ? vault.httpUrl("server", "http://vault.vault.svc.cluster.local:8200")
                        : vault.httpUrl("address", "https://vault.example.com:8200"))
                .kvMount(vault.string("kvMount", "secret"))
                .createKvMount(vault.bool("createKvMount", false))
                .kubernetesAuthPath(vault.string("kubernetesAuthPath", "kubernetes"));
        vault.optString("enableKubernetesAuth").ifPresent(b::enableKubernetesAuth);
        vault.optString("caBundle").ifPresent(b::caBundle);
        if (vault.has("serviceAccount")) {
            var sa = vault.get("serviceAccount");
            b.serviceAccount(sa.string("namespace"), sa.string("name"));
            sa.rejectUnknownKeys();
        }
        var readable = vault.list("readablePaths");
        if (!readable.isEmpty()) {
            b.readablePaths(readable.stream().map(ConfigNode::asString).toList());
        }
        vault.rejectUnknownKeys();
        try {
            return b.build();
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(vault.path() + ": " + e.getMessage());
        }
    }

    private VaultBackedSecretArgs secretArgs(ConfigNode spec, VaultSecretStore store) {
        var b = VaultBackedSecretArgs.builder()
                .store(store.ref())
                .path(spec.string("path"))
                .rotation(spec.string("rotation", VaultBackedSecretArgs.INITIAL_ROTATION))
                .refreshInterval(spec.string("refreshInterval", VaultBackedSecretArgs.DEFAULT_REFRESH_INTERVAL))
                .secretType(spec.string("type", "Opaque"));
        spec.optString("secretName").ifPresent(b::secretName);
        for (var g : spec.list("generate")) {
            var key = g.string("key");
            var length = g.integer("length", PasswordPolicy.DEFAULT.length());
            var symbols = g.optString("symbols");
            b.generate(key, symbols.map(s -> PasswordPolicy.withSymbols(length, s)).orElse(PasswordPolicy.alphanumeric(length)));
            g.rejectUnknownKeys();
        }
        var values = spec.get("values");
        for (var entry : values.entries()) {
            b.value(entry.getKey(), entry.getValue());
        }
        var secretValues = spec.get("secretValues");
        for (var entry : secretValues.entries()) {
            var configKey = entry.getValue();
            var value = config.secret(configKey).orElseThrow(() -> new ConfigException(secretValues.path() + "." + entry.getKey()
                    + ": stack config has no secret '" + StackConfig.NAMESPACE + ":" + configKey
                    + "'; set it with: pulumi config set --secret " + StackConfig.NAMESPACE + ":" + configKey));
            b.value(entry.getKey(), value);
        }
        for (var c : spec.list("syncTo")) {
            var ns = c.string("namespace");
            var name = c.optString("secretName");
            if (name.isPresent()) {
                b.syncTo(ns, name.get());
            } else {
                b.syncTo(ns);
            }
            c.rejectUnknownKeys();
        }
        spec.rejectUnknownKeys();
        return b.build();
    }
}
