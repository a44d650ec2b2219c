package dev.citadel.policy.rules;

import dev.citadel.value.Prop;

import static dev.citadel.policy.rules.PropReads.opaque;

/**
 * A container image as a workload or chart values name it, split into repository, tag and digest.
 * Parts are {@link Prop}s because any of them may be unknown until deployment (or secret).
 *
 * @param where           where it was found, for messages ({@code container keycloak}, {@code values image})
 * @param repository      registry and repository, e.g. {@code quay.io/keycloak/keycloak}
 * @param tag             the tag; {@link Prop#NULL} or empty when none is given
 * @param digest          the digest ({@code sha256:...}); {@link Prop#NULL} or empty when none is given
 * @param tagFromChart    true for chart image values, where an empty tag means the chart's own pinned
 *                        default (its appVersion) rather than {@code latest}
 */
record Image(String where, Prop repository, Prop tag, Prop digest, boolean tagFromChart) {

    /** An image reference as a container spec writes it: {@code registry/repo[:tag][@digest]}. */
    static Image ofReference(String where, Prop reference) {
        if (opaque(reference) || reference.string().isEmpty()) {
            return new Image(where, reference, reference, Prop.NULL, false);
        }
        var ref = dev.citadel.contract.ImageFloor.Reference.parse(reference.string().get());
        return new Image(where, new Prop.Str(ref.repository()), ref.tag().<Prop>map(Prop.Str::new).orElse(Prop.NULL),
                ref.digest().<Prop>map(Prop.Str::new).orElse(Prop.NULL), false);
    }

    /** True when a digest pins the image, whatever its tag says. */
    boolean pinnedByDigest() {
        return PropReads.text(digest).map(d -> !d.isBlank()).orElse(false);
    }

    /** True when no tag is given (an empty chart tag included). */
    boolean untagged() {
        return tag.isNull() || PropReads.text(tag).map(String::isBlank).orElse(false);
    }

    /** The reference as people write it, for messages (unknown parts shown as such). */
    String display() {
        var out = new StringBuilder(PropReads.show(repository));
        if (!untagged()) {
            out.append(':').append(PropReads.show(tag));
        }
        if (pinnedByDigest()) {
            out.append('@').append(PropReads.show(digest));
        }
        return out.toString();
    }
}
