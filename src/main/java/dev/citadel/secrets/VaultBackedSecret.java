package dev.citadel.secrets;

import com.google.gson.Gson;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.citadel.component.ComponentError;
import dev.citadel.contract.Labels;
import dev.citadel.names.KubernetesNames;
import dev.citadel.provider.KubernetesObject;
import dev.citadel.provider.RandomPassword;
import dev.citadel.provider.VaultKvSecretV2;

import javax.annotation.Nullable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A secret generated once, kept in Vault KV v2, and synced by External Secrets into every namespace that
 * consumes it (seed 003). Creates, as children:
 * <ul>
 *   <li>one {@code random:RandomPassword} per generated key, whose only keeper is the rotation marker;</li>
 *   <li>one {@code vault:kv/secretV2:SecretV2} holding all keys (its JSON is a secret);</li>
 *   <li>one {@code external-secrets.io/v1 ExternalSecret} per consumer namespace, reading the keys by
 *       {@code remoteRef} from the store's mount — never an ESO generator, which would make a new value on
 *       every refresh and leave everything that consumed the old one broken.</li>
 * </ul>
 * Consumers add {@link #reloaderAnnotations(String)} (or use {@link Reloader}) so that a rotation
 * restarts them instead of leaving them on the stale value.
 */
public final class VaultBackedSecret extends ComponentResource implements SyncedSecret {
    public static final String TYPE = "citadel:secrets:VaultBackedSecret";
    /** Changing it re-reconciles an ExternalSecret at once (ESO's force-sync), so a rotation does not wait for the refresh. */
    public static final String ROTATION_ANNOTATION = "citadel.dev/rotation";

    private final String vaultPath;
    private final Map<String, String> secretNames;
    private final Map<String, Output<String>> values;
    private final String rotation;

    public VaultBackedSecret(String name, VaultBackedSecretArgs args) {
        this(name, args, null);
    }

    public VaultBackedSecret(String name, VaultBackedSecretArgs args, @Nullable ComponentResourceOptions options) {
        super(TYPE, name, options);
        try {
            var defaultSecretName = args.secretName().orElseGet(() -> KubernetesNames.subdomain(
                    "secretName (defaults to the component name '" + name + "'; set secretName(...) to choose another)", name));
            var child = CustomResourceOptions.builder().parent(this).build();

            this.rotation = args.rotation();
            this.values = new TreeMap<>();
            args.generated().forEach((key, policy) -> {
                var password = new RandomPassword(name + "-" + key, passwordArgs(policy, args.rotation()), child);
                values.put(key, password.result());
            });
            args.staticValues().forEach(values::put);

            var store = args.store();
            this.vaultPath = args.vaultPath();
            var stored = new VaultKvSecretV2(name, new VaultKvSecretV2.Args()
                    .mount(store.kvMount())
                    .name(args.path())
                    .dataJson(dataJson(values))
                    // Keep history so a bad rotation can be rolled back; destroy only soft-deletes the latest version.
                    .customMetadata(Map.of("maxVersions", 10, "data", Map.of("managed-by", "citadel")))
                    .deleteAllVersions(false), child);

            this.secretNames = new TreeMap<>();
            var afterVault = CustomResourceOptions.builder().parent(this).dependsOn(stored).build();
            args.consumers().forEach((namespace, override) -> {
                var secretName = override.orElse(defaultSecretName);
                secretNames.put(namespace, secretName);
                new KubernetesObject(name + "-" + namespace, new KubernetesObject.Args(
                        "external-secrets.io/v1", "ExternalSecret",
                        metadata(secretName, namespace, args.rotation()),
                        externalSecretSpec(args, store, secretName)), afterVault);
            });

            var reloader = new TreeMap<String, Object>();
            secretNames.keySet().forEach(ns -> reloader.put(ns, reloaderAnnotations(ns)));
            registerOutputs(Map.of(
                    "vaultPath", vaultPath(),
                    "keys", Output.of(new ArrayList<>(values.keySet())),
                    "secretNames", Output.of(new TreeMap<String, Object>(secretNames)),
                    "rotation", Output.of(rotation),
                    "reloaderAnnotations", Output.of(reloader)));
        } catch (IllegalArgumentException e) {
            // Named here, where the name is known: a builder ran before it was.
            throw ComponentError.of(TYPE, name, e);
        }
    }

    private static RandomPassword.Args passwordArgs(PasswordPolicy p, String rotation) {
        var a = new RandomPassword.Args()
                .length(p.length()).upper(p.upper()).lower(p.lower()).numeric(p.numeric()).special(p.special())
                .minUpper(p.minUpper()).minLower(p.minLower()).minNumeric(p.minNumeric()).minSpecial(p.minSpecial())
                // The rotation marker is the only keeper: nothing else (refresh, consumers, Vault path) regenerates.
                .keepers(Map.of("rotation", rotation));
        if (p.special() && !p.overrideSpecial().isEmpty()) {
            a.overrideSpecial(p.overrideSpecial());
        }
        return a;
    }

    private static Output<String> dataJson(Map<String, Output<String>> values) {
        var keys = new ArrayList<>(values.keySet());
        var outputs = new ArrayList<Output<String>>();
        keys.forEach(k -> outputs.add(values.get(k)));
        return Output.all(outputs).applyValue(list -> {
            var data = new TreeMap<String, String>();
            for (int i = 0; i < keys.size(); i++) {
                data.put(keys.get(i), list.get(i));
            }
            return new Gson().toJson(data);
        }).asSecret();
    }

    private static Map<String, Object> metadata(String name, String namespace, String rotation) {
        var m = Labels.metadata(name, namespace);
        m.put("annotations", Map.of(ROTATION_ANNOTATION, rotation));
        return m;
    }

    private static Map<String, Object> externalSecretSpec(VaultBackedSecretArgs args, SecretStoreRef store, String secretName) {
        var data = new ArrayList<Map<String, Object>>();
        var keys = new ArrayList<String>(args.generated().keySet());
        keys.addAll(args.staticValues().keySet());
        keys.stream().sorted().forEach(key -> data.add(Map.of(
                "secretKey", key,
                "remoteRef", Map.of("key", args.path(), "property", key))));
        var template = new LinkedHashMap<String, Object>();
        template.put("type", args.secretType());
        var labels = new TreeMap<String, Object>(args.secretLabels());
        labels.putAll(Labels.managedByCitadel());
        template.put("metadata", Map.of("labels", labels));
        var target = new LinkedHashMap<String, Object>();
        target.put("name", secretName);
        target.put("creationPolicy", "Owner");
        // If the Vault entry disappears, keep the last synced Secret: consumers keep working, nothing is lost.
        target.put("deletionPolicy", "Retain");
        target.put("template", template);
        var spec = new LinkedHashMap<String, Object>();
        spec.put("refreshInterval", args.refreshInterval());
        spec.put("secretStoreRef", Map.of("name", store.name(), "kind", store.kind()));
        spec.put("target", target);
        spec.put("data", data);
        return spec;
    }

    /** Where the value lives: {@code <mount>/<path>}. */
    public Output<String> vaultPath() {
        return Output.of(vaultPath);
    }

    /** The value of one key; a secret. */
    public Output<String> value(String key) {
        var v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no key '" + key + "' in this secret; it has " + values.keySet());
        }
        return v.asSecret();
    }

    /** The keys it holds, generated and given. */
    public java.util.Set<String> keys() {
        return java.util.Collections.unmodifiableSet(values.keySet());
    }

    /**
     * The key {@code key} of the Secret this syncs into {@code namespace}: what a component that reads the value
     * takes (pass this secret as {@code dependsOn} in its options so it waits for the sync).
     */
    @Override
    public SecretRef ref(String namespace, String key) {
        return contract().ref(namespace, key);
    }

    /** The synced Secret's name in the given consumer namespace. */
    public String secretName(String namespace) {
        return contract().secretName(namespace);
    }

    /** What consumers rely on, as plain values: where it is synced and which keys it holds. */
    public SyncedSecretContract contract() {
        return new SyncedSecretContract(pulumiResourceName(), secretNames, values.keySet());
    }

    public Map<String, String> secretNames() {
        return Map.copyOf(secretNames);
    }

    public String rotation() {
        return rotation;
    }

    /**
     * The annotations a Deployment or StatefulSet in {@code namespace} adds so that Stakater Reloader
     * restarts it when this secret changes (a rotation), instead of leaving it on the old value.
     */
    public Map<String, String> reloaderAnnotations(String namespace) {
        return Map.of(Reloader.SECRET_ANNOTATION, secretName(namespace));
    }
}
