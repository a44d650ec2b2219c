package dev.citadel.secrets;

import com.pulumi.core.Output;
import dev.citadel.names.KubernetesNames;
import dev.citadel.names.VaultPaths;

import javax.annotation.Nullable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a {@link VaultBackedSecret} holds and where it is synced. Build with {@link #builder()}; every
 * check runs at {@link Builder#build()}.
 */
public final class VaultBackedSecretArgs {
    /** ESO's own default. The value in Vault is stable, so a refresh re-reads it; it never makes a new one. */
    public static final String DEFAULT_REFRESH_INTERVAL = "1h";
    /** The rotation every secret starts at; written explicitly so that adding {@code rotation: 0} later changes nothing. */
    public static final String INITIAL_ROTATION = "0";

    private static final Pattern GO_DURATION = Pattern.compile("0|([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+");

    private final SecretStoreRef store;
    private final String path;
    private final Map<String, PasswordPolicy> generated;
    private final Map<String, Output<String>> staticValues;
    private final String rotation;
    private final String refreshInterval;
    private final String secretType;
    @Nullable
    private final String secretName;
    private final Map<String, Optional<String>> consumers;
    private final Map<String, String> secretLabels;
    @Nullable
    private final PersistedAtInit persistedAtInit;

    private VaultBackedSecretArgs(Builder b) {
        this.store = b.store;
        this.path = b.path;
        this.generated = Collections.unmodifiableMap(new LinkedHashMap<>(b.generated));
        this.staticValues = Collections.unmodifiableMap(new LinkedHashMap<>(b.staticValues));
        this.rotation = b.rotation;
        this.refreshInterval = b.refreshInterval;
        this.secretType = b.secretType;
        this.secretName = b.secretName;
        this.consumers = Collections.unmodifiableMap(new LinkedHashMap<>(b.consumers));
        this.secretLabels = Collections.unmodifiableMap(new java.util.TreeMap<>(b.secretLabels));
        this.persistedAtInit = b.persistedAtInit;
    }

    public static Builder builder() {
        return new Builder();
    }

    public SecretStoreRef store() { return store; }
    public String path() { return path; }
    /** Where the value lives: {@code <mount>/<path>}. */
    public String vaultPath() { return store.kvMount() + "/" + path; }
    public Map<String, PasswordPolicy> generated() { return generated; }
    public Map<String, Output<String>> staticValues() { return staticValues; }
    public String rotation() { return rotation; }
    public String refreshInterval() { return refreshInterval; }
    public String secretType() { return secretType; }
    public Optional<String> secretName() { return Optional.ofNullable(secretName); }
    /** Consumer namespaces, each with the Secret name there when it differs from {@link #secretName()}. */
    public Map<String, Optional<String>> consumers() { return consumers; }
    /** Labels of the synced Secrets besides Citadel's own (e.g. CNPG's {@code cnpg.io/reload}). */
    public Map<String, String> secretLabels() { return secretLabels; }
    /** The consumer that persisted the value at init, when one did. */
    public Optional<PersistedAtInit> persistedAtInit() { return Optional.ofNullable(persistedAtInit); }

    public static final class Builder {
        private SecretStoreRef store;
        private String path;
        private final Map<String, PasswordPolicy> generated = new LinkedHashMap<>();
        private final Map<String, Output<String>> staticValues = new LinkedHashMap<>();
        private final Set<String> duplicateKeys = new LinkedHashSet<>();
        private String rotation = INITIAL_ROTATION;
        private String refreshInterval = DEFAULT_REFRESH_INTERVAL;
        private String secretType = "Opaque";
        private String secretName;
        private final Map<String, Optional<String>> consumers = new LinkedHashMap<>();
        private final Set<String> duplicateConsumers = new LinkedHashSet<>();
        private final Map<String, String> secretLabels = new LinkedHashMap<>();
        private PersistedAtInit persistedAtInit;

        private Builder() {
        }

        /** The External Secrets store (and so the Vault KV v2 mount) the secret lives behind. */
        public Builder store(SecretStoreRef store) { this.store = store; return this; }

        /** Path inside the KV v2 mount, e.g. {@code dns/powerdns-api-key} (no {@code data/} prefix). */
        public Builder path(String path) { this.path = path; return this; }

        /** A key whose value is generated once with the default policy and kept until {@link #rotation} changes. */
        public Builder generate(String key) { return generate(key, PasswordPolicy.DEFAULT); }

        public Builder generate(String key, PasswordPolicy policy) {
            if (generated.containsKey(key) || staticValues.containsKey(key)) {
                duplicateKeys.add(key);
            }
            generated.put(key, policy);
            return this;
        }

        /** A key with a value given here, e.g. a username. Stored beside the generated keys. */
        public Builder value(String key, String value) { return value(key, Output.of(value)); }

        /** A key whose value comes from elsewhere (stack config, another resource); secret if it is. */
        public Builder value(String key, Output<String> value) {
            if (generated.containsKey(key) || staticValues.containsKey(key)) {
                duplicateKeys.add(key);
            }
            staticValues.put(key, value);
            return this;
        }

        /**
         * The explicit rotation marker (a counter or a date). Changing it, and only it, generates new values,
         * which flow to Vault, every synced Secret and every resource that takes them as input.
         */
        public Builder rotation(String rotation) { this.rotation = rotation; return this; }

        public Builder rotation(long rotation) { return rotation(Long.toString(rotation)); }

        /**
         * The value was persisted by {@code consumer} when it first started, at rotation {@code rotationAtInit}: a
         * {@link #rotation} other than that is refused at {@link #build()} with the consumer's procedure (seed 003).
         */
        public Builder persistedAtInit(PersistedAtInit.Consumer consumer, String rotationAtInit) {
            this.persistedAtInit = new PersistedAtInit(consumer, rotationAtInit);
            return this;
        }

        /** How often External Secrets re-reads Vault (Go duration, default {@value #DEFAULT_REFRESH_INTERVAL}). */
        public Builder refreshInterval(String interval) { this.refreshInterval = interval; return this; }

        /** Type of the synced Secret, e.g. {@code kubernetes.io/basic-auth} for CloudNativePG roles. */
        public Builder secretType(String type) { this.secretType = type; return this; }

        /** Name of the synced Secret (and its ExternalSecret); defaults to the component's name. */
        public Builder secretName(String name) { this.secretName = name; return this; }

        /**
         * A label on every synced Secret. CNPG reloads a managed role's password only from a Secret labelled
         * {@code cnpg.io/reload} (seed 003: a rotation that never reached the role).
         */
        public Builder secretLabel(String key, String value) { this.secretLabels.put(key, value); return this; }

        /** Sync into this namespace under the default Secret name. */
        public Builder syncTo(String namespace) { return consumer(namespace, Optional.empty()); }

        /** Sync into this namespace under another Secret name (what the consumer there expects). */
        public Builder syncTo(String namespace, String secretName) { return consumer(namespace, Optional.of(secretName)); }

        private Builder consumer(String namespace, Optional<String> name) {
            if (consumers.containsKey(namespace)) {
                duplicateConsumers.add(namespace);
            }
            consumers.put(namespace, name);
            return this;
        }

        public VaultBackedSecretArgs build() {
            if (store == null) {
                throw new IllegalArgumentException("store is not set; pass a VaultSecretStore's ref() or "
                        + "SecretStoreRef.cluster(\"vault\", \"secret\") for a ClusterSecretStore installed elsewhere");
            }
            VaultPaths.secretPath("path", path);
            if (generated.isEmpty() && staticValues.isEmpty()) {
                throw new dev.citadel.value.Refused("no keys: add at least one generate(\"password\") or value(\"username\", ...)",
                        "no keys: add generate: [{key: password}], values or secretValues");
            }
            if (!duplicateKeys.isEmpty()) {
                throw new IllegalArgumentException("key '" + duplicateKeys.iterator().next()
                        + "' is given twice; each key is generated or given a value, once");
            }
            generated.keySet().forEach(k -> KubernetesNames.secretKey("key", k));
            staticValues.keySet().forEach(k -> KubernetesNames.secretKey("key", k));
            generated.forEach((k, p) -> {
                if (p == null) {
                    throw new IllegalArgumentException("generate." + k + ": the password policy is null; use PasswordPolicy.DEFAULT");
                }
                p.validate("generate." + k);
            });
            if (rotation == null || rotation.isBlank() || rotation.length() > 63 || !rotation.strip().equals(rotation)) {
                throw new IllegalArgumentException("rotation: '" + rotation + "' is not a rotation marker; "
                        + "use a counter or a date of at most 63 characters without surrounding spaces, e.g. '1' or '2026-11-22'");
            }
            if (persistedAtInit != null) {
                checkPersistedAtInit();
            }
            if (refreshInterval == null || !GO_DURATION.matcher(refreshInterval).matches()) {
                throw new IllegalArgumentException("refreshInterval: '" + refreshInterval
                        + "' is not a duration; write it as External Secrets does, e.g. '1h' or '30m'");
            }
            if (secretType == null || secretType.isBlank()) {
                throw new IllegalArgumentException("secretType is empty; use 'Opaque' or e.g. 'kubernetes.io/basic-auth'");
            }
            if (secretType.equals("kubernetes.io/basic-auth")) {
                var keys = new LinkedHashMap<String, Object>(generated);
                keys.putAll(staticValues);
                if (!keys.containsKey("username") || !keys.containsKey("password")) {
                    throw new IllegalArgumentException("secretType kubernetes.io/basic-auth needs the keys 'username' and 'password' "
                            + "(has " + keys.keySet() + "); add a value for 'username' and generate 'password'");
                }
            }
            secretLabels.forEach((k, v) -> {
                if (k == null || !k.matches("([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?")) {
                    throw new IllegalArgumentException("label '" + k + "' is not a label key; write e.g. cnpg.io/reload");
                }
                if (v == null || !v.matches("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?")) {
                    throw new IllegalArgumentException("label " + k + ": '" + v + "' is not a label value (63 characters of "
                            + "letters, digits, '-', '_', '.'); write e.g. \"true\"");
                }
            });
            if (secretName != null) {
                KubernetesNames.subdomain("secretName", secretName);
            }
            if (consumers.isEmpty()) {
                throw new IllegalArgumentException("no consumers: add syncTo(\"<namespace>\") for each namespace that reads the secret");
            }
            if (!duplicateConsumers.isEmpty()) {
                throw new IllegalArgumentException("namespace '" + duplicateConsumers.iterator().next()
                        + "' is given twice in syncTo; one Secret per namespace");
            }
            consumers.forEach((ns, name) -> {
                KubernetesNames.label("syncTo namespace", ns);
                name.ifPresent(n -> KubernetesNames.subdomain("syncTo(" + ns + ") secretName", n));
            });
            return new VaultBackedSecretArgs(this);
        }

        /**
         * Seed 003's failure is a rotation the consumer never sees: refuse one unless the pin moved with it. Stateless on
         * purpose: the pin is what the consumer read at init, so "rotation differs from the pin" is "this change rotates".
         */
        private void checkPersistedAtInit() {
            var pin = persistedAtInit.rotationAtInit();
            if (pin == null || pin.isBlank()) {
                throw new dev.citadel.value.Refused("persistedAtInit: the rotation the consumer read at init is missing; give it, e.g. "
                        + "persistedAtInit(consumer, \"" + rotation + "\")",
                        "persistedAtInit.rotation is missing; give the rotation the consumer read at init, e.g. " + rotation);
            }
            if (pin.equals(rotation)) {
                return;
            }
            var consumer = persistedAtInit.consumer();
            var why = "rotation '" + rotation + "' is refused: " + consumer.name() + " persisted the value at " + vaultPathOf()
                    + " at rotation '" + pin + "' and never reads it again, so a new value leaves the Secret and the consumer "
                    + "disagreeing (seed 003's 403 and 401). To rotate: set ";
            var after = " in the same change, run pulumi up, then " + consumer.procedure();
            throw new dev.citadel.value.Refused(why + "persistedAtInit(consumer, \"" + rotation + "\")" + after,
                    why + "persistedAtInit.rotation: " + rotation + after);
        }

        private String vaultPathOf() {
            return store.kvMount() + "/" + path;
        }
    }
}
