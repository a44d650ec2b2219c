package dev.citadel.authentik;

import com.pulumi.exceptions.RunException;
import dev.citadel.contract.AuthentikChartKeys;
import dev.citadel.contract.ImageFloor;
import dev.citadel.contract.Versions;

import javax.annotation.Nullable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live tag as the floor (seed 001): Keel had rolled authentik out to 2026.2.4 while the chart pin still said
 * 2026.2.2, and the next unrelated apply rolled it back against a database 2026.2.4 had migrated. The release reads the
 * server and worker Deployments the chart made and refuses a pin below the tag either runs; the tag read travels on the
 * Deployment's annotations ({@link ImageFloor}) so {@code no-image-downgrade} judges with the same floor.
 */
final class LiveFloor {
    /** A Deployment the chart renders, and the container in it that runs authentik's image. */
    record Workload(String component, String namespace, String deployment, String container) {
        String id() {
            return namespace + "/" + deployment;
        }
    }

    private LiveFloor() {
    }

    /**
     * The chart's names for server and worker: {@code <fullname>-<component name>}, where fullname is the release name
     * when it contains the chart name ({@code authentik}) and {@code <release>-authentik} otherwise, unless overridden.
     */
    static List<Workload> workloads(AuthentikReleaseArgs args) {
        var values = args.chartValues();
        var fullname = first(values, "global.fullnameOverride", "fullnameOverride").orElseGet(() -> {
            var name = first(values, "global.nameOverride", "nameOverride").orElse(AuthentikChartKeys.CHART);
            return args.releaseName().contains(name) ? args.releaseName() : args.releaseName() + "-" + name;
        });
        var out = new ArrayList<Workload>();
        for (var component : AuthentikChartKeys.COMPONENTS) {
            var container = first(values, component + ".name").orElse(component);
            out.add(new Workload(component, args.namespace(), trim(trim(fullname) + "-" + container), container));
        }
        return out;
    }

    /**
     * The tag {@code workload} runs, from the spec the read returned; empty when no object was read (a first install,
     * or a plan without live tags).
     */
    static Optional<String> liveTag(Workload workload, @Nullable Map<String, Object> spec, String pin) {
        if (spec == null) {
            return Optional.empty();
        }
        var image = containers(spec).stream()
                .filter(c -> workload.container().equals(c.get("name")))
                .map(c -> c.get("image")).filter(String.class::isInstance).map(String.class::cast).findFirst();
        if (image.isEmpty()) {
            throw refused("authentik '" + workload.component() + "' (Deployment " + workload.id() + ") runs no container named '"
                    + workload.container() + "' with an image, so the pin " + pin + " cannot be checked against what runs (seed 001); "
                    + "if the chart's names changed, set " + workload.component() + ".name to the container's name");
        }
        var tag = ImageFloor.Reference.parse(image.get()).tag();
        if (tag.isEmpty() || Versions.parse(tag.get()).isEmpty()) {
            throw refused("authentik '" + workload.component() + "' runs " + image.get() + " live, whose tag is no version the pin "
                    + pin + " can be compared with (seed 001: a pin below the live tag rolled authentik back against a migrated "
                    + "database); pin the Deployment to a version tag first (kubectl -n " + workload.namespace() + " set image deployment/"
                    + workload.deployment() + " " + workload.container() + "=<image>:<version it runs>)");
        }
        if (Versions.compare(Versions.parse(pin).orElseThrow(), Versions.parse(tag.get()).orElseThrow()) < 0) {
            throw refused("authentik '" + workload.component() + "' runs " + tag.get() + " live; the pin " + pin + " would downgrade it "
                    + "(seed 001: the chart pin 2026.2.2 rolled back the 2026.2.4 Keel had rolled out, against a database 2026.2.4 had "
                    + "migrated, and authentik was down for 50 minutes). Raise imageTag to at least " + tag.get());
        }
        return tag;
    }

    /** The values with each live tag read on its Deployment's annotations, where no-image-downgrade reads it. */
    @SuppressWarnings("unchecked")
    /** What one live read gave: its tag, or the refusal, kept until every read is in (see {@link #annotate}). */
    record Read(Optional<String> tag, @Nullable RuntimeException refusal) {
        static Read of(Workload workload, @Nullable Map<String, Object> spec, String pin) {
            try {
                return new Read(liveTag(workload, spec, pin), null);
            } catch (RuntimeException e) {
                return new Read(Optional.empty(), e);
            }
        }
    }

    /**
     * The values with each live tag beside its floor. The reads resolve in any order; the refusal reported is the first
     * workload's (server before worker), so the same stack fails with the same line on every run.
     */
    static Map<String, Object> annotate(Map<String, Object> values, List<Workload> workloads, List<Read> reads) {
        for (var read : reads) {
            if (read.refusal() != null) {
                throw read.refusal();
            }
        }
        var out = new LinkedHashMap<>(values);
        for (int i = 0; i < workloads.size(); i++) {
            var tag = reads.get(i).tag();
            if (tag.isEmpty()) {
                continue;
            }
            var component = new LinkedHashMap<>((Map<String, Object>) out.get(workloads.get(i).component()));
            var annotations = new LinkedHashMap<>((Map<String, Object>) component.getOrDefault("deploymentAnnotations", Map.of()));
            annotations.put(ImageFloor.LIVE_TAG_ANNOTATION, tag.get());
            component.put("deploymentAnnotations", annotations);
            out.put(workloads.get(i).component(), component);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> containers(Map<String, Object> spec) {
        if (spec.get("template") instanceof Map<?, ?> template && template.get("spec") instanceof Map<?, ?> pod
                && pod.get("containers") instanceof List<?> list) {
            return list.stream().filter(Map.class::isInstance).map(c -> (Map<String, Object>) c).toList();
        }
        return List.of();
    }

    private static Optional<String> first(Map<String, Object> values, String... paths) {
        for (var path : paths) {
            if (values.get(path) instanceof String s && !s.isBlank()) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Helm's {@code trunc 63 | trimSuffix "-"}. */
    private static String trim(String name) {
        var cut = name.length() > 63 ? name.substring(0, 63) : name;
        return cut.endsWith("-") ? cut.substring(0, cut.length() - 1) : cut;
    }

    /**
     * A refusal raised while the read resolves: one line under the engine (the SDK prints a {@link RunException}'s
     * message alone), and a user error for {@code citadel plan}, which unwraps it to the cause.
     */
    private static RuntimeException refused(String message) {
        return new RunException(message, new IllegalArgumentException(message));
    }
}
