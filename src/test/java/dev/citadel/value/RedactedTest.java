package dev.citadel.value;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The one way plan output sees a value. */
class RedactedTest {

    private static Prop.Obj obj(Map<String, Prop> fields) {
        return new Prop.Obj(new TreeMap<>(fields));
    }

    @Test
    void aSecretIsTheSecretMarkerWhateverItHolds() {
        assertThat(Redacted.plain(new Prop.Secret(new Prop.Str("hunter2")))).isEqualTo("[secret]");
        assertThat(Redacted.plain(new Prop.Secret(obj(Map.of("password", new Prop.Str("hunter2")))))).isEqualTo("[secret]");
        assertThat(Redacted.plain(new Prop.Secret(Prop.UNKNOWN))).as("an unknown secret is still a secret").isEqualTo("[secret]");
        assertThat(Redacted.plain(obj(Map.of("a", new Prop.Arr(List.of(new Prop.Str("x"), new Prop.Secret(new Prop.Num(7))))))))
                .isEqualTo(Map.of("a", List.of("x", "[secret]")));
    }

    @Test
    void anUnknownIsTheUnknownMarker() {
        assertThat(Redacted.plain(Prop.UNKNOWN)).isEqualTo("[unknown]");
        assertThat(Redacted.plain(obj(Map.of("id", Prop.UNKNOWN)))).isEqualTo(Map.of("id", "[unknown]"));
    }

    @Test
    void wholeNumbersBecomeLongsAndOthersStayDoubles() {
        assertThat(Redacted.plain(new Prop.Num(32.0))).isInstanceOf(Long.class).isEqualTo(32L);
        assertThat(Redacted.plain(new Prop.Num(-3.0))).isEqualTo(-3L);
        assertThat(Redacted.plain(new Prop.Num(0.0))).isEqualTo(0L);
        assertThat(Redacted.plain(new Prop.Num(1.5))).isInstanceOf(Double.class).isEqualTo(1.5);
        assertThat(Redacted.plain(new Prop.Num(1e20))).as("beyond exact long range").isInstanceOf(Double.class);
        assertThat(Redacted.plain(new Prop.Num(Double.POSITIVE_INFINITY))).isInstanceOf(Double.class);
    }

    @Test
    void plainValuesPassThrough() {
        assertThat(Redacted.plain(new Prop.Str("x"))).isEqualTo("x");
        assertThat(Redacted.plain(new Prop.Bool(false))).isEqualTo(false);
        assertThat(Redacted.plain(Prop.NULL)).isNull();
    }

    @Test
    void kubernetesObjectsStartWithApiVersionKindMetadataThenTheRestInOrder() {
        var inputs = obj(Map.of(
                "apiVersion", new Prop.Str("v1"),
                "data", obj(Map.of("b", new Prop.Str("2"), "a", new Prop.Str("1"))),
                "immutable", new Prop.Bool(true),
                "kind", new Prop.Str("ConfigMap"),
                "metadata", obj(Map.of("name", new Prop.Str("cm"), "annotations", new Prop.Secret(new Prop.Str("s")))),
                "binaryData", Prop.UNKNOWN));

        var object = Redacted.kubernetesObject(inputs);

        assertThat(object.keySet()).containsExactly("apiVersion", "kind", "metadata", "binaryData", "data", "immutable");
        assertThat(object.get("metadata")).isEqualTo(Map.of("annotations", "[secret]", "name", "cm"));
        assertThat(new java.util.ArrayList<Object>(((Map<?, ?>) object.get("data")).keySet())).containsExactly("a", "b");
        assertThat(object.get("binaryData")).isEqualTo("[unknown]");
    }

    @Test
    void aKubernetesObjectWithoutKindKeepsTheOthersInOrder() {
        var object = Redacted.kubernetesObject(obj(Map.of("spec", new Prop.Num(1), "metadata", obj(Map.of()), "apiVersion", new Prop.Str("v1"))));

        assertThat(object.keySet()).containsExactly("apiVersion", "metadata", "spec");
        assertThat(object.get("spec")).isEqualTo(1L);
    }
}
