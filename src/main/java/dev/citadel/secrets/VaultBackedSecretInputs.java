package dev.citadel.secrets;

import com.pulumi.core.annotations.Import;
import dev.citadel.config.Doc;
import dev.citadel.config.Inputs;
import dev.citadel.config.Scope;
import dev.citadel.names.KubernetesNames;

import java.util.List;
import java.util.Map;

/** {@code citadel:secrets[]}: one {@link VaultBackedSecret} in the stack's store (seed 003). */
@Doc("A secret generated once, kept in Vault KV and synced by External Secrets into each namespace that reads it.")
public class VaultBackedSecretInputs extends Inputs {
    @Import(name = "name", required = true) @Doc("The entry's name: other settings name it, and it names the Kubernetes Secret.")
    private String name;
    @Import(name = "path", required = true) @Doc("The KV path under the store's mount, e.g. app/token.")
    private String path;
    @Import(name = "generate") @Doc("Keys whose value is generated once and kept until rotation changes.")
    private List<Generated> generate;
    @Import(name = "values") @Doc("Keys with a plain value given here.")
    private Map<String, String> values;
    @Import(name = "secretValues") @Doc("Keys whose value is a secret setting: key to the citadel: setting set with pulumi config set --secret.")
    private Map<String, String> secretValues;
    @Import(name = "rotation") @Doc("Change it (a counter or a date) to generate new values; default " + VaultBackedSecretArgs.INITIAL_ROTATION + ".")
    private String rotation;
    @Import(name = "refreshInterval") @Doc("How often External Secrets re-reads Vault; default " + VaultBackedSecretArgs.DEFAULT_REFRESH_INTERVAL + ".")
    private String refreshInterval;
    @Import(name = "type") @Doc("The Kubernetes Secret's type, e.g. kubernetes.io/basic-auth; default Opaque.")
    private String type;
    @Import(name = "secretName") @Doc("The Kubernetes Secret's name; default the entry's name.")
    private String secretName;
    @Import(name = "labels") @Doc("Labels on the Kubernetes Secret, e.g. cnpg.io/reload: \"true\".")
    private Map<String, String> labels;
    @Import(name = "persistedAtInit") @Doc("The consumer kept the value from its first start (seed 003): a rotation is refused unless this pin moves with it.")
    private InitConsumer persistedAtInit;
    @Import(name = "syncTo", required = true) @Doc("Each namespace that reads the secret, e.g. [{namespace: app}].")
    private List<SyncTo> syncTo;

    public String name() {
        return name;
    }

    public VaultBackedSecretArgs toArgs(Scope scope, SecretStoreRef store) {
        if (secretName == null) {
            // The component's own check would name its Java builder (secretName(...)), not this line.
            build("name", () -> KubernetesNames.subdomain("the name of the Kubernetes Secret (set secretName to choose another)", name));
        }
        var b = VaultBackedSecretArgs.builder().store(store).path(path);
        ifSet(rotation, b::rotation);
        ifSet(refreshInterval, b::refreshInterval);
        ifSet(type, b::secretType);
        ifSet(secretName, b::secretName);
        labels.forEach(b::secretLabel);
        generate.forEach(g -> b.generate(g.key, g.policy()));
        values.forEach(b::value);
        secretValues.forEach((key, setting) -> b.value(key, scope.secretSetting(setting).orElseThrow(() -> fail("secretValues." + key,
                ": stack config has no secret 'citadel:" + setting
                        + "'; set it with: pulumi config set --secret citadel:" + setting))));
        if (persistedAtInit != null) {
            b.persistedAtInit(persistedAtInit.build(persistedAtInit::consumer), persistedAtInit.rotation);
        }
        syncTo.forEach(c -> {
            if (c.secretName == null) {
                b.syncTo(c.namespace);
            } else {
                b.syncTo(c.namespace, c.secretName);
            }
        });
        return build(b::build);
    }

    /** The {@code citadel:} settings the entry's {@code secretValues} read. */
    public List<String> secretSettings() {
        return List.copyOf(secretValues.values());
    }

    @Doc("A generated key.")
    public static final class Generated extends Inputs {
        @Import(name = "key", required = true) @Doc("The key, e.g. password.")
        private String key;
        @Import(name = "length") @Doc("Characters; default " + PasswordPolicy.DEFAULT_LENGTH + ".")
        private Integer length;
        @Import(name = "symbols") @Doc("Symbols the value may contain besides letters and digits; default none.")
        private String symbols;

        PasswordPolicy policy() {
            var n = length == null ? PasswordPolicy.DEFAULT.length() : length;
            return symbols == null ? PasswordPolicy.alphanumeric(n) : PasswordPolicy.withSymbols(n, symbols);
        }
    }

    @Doc("The consumer that persisted the value at its first start, and the rotation it read then.")
    public static final class InitConsumer extends Inputs {
        @Import(name = "consumer", required = true) @Doc("authentik-bootstrap-token, powerdns-api-key, or the application's name (then give procedure).")
        private String consumer;
        @Import(name = "rotation", required = true) @Doc("The rotation marker the consumer read at init; move it with rotation, in the same change, when rotating.")
        private String rotation;
        @Import(name = "procedure") @Doc("For another consumer: how a new value reaches it after pulumi up.")
        private String procedure;

        PersistedAtInit.Consumer consumer() {
            if (consumer.equals("authentik-bootstrap-token") || consumer.equals("powerdns-api-key")) {
                if (procedure != null) {
                    throw fail("procedure", ": Citadel knows " + consumer + "'s procedure and would ignore this one; drop it");
                }
                return consumer.equals("powerdns-api-key") ? new PersistedAtInit.PowerDnsApiKey() : new PersistedAtInit.AuthentikBootstrapToken();
            }
            return new PersistedAtInit.Other(consumer, procedure);
        }
    }

    @Doc("A namespace that reads the secret.")
    public static final class SyncTo extends Inputs {
        @Import(name = "namespace", required = true) @Doc("The namespace.")
        private String namespace;
        @Import(name = "secretName") @Doc("The Secret's name there; default the entry's secretName.")
        private String secretName;
    }
}
