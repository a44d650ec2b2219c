package dev.citadel.authentik;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A blueprint as authentik reads it: block YAML, references as {@code !KeyOf id} and {@code !Find [model, [field, value]]}. */
final class BlueprintYaml {
    static final Tag KEY_OF = new Tag("!KeyOf");
    static final Tag FIND = new Tag("!Find");

    private BlueprintYaml() {
    }

    static String render(Blueprint blueprint) {
        var doc = new LinkedHashMap<String, Object>();
        doc.put("version", 1);
        var metadata = new LinkedHashMap<String, Object>();
        metadata.put("name", blueprint.name());
        var labels = new LinkedHashMap<String, Object>();
        labels.putAll(dev.citadel.contract.Labels.managedByCitadel());
        if (blueprint.description() != null) {
            labels.put("blueprints.goauthentik.io/description", blueprint.description());
        }
        metadata.put("labels", labels);
        doc.put("metadata", metadata);
        var entries = new java.util.ArrayList<Object>();
        for (var dependency : blueprint.dependsOn()) {
            var attrs = new LinkedHashMap<String, Object>();
            attrs.put("identifiers", Map.of("name", dependency));
            attrs.put("required", true);
            var e = new LinkedHashMap<String, Object>();
            e.put("model", Models.META_APPLY_BLUEPRINT);
            e.put("attrs", attrs);
            entries.add(e);
        }
        for (var entry : blueprint.entries()) {
            var e = new LinkedHashMap<String, Object>();
            e.put("model", entry.model());
            if (entry.id() != null) {
                e.put("id", entry.id());
            }
            e.put("state", entry.state().yaml());
            e.put("identifiers", entry.identifiers());
            if (!entry.attrs().isEmpty()) {
                e.put("attrs", entry.attrs());
            }
            entries.add(e);
        }
        doc.put("entries", entries);
        var options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(120);
        return new Yaml(new Tags(options), options).dump(doc);
    }

    private static final class Tags extends Representer {
        Tags(DumperOptions options) {
            super(options);
            representers.put(Ref.KeyOf.class, data -> representScalar(KEY_OF, ((Ref.KeyOf) data).id()));
            representers.put(Ref.Find.class, data -> {
                var find = (Ref.Find) data;
                return representSequence(FIND, List.of(find.model(), List.of(find.field(), find.value())),
                        DumperOptions.FlowStyle.FLOW);
            });
        }
    }
}
