package dev.citadel.authentik;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A rendered blueprint read back as authentik's loader reads it: {@code !KeyOf} takes a scalar, {@code !Find} a
 * sequence {@code [model, [field, value]]}; any other tag fails the parse. Test-side on purpose, so the renderer is
 * checked by a reader that does not share its code.
 */
record ParsedBlueprint(String file, Map<String, Object> doc) {
    record KeyOf(String id) {
    }

    record Find(String model, String field, Object value) {
    }

    static ParsedBlueprint parse(String file, String yaml) {
        @SuppressWarnings("unchecked")
        var doc = (Map<String, Object>) new Yaml(new Tags()).load(yaml);
        return new ParsedBlueprint(file, doc);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> entries() {
        return (List<Map<String, Object>>) doc.get("entries");
    }

    String name() {
        return (String) ((Map<?, ?>) doc.get("metadata")).get("name");
    }

    List<Map<String, Object>> ofModel(String model) {
        return entries().stream().filter(e -> model.equals(e.get("model"))).toList();
    }

    Map<String, Object> byId(String id) {
        return entries().stream().filter(e -> id.equals(e.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError(file + ": no entry with id " + id));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o, String key) {
        return (Map<String, Object>) ((Map<String, Object>) o).get(key);
    }

    /** Every tag object in a value, depth first. */
    static List<Object> refs(Object value) {
        var out = new ArrayList<Object>();
        collect(value, out);
        return out;
    }

    private static void collect(Object value, List<Object> out) {
        if (value instanceof KeyOf || value instanceof Find) {
            out.add(value);
        } else if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> collect(v, out));
        } else if (value instanceof List<?> l) {
            l.forEach(v -> collect(v, out));
        }
    }

    private static final class Tags extends SafeConstructor {
        Tags() {
            super(new LoaderOptions());
            yamlConstructors.put(new Tag("!KeyOf"), new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    return new KeyOf(constructScalar((ScalarNode) node));
                }
            });
            yamlConstructors.put(new Tag("!Find"), new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    var items = constructSequence((SequenceNode) node);
                    var query = (List<?>) items.get(1);
                    return new Find((String) items.get(0), (String) query.get(0), query.get(1));
                }
            });
            yamlConstructors.put(null, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    throw new AssertionError("a tag authentik's loader would not know: " + node.getTag());
                }
            });
        }
    }

    static boolean same(Object a, Object b) {
        return Objects.equals(a, b);
    }
}
