package dev.citadel.policy.rules;

import dev.citadel.policy.PolicyResource;
import dev.citadel.value.Prop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.citadel.policy.rules.PropReads.opaque;

/**
 * A Helm chart installed by the stack and the values it is given: Pulumi's
 * {@code kubernetes:helm.sh/v3:Release} and {@code kubernetes:helm.sh/v4:Chart}, and Flux's
 * {@code HelmRelease} (helm.toolkit.fluxcd.io).
 */
final class HelmValues {

    /**
     * @param chart   the chart as written ({@code authentik}, {@code goauthentik/authentik}, an OCI URL)
     * @param version the chart version; {@link Prop#NULL} when not pinned
     */
    record Release(PolicyResource resource, Prop chart, Prop version, Prop values) {

        /** The chart's own name, without repository or registry: {@code oci://ghcr.io/x/authentik} → {@code authentik}. */
        Optional<String> chartName() {
            return chart.string().map(c -> {
                var trimmed = c.strip().replaceAll("/+$", "");
                return trimmed.substring(trimmed.lastIndexOf('/') + 1);
            });
        }

        boolean isChart(String name) {
            return chartName().map(name::equalsIgnoreCase).orElse(false);
        }

        /** For messages: {@code Helm release authentik (chart authentik 2026.2.2)}. */
        String describe() {
            var v = PropReads.text(version).map(t -> " " + t).orElse("");
            return "Helm release " + resource.name() + " (chart " + chartName().orElse(PropReads.show(chart)) + v + ")";
        }
    }

    private HelmValues() {
    }

    /** The chart release a resource installs; empty for anything else. */
    static Optional<Release> of(PolicyResource r) {
        var type = r.type();
        if (type.startsWith("kubernetes:helm.sh/") && (type.endsWith(":Release") || type.endsWith(":Chart"))) {
            return Optional.of(new Release(r, r.get("chart"), r.get("version"), r.get("values")));
        }
        if (r.isKind("helm.toolkit.fluxcd.io", "HelmRelease")) {
            var chart = r.get("spec").get("chart").get("spec");
            return Optional.of(new Release(r, chart.get("chart"), chart.get("version"), r.get("spec").get("values")));
        }
        return Optional.empty();
    }

    /** The value at a dotted path ({@code global.image.tag}); {@link Prop#NULL} when absent. */
    static Prop at(Prop values, String path) {
        var v = values;
        for (var key : path.split("\\.")) {
            v = v.get(key);
        }
        return v;
    }

    /**
     * Every image the values name: a string under a key {@code image}, or a map under {@code image} with a
     * {@code tag}, {@code repository} or {@code registry} (Bitnami's {@code registry/repository:tag},
     * authentik's {@code global.image}). Values under {@code image} that are not known before deployment
     * come back with an unknown tag.
     */
    static List<Image> images(Prop values) {
        var out = new ArrayList<Image>();
        PropTree.walk(values, "values", (key, path, value) -> {
            if (!key.equals("image") || path.endsWith("]")) {
                return true;
            }
            if (opaque(value) || value instanceof Prop.Str) {
                out.add(Image.ofReference(path, value));
                return false;
            }
            if (isImageMap(value)) {
                out.add(fromMap(path, value));
                return false;
            }
            return true;
        });
        return out;
    }

    private static boolean isImageMap(Prop value) {
        return value instanceof Prop.Obj && (!value.get("tag").isNull() || !value.get("repository").isNull() || !value.get("registry").isNull());
    }

    private static Image fromMap(String where, Prop map) {
        var registry = map.get("registry");
        var repository = map.get("repository");
        Prop full = repository;
        if (opaque(registry) || opaque(repository)) {
            full = Prop.UNKNOWN;
        } else if (registry.string().filter(s -> !s.isBlank()).isPresent()) {
            full = new Prop.Str(registry.string().get().replaceAll("/+$", "") + "/" + repository.string().orElse(""));
        }
        return new Image(where, full, map.get("tag"), map.get("digest"), true);
    }

    /**
     * Every leaf under a map, by dotted path (lists and unknown values count as leaves), e.g.
     * {@code authentik.postgresql.conn_max_age}.
     */
    static Map<String, Prop> leaves(Prop node, String prefix) {
        var out = new LinkedHashMap<String, Prop>();
        PropTree.walk(node, prefix, (key, path, value) -> {
            if (value instanceof Prop.Obj) {
                return true;
            }
            out.put(path, value);
            return false;
        });
        return out;
    }
}
