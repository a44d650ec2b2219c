package dev.citadel.policy.rules;

import dev.citadel.contract.ImageFloor;
import dev.citadel.contract.Versions;
import dev.citadel.policy.ConfigParam;
import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.Findings;
import dev.citadel.policy.Policy;
import dev.citadel.policy.PolicyArgs;
import dev.citadel.policy.PolicyInfo;
import dev.citadel.policy.PolicyResource;
import dev.citadel.value.Prop;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static dev.citadel.policy.rules.PropReads.opaque;

/**
 * Seed 001: the authentik chart pin (2026.2.2) silently downgraded the Keel-managed live image
 * (2026.2.4) against a database already migrated by 2026.2.4; the boot storm took authentik down for
 * ~50 minutes. Nothing may deploy below a floor: the tag an authentik release's Deployment ran when the plan was made
 * and its typed imageFloor (both carried on the release's Deployment annotations, {@link ImageFloor}), and the versions
 * the stack config records for charts and images ({@code floors}).
 */
public final class NoImageDowngrade implements Policy.ResourcePolicy {
    static final PolicyInfo INFO = new PolicyInfo(
            "no-image-downgrade",
            "Chart versions and image tags must not be lower than the floor configured for the stack (the live version)",
            EnforcementLevel.MANDATORY,
            "Pin the chart and image at or above the live version (for authentik also set global.image.tag to the live tag, "
                    + "e.g. the one Keel rolled out); if a downgrade is really intended, restore the database first and lower the floor",
            "001",
            List.of(new ConfigParam("floors", "object",
                    "chart name or image repository (e.g. authentik, ghcr.io/goauthentik/server; goauthentik/server matches any registry) "
                            + "to the lowest version allowed, usually the live one")));

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public void check(PolicyResource r, PolicyArgs args, Findings findings) {
        var release = HelmValues.of(r);
        release.filter(rel -> rel.isChart(AuthentikChart.CHART)).ifPresent(rel -> checkCarriedFloors(rel, findings));
        var floors = args.stringMap("floors");
        if (floors.isEmpty()) {
            return;
        }
        var pod = PodSpecs.of(r);
        if (pod.isPresent()) {
            PodSpecs.containers(pod.get()).forEach(c -> checkImage(r, c.image(), floors, findings));
        } else if (release.isPresent() && opaque(release.get().chart())) {
            // A chart not known before deployment may be any with a floor (or authentik, whose default image
            // follows the chart version): if read as one of them it would be reported, it cannot pass.
            var rel = release.get();
            var candidates = new java.util.TreeSet<String>(List.of(AuthentikChart.CHART));
            floors.keySet().stream().filter(k -> !k.contains("/")).forEach(candidates::add);
            for (var chart : candidates) {
                var asChart = new Findings();
                checkRelease(r, new HelmValues.Release(rel.resource(), new Prop.Str(chart), rel.version(), rel.values()), floors, asChart);
                if (!asChart.isEmpty()) {
                    findings.undecidable(r, "the chart of " + ResourceLabels.of(r) + " (as " + chart + " it would be below its floor)");
                    return;
                }
            }
            checkRelease(r, rel, floors, findings);
        } else if (release.isPresent()) {
            checkRelease(r, release.get(), floors, findings);
        }
    }

    private static void checkRelease(PolicyResource r, HelmValues.Release rel, Map<String, String> floors, Findings findings) {
        rel.chartName().flatMap(chart -> floor(floors, chart, false))
                .ifPresent(floor -> compare(r, "chart version", rel.version(), floor, findings));
        var images = new ArrayList<Image>();
        var values = HelmValues.images(rel.values());
        if (rel.isChart(AuthentikChart.CHART)) {
            values.replaceAll(image -> AuthentikChart.withRepository(rel, image));
            AuthentikChart.defaultImage(rel).ifPresent(images::add);
        }
        images.addAll(values);
        for (var image : images) {
            checkImage(r, image, floors, findings);
        }
    }

    private static void checkImage(PolicyResource r, Image image, Map<String, String> floors, Findings findings) {
        if (opaque(image.repository())) {
            findings.undecidable(r, "the image of " + image.where() + " in " + ResourceLabels.of(r) + " (it may be one with a floor)");
            return;
        }
        var floor = image.repository().string().flatMap(repo -> floor(floors, repo, true));
        if (floor.isEmpty() || image.untagged() || PropReads.text(image.tag()).orElse("").equalsIgnoreCase("latest")) {
            // No floor, or no version to compare: no-mutable-image-tags reports latest and untagged images.
            return;
        }
        compare(r, image.where() + " (" + PropReads.show(image.repository()) + ") tag", image.tag(), floor.get(), findings);
    }

    private static void compare(PolicyResource r, String what, Prop version, Floor floor, Findings findings) {
        if (version.isNull()) {
            return;
        }
        if (opaque(version)) {
            findings.undecidable(r, "the " + what + " of " + ResourceLabels.of(r));
            return;
        }
        var shown = PropReads.text(version).orElse("");
        var below = Versions.isBelow(shown, floor.version());
        if (below.isEmpty()) {
            findings.violation(r, ResourceLabels.of(r) + ": " + what + " " + shown + " cannot be compared with the floor "
                    + floor.version() + " for " + floor.key() + "; use a version number");
        } else if (below.get()) {
            findings.violation(r, ResourceLabels.of(r) + ": " + what + " " + shown + " is below the floor " + floor.version()
                    + " for " + floor.key() + " (the live version): deploying it is a downgrade against data already migrated by "
                    + floor.version());
        }
    }

    /**
     * The floors the release carries on each component's Deployment annotations, as AuthentikRelease renders them: the
     * tag the Deployment ran when the plan was made (read from the cluster), and the typed imageFloor.
     */
    private static void checkCarriedFloors(HelmValues.Release rel, Findings findings) {
        var r = rel.resource();
        for (var component : AuthentikChart.COMPONENTS) {
            var annotations = HelmValues.at(rel.values(), component + ".deploymentAnnotations");
            var live = annotations.get(ImageFloor.LIVE_TAG_ANNOTATION);
            var typed = annotations.get(ImageFloor.TYPED_FLOOR_ANNOTATION);
            if (live.isNull() && typed.isNull()) {
                continue;
            }
            var pin = AuthentikChart.tagOf(rel, component);
            if (opaque(pin) || opaque(live) || opaque(typed)) {
                findings.undecidable(r, "the tag or floor of authentik '" + component + "' in " + ResourceLabels.of(r));
                continue;
            }
            var shown = PropReads.text(pin).orElse("");
            var label = ResourceLabels.of(r) + ": authentik '" + component + "'";
            PropReads.text(live).ifPresent(tag -> judge(r, shown, tag, findings, label + " runs " + tag + " live; the pin " + shown
                    + " would downgrade it (seed 001: a chart pin below the tag Keel had rolled out took authentik down against a "
                    + "database already migrated). Raise imageTag to at least " + tag));
            PropReads.text(typed).ifPresent(floor -> judge(r, shown, floor, findings, label + " is pinned to " + shown
                    + ", below its imageFloor " + floor + ": deploying it is a downgrade against data already migrated by " + floor));
        }
    }

    private static void judge(PolicyResource r, String pin, String floor, Findings findings, String belowMessage) {
        var below = Versions.isBelow(pin, floor);
        if (below.isEmpty()) {
            findings.violation(r, ResourceLabels.of(r) + ": the authentik tag '" + pin + "' cannot be compared with the floor "
                    + floor + "; pin a version number");
        } else if (below.get()) {
            findings.violation(r, belowMessage);
        }
    }

    private record Floor(String key, String version) {
    }

    /** The floor for a chart name, or for an image repository (a key with a '/' may leave out the registry). */
    private static Optional<Floor> floor(Map<String, String> floors, String name, boolean repository) {
        var lower = name.toLowerCase(Locale.ROOT);
        for (var e : floors.entrySet()) {
            var key = e.getKey().toLowerCase(Locale.ROOT);
            if (key.equals(lower) || (repository && key.contains("/") && lower.endsWith("/" + key))) {
                return Optional.of(new Floor(e.getKey(), e.getValue()));
            }
        }
        return Optional.empty();
    }
}
