package dev.citadel.value;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;

import java.util.ArrayList;
import java.util.TreeMap;

/**
 * Decodes property values as the engine marshals them (google.protobuf.Struct with Pulumi's special
 * signature objects for secrets, unknowns, output values, resource references and assets).
 */
public final class PropDecoder {
    static final String UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    static final String SIG_KEY = "4dabf18193072939515e22adb298388d";
    static final String SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
    static final String OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
    static final String RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

    /**
     * How deep values may nest. Kubernetes objects, chart values and CRD schemas stay well inside it; a
     * value nested 10,000 levels deep overflowed the decoder's stack and the engine saw UNKNOWN with no
     * message. Past the limit decoding fails with {@link TooDeep}, which names it.
     */
    public static final int MAX_DEPTH = 256;

    /** A value nested deeper than {@link #MAX_DEPTH}. */
    public static final class TooDeep extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        TooDeep() {
            super("it nests deeper than " + MAX_DEPTH + " levels, the policy pack's limit for a value");
        }
    }

    private PropDecoder() {
    }

    /**
     * Plain data (parsed YAML or JSON: maps, lists, strings, numbers, booleans, null) as a {@link Prop}.
     * Map keys are taken as strings.
     */
    public static Prop fromPlain(Object value) {
        return fromPlain(value, 0);
    }

    private static Prop fromPlain(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new TooDeep();
        }
        if (value == null) {
            return Prop.NULL;
        }
        if (value instanceof Prop) {
            return (Prop) value;
        }
        if (value instanceof String) {
            return UNKNOWN.equals(value) ? Prop.UNKNOWN : new Prop.Str((String) value);
        }
        if (value instanceof Boolean) {
            return new Prop.Bool((Boolean) value);
        }
        if (value instanceof Number) {
            return new Prop.Num(((Number) value).doubleValue());
        }
        if (value instanceof java.util.Map) {
            var fields = new TreeMap<String, Prop>();
            ((java.util.Map<?, ?>) value).forEach((k, v) -> fields.put(String.valueOf(k), fromPlain(v, depth + 1)));
            return new Prop.Obj(fields);
        }
        if (value instanceof java.util.List) {
            var items = new ArrayList<Prop>();
            ((java.util.List<?>) value).forEach(v -> items.add(fromPlain(v, depth + 1)));
            return new Prop.Arr(items);
        }
        return new Prop.Str(String.valueOf(value));
    }

    /** JSON text (stack config, policy config) as a {@link Prop}; throws {@code JsonSyntaxException} if malformed. */
    public static Prop fromJson(String json) {
        return fromPlain(new com.google.gson.Gson().fromJson(json, Object.class));
    }

    public static Prop.Obj decode(Struct struct) {
        return decode(struct, 0);
    }

    public static Prop decode(Value value) {
        return decode(value, 0);
    }

    private static Prop.Obj decode(Struct struct, int depth) {
        var fields = new TreeMap<String, Prop>();
        struct.getFieldsMap().forEach((k, v) -> fields.put(k, decode(v, depth + 1)));
        return new Prop.Obj(fields);
    }

    private static Prop decode(Value value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new TooDeep();
        }
        switch (value.getKindCase()) {
            case NULL_VALUE:
            case KIND_NOT_SET:
                return Prop.NULL;
            case BOOL_VALUE:
                return new Prop.Bool(value.getBoolValue());
            case NUMBER_VALUE:
                return new Prop.Num(value.getNumberValue());
            case STRING_VALUE:
                return UNKNOWN.equals(value.getStringValue()) ? Prop.UNKNOWN : new Prop.Str(value.getStringValue());
            case LIST_VALUE:
                var items = new ArrayList<Prop>(value.getListValue().getValuesCount());
                value.getListValue().getValuesList().forEach(v -> items.add(decode(v, depth + 1)));
                return new Prop.Arr(items);
            case STRUCT_VALUE:
                return decodeStruct(value.getStructValue(), depth);
            default:
                throw new IllegalStateException("unexpected protobuf value kind " + value.getKindCase());
        }
    }

    private static Prop decodeStruct(Struct struct, int depth) {
        var sig = struct.getFieldsMap().get(SIG_KEY);
        if (sig == null || sig.getKindCase() != Value.KindCase.STRING_VALUE) {
            return decode(struct, depth);
        }
        var fields = struct.getFieldsMap();
        switch (sig.getStringValue()) {
            case SECRET_SIG:
                return new Prop.Secret(decode(fields.getOrDefault("value", Value.getDefaultInstance()), depth + 1));
            case OUTPUT_SIG: {
                var inner = fields.containsKey("value") ? decode(fields.get("value"), depth + 1) : Prop.UNKNOWN;
                var secret = fields.containsKey("secret") && fields.get("secret").getBoolValue();
                return secret ? new Prop.Secret(inner) : inner;
            }
            case RESOURCE_SIG: {
                var ref = new TreeMap<String, Prop>();
                ref.put("urn", decode(fields.getOrDefault("urn", Value.getDefaultInstance()), depth + 1));
                if (fields.containsKey("id")) {
                    ref.put("id", decode(fields.get("id"), depth + 1));
                }
                return new Prop.Obj(ref);
            }
            default:
                // Assets and archives: keep their description (path, uri, text hash), minus the signature.
                var rest = new TreeMap<String, Prop>();
                fields.forEach((k, v) -> {
                    if (!SIG_KEY.equals(k)) {
                        rest.put(k, decode(v, depth + 1));
                    }
                });
                return new Prop.Obj(rest);
        }
    }
}
