package dev.citadel.pkg;

import com.google.gson.GsonBuilder;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Values as the engine marshals them on the wire, both ways, and one canonical JSON text to compare runs by. */
final class Wire {
    static final String SIG = "4dabf18193072939515e22adb298388d";
    static final String SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

    private Wire() {
    }

    /** A value the program marked secret. */
    record Secret(Object value) {
    }

    static Struct struct(Map<String, ?> map) {
        var struct = Struct.newBuilder();
        map.forEach((k, v) -> struct.putFields(k, value(v)));
        return struct.build();
    }

    static Value value(Object o) {
        if (o instanceof Secret s) {
            return Value.newBuilder().setStructValue(Struct.newBuilder()
                    .putFields(SIG, Value.newBuilder().setStringValue(SECRET_SIG).build())
                    .putFields("value", value(s.value()))).build();
        }
        if (o instanceof Map<?, ?> m) {
            var struct = Struct.newBuilder();
            m.forEach((k, v) -> struct.putFields(String.valueOf(k), value(v)));
            return Value.newBuilder().setStructValue(struct).build();
        }
        if (o instanceof List<?> l) {
            var list = ListValue.newBuilder();
            l.forEach(i -> list.addValues(value(i)));
            return Value.newBuilder().setListValue(list).build();
        }
        if (o instanceof String s) {
            return Value.newBuilder().setStringValue(s).build();
        }
        if (o instanceof Number n) {
            return Value.newBuilder().setNumberValue(n.doubleValue()).build();
        }
        if (o instanceof Boolean b) {
            return Value.newBuilder().setBoolValue(b).build();
        }
        return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
    }

    /** Whether {@code v} is a secret in the engine's signature. */
    static boolean isSecret(Value v) {
        return v.hasStructValue() && v.getStructValue().getFieldsMap().containsKey(SIG)
                && v.getStructValue().getFieldsOrThrow(SIG).getStringValue().equals(SECRET_SIG);
    }

    /** Plain Java data, secrets unwrapped: what a Pulumi mocks run hands a test. */
    static Object plain(Value v) {
        if (isSecret(v)) {
            return plain(v.getStructValue().getFieldsOrThrow("value"));
        }
        switch (v.getKindCase()) {
            case STRUCT_VALUE: {
                var m = new TreeMap<String, Object>();
                v.getStructValue().getFieldsMap().forEach((k, x) -> m.put(k, plain(x)));
                return m;
            }
            case LIST_VALUE: {
                var l = new ArrayList<Object>();
                v.getListValue().getValuesList().forEach(x -> l.add(plain(x)));
                return l;
            }
            case STRING_VALUE:
                return v.getStringValue();
            case NUMBER_VALUE:
                return v.getNumberValue();
            case BOOL_VALUE:
                return v.getBoolValue();
            default:
                return null;
        }
    }

    /** Maps sorted, numbers as doubles: equal data reads equal. */
    static String canonical(Object plain) {
        return new GsonBuilder().serializeNulls().create().toJson(sorted(plain));
    }

    private static Object sorted(Object o) {
        if (o instanceof Map<?, ?> m) {
            var out = new TreeMap<String, Object>();
            m.forEach((k, v) -> out.put(String.valueOf(k), sorted(v)));
            return out;
        }
        if (o instanceof List<?> l) {
            return l.stream().map(Wire::sorted).toList();
        }
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        return o;
    }

    /** Every string in {@code v} outside a secret. */
    static List<String> visibleStrings(Value v) {
        var out = new ArrayList<String>();
        visible(v, out);
        return out;
    }

    private static void visible(Value v, List<String> out) {
        if (isSecret(v)) {
            return;
        }
        switch (v.getKindCase()) {
            case STRUCT_VALUE:
                v.getStructValue().getFieldsMap().forEach((k, x) -> {
                    out.add(k);
                    visible(x, out);
                });
                break;
            case LIST_VALUE:
                v.getListValue().getValuesList().forEach(x -> visible(x, out));
                break;
            case STRING_VALUE:
                out.add(v.getStringValue());
                break;
            default:
                break;
        }
    }
}
