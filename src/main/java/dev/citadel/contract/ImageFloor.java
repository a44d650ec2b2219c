package dev.citadel.contract;

import java.util.Optional;

/**
 * The downgrade floor of a workload Citadel pins, as the component renders it and {@code no-image-downgrade} reads it
 * (the analyzer sees resource inputs only, so the floor travels on the Deployment's own annotations, set through the
 * chart's {@code <component>.deploymentAnnotations}). Seed 001: the chart pin 2026.2.2 rolled back the 2026.2.4 Keel had
 * rolled out, against a database 2026.2.4 had already migrated.
 */
public final class ImageFloor {
    /** The tag the Deployment ran when the plan was made, read from the cluster; absent when it was not read. */
    public static final String LIVE_TAG_ANNOTATION = "citadel.dev/live-image-tag";
    /** The floor typed in the stack ({@code imageFloor}). */
    public static final String TYPED_FLOOR_ANNOTATION = "citadel.dev/image-floor";

    private ImageFloor() {
    }

    /** An image reference split as a container spec writes it: {@code registry[:port]/repo[:tag][@digest]}. */
    public record Reference(String repository, Optional<String> tag, Optional<String> digest) {
        public static Reference parse(String image) {
            var ref = image.strip();
            Optional<String> digest = Optional.empty();
            var at = ref.indexOf('@');
            if (at >= 0) {
                digest = Optional.of(ref.substring(at + 1));
                ref = ref.substring(0, at);
            }
            Optional<String> tag = Optional.empty();
            var colon = ref.lastIndexOf(':');
            if (colon > ref.lastIndexOf('/')) {
                tag = Optional.of(ref.substring(colon + 1));
                ref = ref.substring(0, colon);
            }
            return new Reference(ref, tag, digest);
        }
    }
}
