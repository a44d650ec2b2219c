package dev.citadel.config;

import com.google.gson.JsonParser;
import com.pulumi.core.annotations.Import;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a stack-config author sees when the binder reads their YAML (as JSON, which is how Pulumi passes it). */
class BinderTest {
    @Doc("A small input, as a component's would be.")
    static final class Sample extends Inputs {
        @Import(name = "name", required = true) @Doc("The name.")
        private String name;
        @Import(name = "replicas") @Doc("How many.")
        private Integer replicas;
        @Import(name = "enabled") @Doc("On or off.")
        private Boolean enabled;
        @Import(name = "rate") @Doc("Per second.")
        private Double rate;
        @Import(name = "tags") @Doc("Tags.")
        private List<String> tags;
        @Import(name = "labels") @Doc("Labels.")
        private Map<String, String> labels;
        @Import(name = "values") @Doc("Anything.")
        private Map<String, Object> values;
        @Import(name = "items") @Doc("Nested entries.")
        private List<Item> items;
    }

    @Doc("An entry, or just its name.")
    static final class Item extends Inputs implements ScalarForm {
        @Import(name = "key", required = true) @Doc("Its key.")
        private String key;
        @Import(name = "size") @Doc("Its size.")
        private Integer size;

        @Override
        public void fromScalar(String value) {
            key = value;
        }
    }

    private final Paths paths = new Paths();

    private Sample bind(String json) {
        return Binder.bind("citadel:sample", JsonParser.parseString(json), Sample.class, paths);
    }

    /** As the program reports an input's mistake: at the path it was read from. */
    private void build(Sample s, java.util.function.Supplier<?> builder) {
        paths.locate(() -> s.build(builder));
    }

    @Test
    void readsEveryKindOfSettingAndKnowsWhereEachCameFrom() {
        var s = bind("{\"name\": \"app\", \"replicas\": \"3\", \"enabled\": true, \"rate\": 2.5, \"tags\": [\"a\", \"b\"],"
                + " \"labels\": {\"x\": \"1\"}, \"values\": {\"a\": {\"b\": [1, true]}}, \"items\": [\"short\", {\"key\": \"long\", \"size\": 4}]}");

        assertThat(s.name).isEqualTo("app");
        assertThat(s.replicas).isEqualTo(3);
        assertThat(s.enabled).isTrue();
        assertThat(s.rate).isEqualTo(2.5);
        assertThat(s.tags).containsExactly("a", "b");
        assertThat(s.labels).containsExactly(Map.entry("x", "1"));
        assertThat(s.values).isEqualTo(Map.of("a", Map.of("b", List.of(1, true))));
        assertThat(s.items).extracting(i -> i.key).containsExactly("short", "long");
        assertThat(s.items.get(1).size).isEqualTo(4);
        assertThat(paths.of(s.items.get(1))).isEqualTo("citadel:sample.items[1]");
    }

    @Test
    void anAbsentListOrMapIsEmptyAndAnAbsentValueIsUnset() {
        var s = bind("{\"name\": \"app\"}");

        assertThat(s.tags).isEmpty();
        assertThat(s.labels).isEmpty();
        assertThat(s.replicas).isNull();
        assertThat(s.enabled).isNull();
    }

    @Test
    void aMisspeltKeyIsRefusedWithTheNearestOne() {
        assertThatThrownBy(() -> bind("{\"name\": \"app\", \"replcias\": 2}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("citadel:sample.replcias is not a known setting here; did you mean replicas? The settings are "
                        + "[name, replicas, enabled, rate, tags, labels, values, items]. Check the spelling.");
    }

    @Test
    void aKeyNothingResemblesListsTheSettings() {
        assertThatThrownBy(() -> bind("{\"name\": \"app\", \"colour\": \"red\"}"))
                .hasMessageStartingWith("citadel:sample.colour is not a known setting here; the settings are [name,");
    }

    @Test
    void aMissingRequiredSettingSaysWhatToAdd() {
        assertThatThrownBy(() -> bind("{\"replicas\": 1}")).hasMessage("citadel:sample.name is missing; add 'name: ...' there (the name)");
        assertThatThrownBy(() -> bind("{\"name\": \"a\", \"items\": [{\"size\": 1}]}"))
                .hasMessage("citadel:sample.items[0].key is missing; add 'key: ...' there (its key)");
    }

    @Test
    void aValueOfTheWrongTypeNamesItsPathAndTheFix() {
        assertThatThrownBy(() -> bind("{\"name\": \"a\", \"replicas\": \"two\"}"))
                .hasMessage("citadel:sample.replicas: 'two' is not a whole number; write e.g. 2");
        assertThatThrownBy(() -> bind("{\"name\": \"a\", \"enabled\": \"yes\"}"))
                .hasMessage("citadel:sample.enabled: 'yes' is not true or false");
        assertThatThrownBy(() -> bind("{\"name\": \"a\", \"rate\": \"NaN\"}"))
                .hasMessage("citadel:sample.rate: 'NaN' is not a number; write e.g. 5");
        assertThatThrownBy(() -> bind("{\"name\": \"a\", \"tags\": \"a,b\"}"))
                .hasMessage("citadel:sample.tags should be a list (YAML '- item' lines), is the value 'a,b'");
        assertThatThrownBy(() -> bind("{\"name\": \"a\", \"labels\": [\"x\"]}"))
                .hasMessage("citadel:sample.labels should be a map of settings (YAML 'key: value' lines), is a list");
        assertThatThrownBy(() -> bind("{\"name\": {\"first\": \"a\"}}"))
                .hasMessage("citadel:sample.name should be a single value, is a map");
        assertThatThrownBy(() -> bind("{\"name\": \"a\", \"tags\": [null]}"))
                .hasMessage("citadel:sample.tags[0] is empty; remove the line or give it a value");
    }

    @Test
    void aHugeValueComesBackCutToOneReadableLine() {
        var huge = "x".repeat(10_000);
        assertThatThrownBy(() -> bind("{\"name\": \"a\", \"replicas\": \"" + huge + "\"}"))
                .message().hasSizeLessThan(300).contains("(10,000 characters)");
    }

    @Test
    void aBuilderRefusalIsPutAtTheSettingItStartsWith() {
        var s = bind("{\"name\": \"a\", \"items\": [{\"key\": \"k\"}]}");

        assertThatThrownBy(() -> build(s, () -> { throw new IllegalArgumentException("replicas: 0 is below 1; use 1"); }))
                .hasMessage("citadel:sample.replicas: 0 is below 1; use 1");
        assertThatThrownBy(() -> build(s, () -> { throw new IllegalArgumentException("items.size: -1 is not a size"); }))
                .hasMessage("citadel:sample.items.size: -1 is not a size");
        assertThatThrownBy(() -> build(s, () -> { throw new IllegalArgumentException("labels.team-a: 'x y' is not a label value"); }))
                .hasMessage("citadel:sample.labels.team-a: 'x y' is not a label value");
        assertThatThrownBy(() -> build(s, () -> { throw new IllegalArgumentException("image 'x' has no tag"); }))
                .hasMessage("citadel:sample: image 'x' has no tag");
    }

    @Test
    void aRefusalWithAStackConfigPhrasingShowsThatOne() {
        var s = bind("{\"name\": \"a\"}");

        assertThatThrownBy(() -> build(s, () -> {
            throw new dev.citadel.value.Refused("tags: none; call tag(\"x\")", "tags: none; add tags: [x]");
        })).hasMessage("citadel:sample.tags: none; add tags: [x]");
    }
}
