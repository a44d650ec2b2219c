package dev.citadel.stack;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.ProviderResource;
import dev.citadel.database.CnpgCluster;
import dev.citadel.names.KubernetesNames;
import dev.citadel.provider.Plugin;
import dev.citadel.provider.VaultProvider;
import dev.citadel.secrets.PasswordPolicy;
import dev.citadel.secrets.VaultBackedSecret;
import dev.citadel.secrets.VaultBackedSecretArgs;
import dev.citadel.secrets.VaultSecretStore;
import dev.citadel.secrets.VaultSecretStoreArgs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The program {@code pulumi up} runs and {@code citadel plan} previews: reads the stack's {@code citadel:*}
 * configuration and builds the environment from Citadel's components. Each section of the stack file
 * maps to one component; see {@code stacks/Pulumi.homelab.yaml} for every setting in use.
 */
public final class CitadelProgram {
    /** Every {@code citadel:} setting the program reads; anything else in the stack file is a mistake. */
    public static final Set<String> SETTINGS = Set.of(
            "kubernetes", "vault", "secrets", "identity", "authentik", "databases", "rds", "manifests", "helmReleases", "policies", "policyGuard");

    private final StackConfig config;

    /**
     * Rejects stack-config keys the program would silently ignore: an unknown {@code citadel:} setting,
     * or a namespace one or two letters away from {@code citadel} ({@code citadle:secrets}).
     */
    public static void checkSettings(Collection<String> keys, Set<String> secretReferences) {
        var unknown = new TreeSet<String>();
        for (var key : new TreeSet<>(keys)) {
            var colon = key.indexOf(':');
            if (colon < 0) {
                continue;
            }
            var namespace = key.substring(0, colon);
            var name = key.substring(colon + 1);
            if (!namespace.equals(StackConfig.NAMESPACE) && distance(namespace, StackConfig.NAMESPACE) <= 2) {
                throw new ConfigException(key + ": the namespace '" + namespace + "' looks like a typo; write "
                        + StackConfig.NAMESPACE + ":" + name);
            }
            if (namespace.equals(StackConfig.NAMESPACE) && !SETTINGS.contains(name) && !secretReferences.contains(name)) {
                var near = SETTINGS.stream().filter(s -> distance(s, name) <= 2).sorted().findFirst();
                if (near.isPresent()) {
                    throw new ConfigException(key + " is not a Citadel setting; did you mean " + StackConfig.NAMESPACE + ":"
                            + near.get() + "? The settings are " + new TreeSet<>(SETTINGS) + ".");
                }
                unknown.add(key);
            }
        }
        var dangling = secretReferences.stream().anyMatch(r -> !keys.contains(StackConfig.NAMESPACE + ":" + r));
        if (!unknown.isEmpty() && !dangling) {
            throw new ConfigException(unknown.first() + " is not a Citadel setting, and no secretValues entry refers to it; "
                    + "the settings are " + new TreeSet<>(SETTINGS) + ", besides secrets named in secretValues.");
        }
    }

    private static int distance(String a, String b) {
        var d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                var cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    public CitadelProgram(StackConfig config) {
        this.config = config;
    }

    public void define(Context ctx) {
        // Before anything registers: a typo found later would leave a half-applied stack.
        var secretReferences = new TreeSet<String>();
        for (var spec : config.node("secrets").items()) {
            spec.get("secretValues").entries().forEach(e -> secretReferences.add(e.getValue()));
        }
        checkSettings(config.keys(), secretReferences);
        // Read by the guard under pulumi up; checked here too, so citadel plan catches 'policyGuard: maybe'.
        if (config.has("policyGuard")) {
            var guard = config.node("policyGuard");
            var value = guard.asString().strip();
            if (!value.equals("true") && !value.equals("false")) {
                throw new ConfigException(guard.path() + ": '" + value + "' is not true or false; write citadel:policyGuard: false to switch the guard off");
            }
        }
        var vault = config.node("vault");
        var storeName = ConfigException.at(vault.path() + ".store",
                () -> KubernetesNames.subdomain("the ClusterSecretStore name", vault.string("store", "vault")));
        var secretSpecs = secretNames();
        var raw = new RawResources();
        raw.manifests(config.node("manifests"));
        raw.helmReleases(config.node("helmReleases"));

        var providers = providers();
        var components = ComponentResourceOptions.builder().providers(providers).build();
        var store = new VaultSecretStore(storeName, storeArgs(vault), components);

        var exported = new TreeMap<String, Object>();
        var secrets = new TreeMap<String, VaultBackedSecret>();
        for (var entry : secretSpecs.entrySet()) {
            var name = entry.getKey();
            var spec = entry.getValue();
            var args = ConfigException.at(spec.path() + " (" + name + ")", () -> secretArgs(spec, store));
            var secret = new VaultBackedSecret(name, args, components);
            secrets.put(name, secret);
            exported.put(name, Map.of(
                    "vaultPath", args.vaultPath(),
                    "secretNames", new TreeMap<String, Object>(secret.secretNames()),
                    "rotation", secret.rotation()));
        }
        var identity = new IdentitySettings(config.node("identity"), secrets).define(config.stack(), providers);
        // Databases before their consumers: authentik takes its cluster's connection, never a typed host.
        var clusters = new DatabaseSettings(config.node("databases"), secrets).define(providers);
        var authentik = new AuthentikSettings(config.node("authentik"), secrets, clusters).define(providers);
        // RDS: the Kubernetes provider (its Job path) and Vault (publishing); the postgresql provider is its own.
        var rds = new RdsSettings(config.node("rds"), secrets, store.ref()).define(providers);
        raw.define(providers.get(0));

        ctx.export("vaultSecrets", Output.of(exported));
        ctx.export("secretStore", Output.of(store.ref().name()));
        identity.forEach(ctx::export);
        authentik.forEach(ctx::export);
        if (!clusters.isEmpty()) {
            ctx.export("databaseHosts", byName(clusters, CnpgCluster::host));
            ctx.export(dev.citadel.contract.CnpgClusterOutput.STACK_OUTPUT,
                    byName(clusters, c -> c.contract().applyValue(dev.citadel.contract.CnpgClusterOutput::toOutput)));
        }
        rds.forEach(ctx::export);
    }

    /** One output per cluster, by the cluster's name. */
    private static Output<Map<String, Object>> byName(Map<String, CnpgCluster> clusters,
                                                      Function<CnpgCluster, ? extends Output<?>> value) {
        var names = List.copyOf(clusters.keySet());
        return Output.all(clusters.values().stream().<Output<Object>>map(c -> value.apply(c).applyValue(v -> (Object) v)).toList())
                .applyValue(values -> {
            var out = new TreeMap<String, Object>();
            for (int i = 0; i < names.size(); i++) {
                out.put(names.get(i), values.get(i));
            }
            return out;
        });
    }

    /**
     * Every secret's name, checked before any resource exists: an empty name used to fail inside the SDK's
     * resource constructor, and two secrets of one name are one URN twice, which pulumi up rejects.
     */
    private Map<String, ConfigNode> secretNames() {
        var specs = new LinkedHashMap<String, ConfigNode>();
        var names = new UniqueNames("secret");
        for (var spec : config.node("secrets").items()) {
            var path = spec.path() + ".name";
            var name = spec.string("name");
            if (name.isBlank()) {
                throw new ConfigException(path + " is empty; give every secret a name, e.g. 'app-token'");
            }
            if (!name.strip().equals(name) || name.chars().anyMatch(Character::isISOControl)) {
                throw new ConfigException(path + ": '" + name.strip() + "' has surrounding spaces or control characters; write e.g. 'app-token'");
            }
            if (!spec.has("secretName")) {
                // The component's own check would name its Java builder (secretName(...)), not this line.
                ConfigException.at(path, () -> KubernetesNames.subdomain("the name of the Kubernetes Secret (set secretName to choose another)", name));
            }
            names.claim(path, name);
            specs.put(name, spec);
        }
        return specs;
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
        return ConfigException.at(vault.path(), b::build);
    }

    private VaultBackedSecretArgs secretArgs(ConfigNode spec, VaultSecretStore store) {
        var b = VaultBackedSecretArgs.builder()
                .store(store.ref())
                .path(spec.string("path"))
                .rotation(spec.string("rotation", VaultBackedSecretArgs.INITIAL_ROTATION))
                .refreshInterval(spec.string("refreshInterval", VaultBackedSecretArgs.DEFAULT_REFRESH_INTERVAL))
                .secretType(spec.string("type", "Opaque"));
        spec.optString("secretName").ifPresent(b::secretName);
        spec.get("labels").entries().forEach(e -> b.secretLabel(e.getKey(), e.getValue()));
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
        // The builder's own refusals of these name its Java calls (syncTo("..."), generate("...")).
        if (spec.list("syncTo").isEmpty()) {
            throw new ConfigException(spec.path() + ".syncTo is missing; list each namespace that reads the secret, "
                    + "e.g. syncTo: [{namespace: app}]");
        }
        if (spec.list("generate").isEmpty() && values.entries().isEmpty() && secretValues.entries().isEmpty()) {
            throw new ConfigException(spec.path() + " has no keys; add generate: [{key: password}], values or secretValues");
        }
        return b.build();
    }
}
