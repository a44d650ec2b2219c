package dev.citadel.policy.rules;

import dev.citadel.contract.AuthentikChartKeys;
import dev.citadel.value.Prop;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the goauthentik/helm chart ({@code authentik}) does with its values, from its values.yaml and
 * templates: its image defaults to {@code ghcr.io/goauthentik/server} at the chart's appVersion, which
 * is the chart version; its probes' defaults; and how {@code authentik.*} becomes {@code AUTHENTIK_*} env.
 */
final class AuthentikChart {
    static final String CHART = AuthentikChartKeys.CHART;
    static final String DEFAULT_REPOSITORY = AuthentikChartKeys.DEFAULT_REPOSITORY;
    /** The chart's components with their own pods and probes. */
    static final List<String> COMPONENTS = AuthentikChartKeys.COMPONENTS;

    static final Set<String> READ_WITH_EXISTING_SECRET = AuthentikChartKeys.READ_WITH_EXISTING_SECRET;
    static final String EXISTING_SECRET = AuthentikChartKeys.EXISTING_SECRET;
    static final Map<String, Long> LIVENESS_DEFAULTS = AuthentikChartKeys.LIVENESS_DEFAULTS;

    private AuthentikChart() {
    }

    /**
     * The image the pods run when the values leave the tag empty: the chart's appVersion, which for this
     * chart is the chart version. Empty when the values set a tag or digest, or the chart is not pinned.
     */
    static Optional<Image> defaultImage(HelmValues.Release release) {
        var global = HelmValues.at(release.values(), "global.image");
        var tag = global.get("tag");
        var digest = global.get("digest");
        if (!emptyOrAbsent(tag) || !emptyOrAbsent(digest) || release.version().isNull()) {
            return Optional.empty();
        }
        var repository = global.get("repository");
        return Optional.of(new Image("chart default image (appVersion = chart version)",
                emptyOrAbsent(repository) ? new Prop.Str(DEFAULT_REPOSITORY) : repository, release.version(), Prop.NULL, false));
    }

    /**
     * The image with the chart's repository filled in where the values leave it empty
     * ({@code server.image.repository: ""} means {@code global.image.repository}, then the default).
     */
    static Image withRepository(HelmValues.Release release, Image image) {
        if (!emptyOrAbsent(image.repository())) {
            return image;
        }
        var global = HelmValues.at(release.values(), "global.image.repository");
        return new Image(image.where(), emptyOrAbsent(global) ? new Prop.Str(DEFAULT_REPOSITORY) : global,
                image.tag(), image.digest(), image.tagFromChart());
    }

    /**
     * The tag a component's pods run: its own {@code <component>.image.tag}, else {@code global.image.tag}, else the
     * chart version (the chart's appVersion); {@link Prop#NULL} when none is known.
     */
    static Prop tagOf(HelmValues.Release release, String component) {
        for (var path : List.of(component + ".image.tag", "global.image.tag")) {
            var tag = HelmValues.at(release.values(), path);
            if (!emptyOrAbsent(tag)) {
                return tag;
            }
        }
        return release.version();
    }

    /** The env variable the chart would have made of a value: {@code authentik.postgresql.conn_max_age} → {@code AUTHENTIK_POSTGRESQL__CONN_MAX_AGE}. */
    static String envName(String valuePath) {
        return "AUTHENTIK_" + valuePath.substring("authentik.".length()).replace(".", "__").toUpperCase(Locale.ROOT);
    }

    private static boolean emptyOrAbsent(Prop value) {
        return value.isNull() || value.string().map(String::isBlank).orElse(false);
    }
}
