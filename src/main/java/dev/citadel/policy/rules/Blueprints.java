package dev.citadel.policy.rules;

import dev.citadel.value.Prop;
import dev.citadel.value.PropDecoder;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.List;
import java.util.Optional;

import static dev.citadel.policy.rules.PropReads.items;

/**
 * authentik blueprints (a YAML document with {@code version} and {@code entries}), read from text such as
 * a ConfigMap value. Blueprint tags ({@code !Find}, {@code !KeyOf}, {@code !Env}, ...) are kept as text,
 * {@code !KeyOf flow} as {@code "!KeyOf flow"}, so references can be matched without evaluating them.
 */
final class Blueprints {
    private Blueprints() {
    }

    /** The blueprint in the text, or empty when the text is not YAML or not a blueprint. */
    static Optional<Prop> parse(String text) {
        // Every ConfigMap entry of a stack comes here; a text without the key a blueprint needs is not parsed
        // as YAML at all (a 20,000-resource AnalyzeStack spent most of this policy's time in the YAML parser).
        if (!text.contains("entries")) {
            return Optional.empty();
        }
        Object doc;
        try {
            doc = new Yaml(new TagsAsText()).load(text);
        } catch (YAMLException | ClassCastException e) {
            return Optional.empty();
        }
        var blueprint = PropDecoder.fromPlain(doc);
        return !blueprint.get("version").isNull() && blueprint.get("entries") instanceof Prop.Arr
                ? Optional.of(blueprint) : Optional.empty();
    }

    /** The entries of a model, e.g. {@code authentik_providers_oauth2.oauth2provider}. */
    static List<Prop> entries(Prop blueprint, String model) {
        return items(blueprint.get("entries")).stream().filter(e -> e.get("model").string().orElse("").equals(model)).toList();
    }

    /**
     * What a reference names: for {@code !KeyOf id}, the slug (or name) of the entry with that id in the same
     * blueprint; otherwise the reference text itself.
     */
    static String resolve(Prop blueprint, String reference) {
        if (!reference.startsWith("!KeyOf ")) {
            return reference;
        }
        var id = reference.substring("!KeyOf ".length()).strip();
        for (var e : items(blueprint.get("entries"))) {
            if (e.get("id").string().orElse("").equals(id)) {
                for (var field : List.of("slug", "name")) {
                    var value = e.get("identifiers").get(field).string().or(() -> e.get("attrs").get(field).string());
                    if (value.isPresent()) {
                        return value.get();
                    }
                }
            }
        }
        return reference;
    }

    /** SnakeYAML's safe constructor, with every unknown tag read as text: {@code "!Tag " + its content}. */
    private static final class TagsAsText extends SafeConstructor {
        TagsAsText() {
            super(new LoaderOptions());
            yamlConstructors.put(null, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    Object content;
                    if (node instanceof MappingNode) {
                        content = constructMapping((MappingNode) node);
                    } else if (node instanceof SequenceNode) {
                        content = constructSequence((SequenceNode) node);
                    } else {
                        content = constructScalar((ScalarNode) node);
                    }
                    return node.getTag().getValue() + " " + content;
                }
            });
        }
    }
}
