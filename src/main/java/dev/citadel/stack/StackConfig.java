package dev.citadel.stack;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSyntaxException;
import com.pulumi.Context;
import com.pulumi.core.Output;
import dev.citadel.config.ConfigException;
import dev.citadel.runtime.EngineRun;
import dev.citadel.runtime.Outputs;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The stack's {@code citadel:*} configuration, read the same way under {@code pulumi up} (from the
 * engine) and in {@code citadel plan} (from {@code stacks/Pulumi.<stack>.yaml}). Offline, {@code secure:}
 * values cannot be decrypted: they become unknown secrets, as a preview without the passphrase would
 * show them.
 */
public final class StackConfig {
    public static final String NAMESPACE = "citadel";

    private final String stack;
    private final Function<String, Optional<String>> plain;
    private final Function<String, Optional<Output<String>>> secret;
    private final Set<String> keys;

    private StackConfig(String stack, Function<String, Optional<String>> plain, Function<String, Optional<Output<String>>> secret,
                        Set<String> keys) {
        this.stack = stack;
        this.plain = plain;
        this.secret = secret;
        this.keys = Set.copyOf(keys);
    }

    /** Under the Pulumi engine: the configuration the engine passed to the program. */
    public static StackConfig of(Context ctx) {
        var config = ctx.config(NAMESPACE);
        // The engine passes the whole configuration in PULUMI_CONFIG; the key list lets the program reject typos.
        return new StackConfig(ctx.stackName(), config::get, key -> config.get(key).map(Output::ofSecret),
                EngineRun.stackConfig().keySet());
    }

    /**
     * Offline.
     *
     * @param values         {@code citadel:} keys (without namespace) to raw values (JSON for structured ones)
     * @param unknownSecrets keys whose {@code secure:} value is not available offline
     * @param keys           every key of the stack file, with its namespace
     */
    public static StackConfig offline(String stack, Map<String, String> values, Set<String> unknownSecrets, Set<String> keys) {
        return new StackConfig(stack,
                key -> unknownSecrets.contains(key) ? Optional.empty() : Optional.ofNullable(values.get(key)),
                key -> unknownSecrets.contains(key)
                        ? Optional.of(Outputs.<String>unknownSecret())
                        : Optional.ofNullable(values.get(key)).map(Output::ofSecret),
                keys);
    }

    /** Every configuration key of the stack, with its namespace ({@code citadel:secrets}, {@code aws:region}). */
    public Set<String> keys() {
        return keys;
    }

    public String stack() {
        return stack;
    }

    /** A structured (or plain) setting as a node to read with path-aware errors. */
    public ConfigNode node(String key) {
        return new ConfigNode(NAMESPACE + ":" + key, json(key));
    }

    /** A structured (or plain) setting as JSON: null when absent, a string for a plain value. */
    public JsonElement json(String key) {
        var raw = plain.apply(key);
        if (raw.isEmpty()) {
            return null;
        }
        var text = raw.get().strip();
        if (text.startsWith("{") || text.startsWith("[")) {
            try {
                return JsonParser.parseString(text);
            } catch (JsonSyntaxException e) {
                throw new ConfigException(NAMESPACE + ":" + key + " is not valid structured config: " + e.getMessage());
            }
        }
        return new JsonPrimitive(raw.get());
    }

    public boolean has(String key) {
        return plain.apply(key).isPresent() || secret.apply(key).isPresent();
    }

    /** A secret setting ({@code pulumi config set --secret}); always returned as a Pulumi secret. */
    public Optional<Output<String>> secret(String key) {
        return secret.apply(key);
    }
}
