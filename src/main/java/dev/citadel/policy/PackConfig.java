package dev.citadel.policy;

import dev.citadel.value.Prop;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Per-stack policy configuration, in the shape of Pulumi's policy config
 * ({@code pulumi preview --policy-pack-config}): per policy id either a level ({@code "advisory"}) or an
 * object with {@code enforcementLevel}, parameters, and {@code exceptions} — resources (by URN) the
 * policy does not apply to, each with the reason someone accepted it. {@code "all"} sets every level.
 */
public final class PackConfig {
    /** @param exceptions URN to the reason it is accepted */
    public record Entry(Optional<EnforcementLevel> level, Prop.Obj params, Map<String, String> exceptions) {
    }

    private final Optional<EnforcementLevel> all;
    private final Map<String, Entry> entries;

    private PackConfig(Optional<EnforcementLevel> all, Map<String, Entry> entries) {
        this.all = all;
        this.entries = entries;
    }

    public static PackConfig empty() {
        return new PackConfig(Optional.empty(), Map.of());
    }

    /** From JSON text (stack config {@code citadel:policies}, or a policy-pack config file). */
    public static PackConfig fromJson(String json, Set<String> known) {
        Prop prop;
        try {
            prop = dev.citadel.value.PropDecoder.fromJson(json);
        } catch (com.google.gson.JsonSyntaxException e) {
            throw new IllegalArgumentException("policy config is not valid JSON: " + e.getMessage());
        }
        if (!(prop instanceof Prop.Obj)) {
            throw new IllegalArgumentException("policy config should be a map of policy ids to levels or settings");
        }
        return parse((Prop.Obj) prop, known);
    }

    /**
     * @param known the ids of the pack's policies: configuring an id that does not exist is a mistake
     *              (a typo would otherwise leave the intended policy unconfigured)
     */
    public static PackConfig parse(Prop.Obj config, Set<String> known) {
        Optional<EnforcementLevel> all = Optional.empty();
        var entries = new TreeMap<String, Entry>();
        for (var e : config.fields().entrySet()) {
            var id = e.getKey();
            var value = e.getValue();
            if (id.equals("all")) {
                all = Optional.of(EnforcementLevel.parse("policies.all", value.string().orElse(String.valueOf(value))));
                continue;
            }
            if (!known.contains(id)) {
                throw new IllegalArgumentException("policies." + id + ": no such policy; the pack has "
                        + String.join(", ", new TreeSet<>(known)));
            }
            if (value instanceof Prop.Str) {
                entries.put(id, new Entry(Optional.of(EnforcementLevel.parse("policies." + id, ((Prop.Str) value).value())),
                        new Prop.Obj(new TreeMap<>()), Map.of()));
                continue;
            }
            if (!(value instanceof Prop.Obj)) {
                throw new IllegalArgumentException("policies." + id + " should be a level (advisory, mandatory, disabled) or a map of settings");
            }
            var fields = new TreeMap<>(((Prop.Obj) value).fields());
            var levelProp = fields.remove("enforcementLevel");
            Optional<EnforcementLevel> level = levelProp == null || levelProp.isNull() ? Optional.empty()
                    : Optional.of(EnforcementLevel.parse("policies." + id + ".enforcementLevel", levelProp.string().orElse("")));
            var exceptions = new TreeMap<String, String>();
            var exProp = fields.remove("exceptions");
            if (exProp != null && !exProp.isNull()) {
                if (!(exProp instanceof Prop.Arr)) {
                    throw new IllegalArgumentException("policies." + id + ".exceptions should be a list of {urn, reason}");
                }
                var items = ((Prop.Arr) exProp).items();
                for (int i = 0; i < items.size(); i++) {
                    var urn = items.get(i).get("urn").string().orElse("");
                    var reason = items.get(i).get("reason").string().orElse("");
                    if (!urn.startsWith("urn:pulumi:") || reason.isBlank()) {
                        throw new IllegalArgumentException("policies." + id + ".exceptions[" + i
                                + "] needs a resource 'urn' (urn:pulumi:...) and a 'reason' saying why it is accepted");
                    }
                    exceptions.put(urn, reason);
                }
            }
            entries.put(id, new Entry(level, new Prop.Obj(fields), exceptions));
        }
        return new PackConfig(all, Map.copyOf(entries));
    }

    /**
     * Rejects parameters no policy declares, and values that are not of the type the policy's schema gives
     * them: a misspelt {@code preinstalledCrd} was accepted without a word and the policy ran with its
     * default; a string for {@code floors} (a map) was accepted and then made the policy fail on every
     * resource, blocking all of them.
     */
    public PackConfig validateParams(java.util.Collection<PolicyInfo> infos) {
        for (var info : infos) {
            var entry = entries.get(info.id());
            if (entry == null) {
                continue;
            }
            var declared = new TreeMap<String, ConfigParam>();
            info.params().forEach(p -> declared.put(p.name(), p));
            for (var e : entry.params().fields().entrySet()) {
                var param = declared.get(e.getKey());
                if (param == null) {
                    throw new IllegalArgumentException("policies." + info.id() + "." + e.getKey() + " is not a parameter of " + info.id()
                            + (declared.isEmpty() ? ", which takes none" : "; its parameters are " + declared.keySet())
                            + " (besides enforcementLevel and exceptions). Check the spelling.");
                }
                checkType(info.id(), param, e.getValue(), new PolicyArgs(info.id(), entry.params()));
            }
        }
        return this;
    }

    /** Reads the value the way the policy will, so that what passes here is what the policy can read. */
    private static void checkType(String id, ConfigParam param, Prop value, PolicyArgs args) {
        if (value.isNull()) {
            return;
        }
        try {
            switch (param.type()) {
                case "string" -> args.string(param.name(), "");
                case "integer" -> args.integer(param.name(), 0);
                case "boolean" -> args.bool(param.name(), false);
                case "array" -> args.strings(param.name());
                case "object" -> args.stringMap(param.name());
                default -> throw new IllegalStateException("parameter " + param.name() + " of " + id + " has schema type "
                        + param.type() + ", which the pack cannot check");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("policies." + id + "." + param.name() + " should be "
                    + expectedOf(param.type()) + " (schema type " + param.type() + "), not " + kindOf(value));
        }
    }

    private static String expectedOf(String type) {
        return switch (type) {
            case "string" -> "a string";
            case "integer" -> "a whole number";
            case "boolean" -> "true or false";
            case "array" -> "a list of strings";
            default -> "a map of names to strings";
        };
    }

    /** What a value is, never what it says (a parameter may hold a secret). */
    private static String kindOf(Prop value) {
        if (value instanceof Prop.Str) {
            return "a string";
        }
        if (value instanceof Prop.Num) {
            return "a number";
        }
        if (value instanceof Prop.Bool) {
            return "a boolean";
        }
        if (value instanceof Prop.Arr) {
            return "a list holding something other than strings";
        }
        if (value instanceof Prop.Obj) {
            return "a map";
        }
        if (value instanceof Prop.Secret) {
            return "a secret";
        }
        return "a value unknown until deployment";
    }

    public EnforcementLevel levelOf(PolicyInfo info) {
        var entry = entries.get(info.id());
        if (entry != null && entry.level().isPresent()) {
            return entry.level().get();
        }
        return all.orElse(info.defaultLevel());
    }

    public PolicyArgs argsOf(PolicyInfo info) {
        var entry = entries.get(info.id());
        return entry == null ? PolicyArgs.none(info.id()) : new PolicyArgs(info.id(), entry.params());
    }

    public Optional<String> exceptionFor(PolicyInfo info, String urn) {
        var entry = entries.get(info.id());
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.exceptions().get(urn));
    }
}
