package dev.citadel.stack;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.resources.ProviderResource;
import dev.citadel.authentik.AuthentikInputs;
import dev.citadel.config.Binder;
import dev.citadel.config.ConfigException;
import dev.citadel.config.Inputs;
import dev.citadel.config.Paths;
import dev.citadel.config.Spelling;
import dev.citadel.config.UniqueNames;
import dev.citadel.contract.CnpgClusterOutput;
import dev.citadel.database.CnpgCluster;
import dev.citadel.database.CnpgClusterInputs;
import dev.citadel.database.RdsInputs;
import dev.citadel.database.RdsUserInputs;
import dev.citadel.gateway.GatewayAuth;
import dev.citadel.gateway.GatewayAuthInputs;
import dev.citadel.identity.IdentityInputs;
import dev.citadel.provider.Plugin;
import dev.citadel.provider.VaultProvider;
import dev.citadel.secrets.VaultBackedSecret;
import dev.citadel.secrets.VaultBackedSecretInputs;
import dev.citadel.secrets.VaultInputs;
import dev.citadel.secrets.VaultSecretStore;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The program {@code pulumi up} runs and {@code citadel plan} previews: binds each {@code citadel:<section>} of the
 * stack configuration to its component's input class ({@link Sections}) and registers the components, in an order
 * where each takes what it names from the ones before (databases before authentik, which takes its cluster's
 * connection, never a typed host). See {@code docs/settings.md} for every setting.
 */
public final class CitadelProgram {
    /** Every {@code citadel:} setting the program reads; anything else in the stack file is a mistake. */
    public static final Set<String> SETTINGS = Sections.keys();

    private final StackConfig config;
    /** Where each bound input was read, for the messages of the mistakes its toArgs finds. */
    private final Paths paths = new Paths();

    public CitadelProgram(StackConfig config) {
        this.config = config;
    }

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
            if (!namespace.equals(StackConfig.NAMESPACE) && Spelling.distance(namespace, StackConfig.NAMESPACE) <= 2) {
                throw new ConfigException(key + ": the namespace '" + namespace + "' looks like a typo; write "
                        + StackConfig.NAMESPACE + ":" + name);
            }
            if (namespace.equals(StackConfig.NAMESPACE) && !SETTINGS.contains(name) && !secretReferences.contains(name)) {
                var near = Spelling.nearest(name, SETTINGS);
                if (near.isPresent()) {
                    throw new ConfigException(key + " is not a Citadel setting; did you mean " + StackConfig.NAMESPACE + ":"
                            + near.get() + "? The settings are " + SETTINGS + ".");
                }
                unknown.add(key);
            }
        }
        var dangling = secretReferences.stream().anyMatch(r -> !keys.contains(StackConfig.NAMESPACE + ":" + r));
        if (!unknown.isEmpty() && !dangling) {
            throw new ConfigException(unknown.first() + " is not a Citadel setting, and no secretValues entry refers to it; "
                    + "the settings are " + SETTINGS + ", besides secrets named in secretValues.");
        }
    }

    public void define(Context ctx) {
        paths.locate(() -> {
            register(ctx);
            return null;
        });
    }

    private void register(Context ctx) {
        // Everything is bound before anything registers: a typo found later would leave a half-applied stack.
        var secrets = list(VaultBackedSecretInputs.class);
        var identity = one(IdentityInputs.class);
        var secretReferences = new TreeSet<String>();
        secrets.forEach(s -> secretReferences.addAll(s.secretSettings()));
        secretReferences.addAll(identity.secretSettings());
        checkSettings(config.keys(), secretReferences);
        checkGuard();
        var kubernetes = one(KubernetesInputs.class);
        var vault = one(VaultInputs.class);
        var gateway = one(GatewayAuthInputs.class);
        var databases = list(CnpgClusterInputs.class);
        var authentik = one(AuthentikInputs.class);
        var rds = one(RdsInputs.class);
        var storeName = vault.storeName();
        claimNames(secrets, "secret", "app-token", VaultBackedSecretInputs::name);
        claimNames(databases, "database", "app-db", CnpgClusterInputs::name);
        claimNames(rds.users(), "RDS user", "keycloak-db", RdsUserInputs::name);
        var raw = new RawResources();
        raw.manifests(config.node("manifests"));
        raw.helmReleases(config.node("helmReleases"));

        List<ProviderResource> providers = List.of(
                new Provider(config.stack(), kubernetes.providerArgs(), Plugin.KUBERNETES.pin(null)),
                new VaultProvider(config.stack(), vault.providerArgs(), null));
        var scope = StackScope.of(config, providers);
        var store = new VaultSecretStore(storeName, vault.toArgs(), scope.options());

        var exported = new TreeMap<String, Object>();
        for (var entry : secrets) {
            var entryScope = scope.another();
            var args = entry.toArgs(entryScope, store.ref());
            var secret = new VaultBackedSecret(entry.name(), args, entryScope.options());
            scope.register("secrets", entry.name(), secret);
            exported.put(entry.name(), Map.of(
                    "vaultPath", args.vaultPath(),
                    "secretNames", new TreeMap<String, Object>(secret.secretNames()),
                    "rotation", secret.rotation()));
        }
        var identityDefined = identity.define(scope, (realmScope, realmNamespace, realmClientIds) ->
                gateway.present() ? gateway.realmClients(realmScope, realmNamespace, realmClientIds) : List.of());
        var identityExports = identityDefined.exports();
        if (gateway.present()) {
            var gatewayScope = scope.another();
            var args = gateway.toArgs(gatewayScope, identityDefined.realm());
            var component = new GatewayAuth(config.stack() + "-gateway", args, gatewayScope.options());
            identityExports.put("gatewayPolicies", component.policies());
        }
        var clusters = new TreeMap<String, CnpgCluster>();
        for (var entry : databases) {
            var entryScope = scope.another();
            var args = entry.toArgs(entryScope);
            var cluster = ConfigException.at(paths.of(entry), () -> new CnpgCluster(entry.name(), args, entryScope.options()));
            scope.register("databases", entry.name(), cluster);
            clusters.put(entry.name(), cluster);
        }
        var authentikExports = authentik.define(scope);
        var rdsExports = rds.define(scope, store.ref());
        raw.define(providers.get(0));

        ctx.export("vaultSecrets", Output.of(exported));
        ctx.export("secretStore", Output.of(store.ref().name()));
        identityExports.forEach(ctx::export);
        authentikExports.forEach(ctx::export);
        if (!clusters.isEmpty()) {
            ctx.export("databaseHosts", byName(clusters, CnpgCluster::host));
            ctx.export(CnpgClusterOutput.STACK_OUTPUT, byName(clusters, c -> c.contract().applyValue(CnpgClusterOutput::toOutput)));
        }
        rdsExports.forEach(ctx::export);
    }

    private <T extends Inputs> T one(Class<T> type) {
        var key = key(type);
        return Binder.bind(StackConfig.NAMESPACE + ":" + key, config.json(key), type, paths);
    }

    private <T extends Inputs> List<T> list(Class<T> type) {
        var key = key(type);
        return Binder.bindList(StackConfig.NAMESPACE + ":" + key, config.json(key), type, paths);
    }

    private static String key(Class<?> type) {
        return Sections.COMPONENTS.stream().filter(s -> s.inputs() == type).findFirst().orElseThrow().key();
    }

    private <T extends Inputs> void claimNames(List<T> entries, String what, String example, Function<T, String> name) {
        var names = new UniqueNames(what, example);
        entries.forEach(e -> names.claim(paths.of(e) + ".name", name.apply(e)));
    }

    /** Read by the guard under pulumi up; checked here too, so citadel plan catches 'policyGuard: maybe'. */
    private void checkGuard() {
        if (config.has("policyGuard")) {
            var guard = config.node("policyGuard");
            var value = guard.asString().strip();
            if (!value.equals("true") && !value.equals("false")) {
                throw new ConfigException(guard.path() + ": '" + value + "' is not true or false; write citadel:policyGuard: false to switch the guard off");
            }
        }
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
}
