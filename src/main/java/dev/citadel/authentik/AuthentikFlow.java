package dev.citadel.authentik;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import dev.citadel.component.ComponentError;
import dev.citadel.contract.Labels;
import dev.citadel.provider.KubernetesObject;

import javax.annotation.Nullable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * authentik flows, stages, policies, OAuth2 providers and applications as blueprints, in one ConfigMap (a key
 * {@code <blueprint>.yaml} per blueprint) that the authentik chart mounts into the worker through
 * {@code blueprints.configMaps}; the worker applies them on discovery and on change. Every reference was resolved
 * when the args were built ({@link BlueprintSet}).
 */
public final class AuthentikFlow extends ComponentResource {
    public static final String TYPE = "citadel:authentik:AuthentikFlow";

    private final AuthentikFlowArgs args;
    private final Map<String, String> files;

    public AuthentikFlow(String name, AuthentikFlowArgs args) {
        this(name, args, null);
    }

    public AuthentikFlow(String name, AuthentikFlowArgs args, @Nullable ComponentResourceOptions options) {
        super(TYPE, name, options);
        try {
            this.args = args;
            this.files = args.blueprints().files();
            var metadata = Labels.metadata(args.configMap(), args.namespace());
            var manifest = new LinkedHashMap<String, Object>();
            manifest.put("apiVersion", "v1");
            manifest.put("kind", "ConfigMap");
            manifest.put("metadata", metadata);
            manifest.put("data", new LinkedHashMap<String, Object>(files));
            var child = dev.citadel.component.Children.waitingWith(this, options);
            new KubernetesObject(name + "-blueprints", KubernetesObject.Args.fromManifest("AuthentikFlow " + name, manifest), child.build());
            var outputs = new LinkedHashMap<String, Output<?>>();
            outputs.put("configMap", configMap());
            outputs.put("blueprints", blueprintNames());
            registerOutputs(outputs);
        } catch (IllegalArgumentException e) {
            // Named here, where the name is known: a builder ran before it was.
            throw ComponentError.of(TYPE, name, e);
        }
    }

    /** The ConfigMap name, for the chart's {@code blueprints.configMaps}. */
    public Output<String> configMap() {
        return Output.of(args.configMap());
    }

    public Output<List<String>> blueprintNames() {
        return Output.of(args.blueprints().blueprints().stream().map(Blueprint::name).toList());
    }

    /** ConfigMap key → blueprint YAML, as authentik reads it. */
    public Output<Map<String, String>> files() {
        return Output.of(files);
    }
}
