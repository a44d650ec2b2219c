package dev.citadel.value;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Decoding property values as the Pulumi engine protocol marshals them. Signatures are Pulumi's, written out here. */
class PropDecoderTest {
    private static final String SIG = "4dabf18193072939515e22adb298388d";
    private static final String SECRET = "1b47061264138c4ac30d75fd1eb44270";
    private static final String OUTPUT = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
    private static final String RESOURCE = "5cf8f73096256a8f31e491e813e4eb8e";
    private static final String ASSET = "c44067f5952c0a294b673a41bacd8c17";
    private static final String UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

    private static Value str(String s) {
        return Value.newBuilder().setStringValue(s).build();
    }

    private static Value num(double d) {
        return Value.newBuilder().setNumberValue(d).build();
    }

    private static Value bool(boolean b) {
        return Value.newBuilder().setBoolValue(b).build();
    }

    private static Value list(Value... values) {
        return Value.newBuilder().setListValue(ListValue.newBuilder().addAllValues(List.of(values))).build();
    }

    private static Value struct(Map<String, Value> fields) {
        return Value.newBuilder().setStructValue(Struct.newBuilder().putAllFields(fields)).build();
    }

    private static Prop.Obj obj(Map<String, Prop> fields) {
        return new Prop.Obj(new TreeMap<>(fields));
    }

    @Test
    void plainValues() {
        assertThat(PropDecoder.decode(str("a"))).isEqualTo(new Prop.Str("a"));
        assertThat(PropDecoder.decode(num(32))).isEqualTo(new Prop.Num(32));
        assertThat(PropDecoder.decode(bool(true))).isEqualTo(new Prop.Bool(true));
        assertThat(PropDecoder.decode(Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build())).isEqualTo(Prop.NULL);
        assertThat(PropDecoder.decode(Value.getDefaultInstance())).isEqualTo(Prop.NULL);
        assertThat(PropDecoder.decode(struct(Map.of("b", num(1), "a", str("x")))))
                .isEqualTo(obj(Map.of("a", new Prop.Str("x"), "b", new Prop.Num(1))));
    }

    @Test
    void theUnknownSentinelIsUnknownNotAString() {
        assertThat(PropDecoder.decode(str(UNKNOWN))).isEqualTo(Prop.UNKNOWN);
        assertThat(PropDecoder.decode(str(UNKNOWN + " "))).isEqualTo(new Prop.Str(UNKNOWN + " "));
    }

    @Test
    void aSecretSignatureWrapsItsValue() {
        var secret = struct(Map.of(SIG, str(SECRET), "value", str("hunter2")));
        assertThat(PropDecoder.decode(secret)).isEqualTo(new Prop.Secret(new Prop.Str("hunter2")));

        var secretObject = struct(Map.of(SIG, str(SECRET), "value", struct(Map.of("password", str("hunter2")))));
        var decoded = PropDecoder.decode(secretObject);
        assertThat(decoded).isEqualTo(new Prop.Secret(obj(Map.of("password", new Prop.Str("hunter2")))));
        assertThat(decoded.get("password")).as("a field read out of a secret stays secret").isEqualTo(new Prop.Secret(new Prop.Str("hunter2")));
        assertThat(decoded.string()).isEmpty();

        var secretUnknown = struct(Map.of(SIG, str(SECRET), "value", str(UNKNOWN)));
        assertThat(PropDecoder.decode(secretUnknown)).isEqualTo(new Prop.Secret(Prop.UNKNOWN));
    }

    @Test
    void outputValuesWithAndWithoutValueAndSecretFlag() {
        var known = struct(Map.of(SIG, str(OUTPUT), "value", str("v"), "dependencies", list(str("urn:pulumi:a"))));
        assertThat(PropDecoder.decode(known)).isEqualTo(new Prop.Str("v"));

        var unknown = struct(Map.of(SIG, str(OUTPUT)));
        assertThat(PropDecoder.decode(unknown)).isEqualTo(Prop.UNKNOWN);

        var knownSecret = struct(Map.of(SIG, str(OUTPUT), "value", num(3), "secret", bool(true)));
        assertThat(PropDecoder.decode(knownSecret)).isEqualTo(new Prop.Secret(new Prop.Num(3)));

        var unknownSecret = struct(Map.of(SIG, str(OUTPUT), "secret", bool(true)));
        assertThat(PropDecoder.decode(unknownSecret)).isEqualTo(new Prop.Secret(Prop.UNKNOWN));

        var notSecret = struct(Map.of(SIG, str(OUTPUT), "value", str("v"), "secret", bool(false)));
        assertThat(PropDecoder.decode(notSecret)).isEqualTo(new Prop.Str("v"));
    }

    @Test
    void nestedListsKeepSecretsAndUnknownsInPlace() {
        var value = list(
                list(str("a"), struct(Map.of(SIG, str(SECRET), "value", str("s")))),
                list(),
                list(str(UNKNOWN), struct(Map.of("k", list(struct(Map.of(SIG, str(OUTPUT), "secret", bool(true))))))));

        var decoded = PropDecoder.decode(value);

        assertThat(decoded).isEqualTo(new Prop.Arr(List.of(
                new Prop.Arr(List.of(new Prop.Str("a"), new Prop.Secret(new Prop.Str("s")))),
                new Prop.Arr(List.of()),
                new Prop.Arr(List.of(Prop.UNKNOWN, obj(Map.of("k", new Prop.Arr(List.of(new Prop.Secret(Prop.UNKNOWN))))))))));
        assertThat(decoded.containsSecret()).isTrue();
        assertThat(PropDecoder.decode(list(list(str("a"))))).matches(p -> !p.containsSecret());
    }

    @Test
    void resourceReferencesAndAssetsLoseTheirSignature() {
        var ref = struct(Map.of(SIG, str(RESOURCE), "urn", str("urn:pulumi:s::p::t::n"), "id", str(UNKNOWN), "packageVersion", str("1.0.0")));
        assertThat(PropDecoder.decode(ref)).isEqualTo(obj(Map.of("urn", new Prop.Str("urn:pulumi:s::p::t::n"), "id", Prop.UNKNOWN)));

        var asset = struct(Map.of(SIG, str(ASSET), "path", str("blueprint.yaml")));
        assertThat(PropDecoder.decode(asset)).isEqualTo(obj(Map.of("path", new Prop.Str("blueprint.yaml"))));

        var notASignature = struct(Map.of(SIG, num(1), "value", str("v")));
        assertThat(PropDecoder.decode(notASignature)).isEqualTo(obj(Map.of(SIG, new Prop.Num(1), "value", new Prop.Str("v"))));
    }

    @Test
    void aStructDecodesToAnObjectSortedByKey() {
        var struct = Struct.newBuilder().putFields("zeta", num(1)).putFields("alpha", num(2)).putFields("mid", num(3)).build();

        assertThat(PropDecoder.decode(struct).fields().keySet()).containsExactly("alpha", "mid", "zeta");
    }
}
