package dev.citadel.authentik;

import dev.citadel.names.KubernetesNames;

import java.util.ArrayList;
import java.util.List;

/**
 * What an {@link AuthentikFlow} ships: a {@link BlueprintSet} (checked here, at {@link Builder#build()}), the ConfigMap
 * that carries it and the namespace authentik runs in. Pure values: no deployment is needed to find a reference that
 * would not resolve.
 */
public final class AuthentikFlowArgs {
    public static final String DEFAULT_NAMESPACE = "authentik";
    public static final String DEFAULT_CONFIG_MAP = "citadel-authentik-blueprints";

    private final String namespace;
    private final String configMap;
    private final BlueprintSet blueprints;

    private AuthentikFlowArgs(Builder b) {
        this.namespace = KubernetesNames.label("namespace (authentik's namespace; a DNS-1123 label)", b.namespace);
        this.configMap = KubernetesNames.subdomain("configMap (a DNS-1123 name for the blueprints' ConfigMap)", b.configMap);
        if (b.blueprints.isEmpty()) {
            throw new IllegalArgumentException("blueprints is empty; add one, e.g. .blueprint(Presets.oneScreenLogin())");
        }
        this.blueprints = new BlueprintSet(b.blueprints);
    }

    public String namespace() {
        return namespace;
    }

    /** The ConfigMap's name: list it in the chart's {@code blueprints.configMaps} (AuthentikReleaseArgs does). */
    public String configMap() {
        return configMap;
    }

    public BlueprintSet blueprints() {
        return blueprints;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String namespace = DEFAULT_NAMESPACE;
        private String configMap = DEFAULT_CONFIG_MAP;
        private final List<Blueprint> blueprints = new ArrayList<>();

        private Builder() {
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        public Builder configMap(String name) {
            this.configMap = name;
            return this;
        }

        public Builder blueprint(Blueprint blueprint) {
            blueprints.add(blueprint);
            return this;
        }

        public Builder blueprints(List<Blueprint> more) {
            blueprints.addAll(more);
            return this;
        }

        public AuthentikFlowArgs build() {
            return new AuthentikFlowArgs(this);
        }
    }
}
