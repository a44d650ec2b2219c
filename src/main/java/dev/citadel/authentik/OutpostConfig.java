package dev.citadel.authentik;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An outpost's {@code config} as the user's keys plus Citadel's. authentik stores it as one JSON value and a blueprint
 * replaces it whole, so a key left out is lost on apply: seed 001's {@code kubernetes_json_patches} (the service-selector
 * workaround for goauthentik 2026.2.2 and the postgres env of the embedded outpost) would go, bringing back zero ready
 * endpoints and the forward-auth 401 fallback. Every key authentik reads may therefore be given; Citadel's hardening is
 * kept, and a key that contradicts it is refused rather than silently overridden either way.
 */
final class OutpostConfig {
    /** The fields of authentik's {@code OutpostConfig} (authentik/outposts/models.py), the keys its outposts read. */
    static final List<String> KEYS = List.of("authentik_host", "authentik_host_insecure", "authentik_host_browser", "log_level",
            "object_naming_template", "refresh_interval", "container_image", "docker_network", "docker_map_ports", "docker_labels",
            "kubernetes_replicas", "kubernetes_namespace", "kubernetes_ingress_annotations", "kubernetes_ingress_secret_name",
            "kubernetes_ingress_class_name", "kubernetes_ingress_path_type", "kubernetes_httproute_annotations",
            "kubernetes_httproute_parent_refs", "kubernetes_service_type", "kubernetes_disabled_components",
            "kubernetes_image_pull_secrets", "kubernetes_json_patches");
    /** The keys Citadel renders from the outpost's own fields. */
    static final Set<String> OWN = Set.of("authentik_host", "log_level", "object_naming_template", "kubernetes_namespace",
            "kubernetes_replicas");

    private OutpostConfig() {
    }

    /** The user's keys authentik does not read are refused: a typo would otherwise be stored and ignored. */
    static void requireKnown(String outpost, Iterable<String> keys) {
        for (var key : keys) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("outpost " + outpost + ": config key '" + key + "' is not one authentik reads, so it "
                        + "would be stored and ignored; use one of " + KEYS);
            }
        }
    }

    /**
     * The user's config with Citadel's own keys taken out: those that agree with Citadel's values are dropped (rendered
     * anyway), {@code kubernetes_replicas} and {@code log_level} come back through {@code effective}, anything else that
     * differs is refused naming the setting that decides it.
     */
    static Map<String, Object> userKeys(String outpost, Map<String, Object> config, String authentikHost, String namespace) {
        requireKnown(outpost, config.keySet());
        var rest = new LinkedHashMap<>(config);
        rest.remove("kubernetes_replicas");
        rest.remove("log_level");
        same(outpost, "authentik_host", rest.remove("authentik_host"), authentikHost, "authentikHost decides it");
        same(outpost, "kubernetes_namespace", rest.remove("kubernetes_namespace"), namespace,
                "the outpost runs in authentik's namespace, which the alerts and the Service references assume");
        same(outpost, "object_naming_template", rest.remove("object_naming_template"), OutpostNames.OBJECT_NAMING_TEMPLATE,
                "the outpost alerts select the Service this template names (seed 001: an alert on the wrong name never fired)");
        return rest;
    }

    /** {@code kubernetes_replicas} from the user's config, or {@code otherwise}. */
    static int replicas(String outpost, Map<String, Object> config, int otherwise) {
        var v = config.get("kubernetes_replicas");
        if (v == null) {
            return otherwise;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException("outpost " + outpost + ": config kubernetes_replicas '" + v + "' is not a whole number; "
                    + "give e.g. 2");
        }
        return n.intValue();
    }

    /** {@code log_level} from the user's config, or info. */
    static BlueprintObject.LogLevel logLevel(String outpost, Map<String, Object> config) {
        var v = config.get("log_level");
        if (v == null) {
            return BlueprintObject.LogLevel.INFO;
        }
        for (var level : BlueprintObject.LogLevel.values()) {
            if (BlueprintObject.yaml(level).equals(v)) {
                return level;
            }
        }
        throw new IllegalArgumentException("outpost " + outpost + ": config log_level '" + v + "' is not one of trace, debug, info, "
                + "warning, error; give info");
    }

    private static void same(String outpost, String key, Object given, Object citadels, String why) {
        if (given != null && !Objects.equals(given, citadels)) {
            throw new IllegalArgumentException("outpost " + outpost + ": config " + key + " '" + given + "' contradicts Citadel's '"
                    + citadels + "'; " + why + "; drop it from config");
        }
    }
}
