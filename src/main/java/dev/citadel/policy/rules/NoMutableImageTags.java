package dev.citadel.policy.rules;

import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.Findings;
import dev.citadel.policy.Policy;
import dev.citadel.policy.PolicyArgs;
import dev.citadel.policy.PolicyInfo;
import dev.citadel.policy.PolicyResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.citadel.policy.rules.PropReads.opaque;

/**
 * Seeds 004 and 001: Keycloak ran {@code quay.io/keycloak/keycloak:latest}, then
 * {@code public.ecr.aws/bitnami/keycloak:latest} re-pushed to ECR as {@code keycloak:latest}; every pull
 * could be a different build (an arm64 one broke the pods with "exec format error"). A tag that moves
 * makes the running version an accident.
 */
public final class NoMutableImageTags implements Policy.ResourcePolicy {
    static final PolicyInfo INFO = new PolicyInfo(
            "no-mutable-image-tags",
            "Container images and chart image values must pin a version tag or a digest, not latest or no tag",
            EnforcementLevel.MANDATORY,
            "Pin the version you tested: image: repo:26.1.1 (or repo@sha256:...); in chart values set image.tag "
                    + "(or global.image.tag) to that version, or leave it empty so the chart's own pinned appVersion is used",
            "004, 001");

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public void check(PolicyResource r, PolicyArgs args, Findings findings) {
        var images = new ArrayList<Image>();
        var pod = PodSpecs.of(r);
        var release = HelmValues.of(r);
        if (pod.isPresent()) {
            PodSpecs.unreadable(pod.get()).ifPresent(what -> findings.undecidable(r, what + " of " + ResourceLabels.of(r)));
            PodSpecs.containers(pod.get()).forEach(c -> images.add(c.image()));
        } else if (release.isPresent()) {
            if (opaque(release.get().values())) {
                findings.undecidable(r, "the values of " + ResourceLabels.of(r));
            }
            images.addAll(HelmValues.images(release.get().values()));
        }
        check(r, images, findings);
    }

    private static void check(PolicyResource r, List<Image> images, Findings findings) {
        for (var image : images) {
            if (image.pinnedByDigest()) {
                continue;
            }
            if (opaque(image.tag()) || opaque(image.digest())) {
                findings.undecidable(r, "the image tag of " + image.where() + " in " + ResourceLabels.of(r));
                continue;
            }
            if (image.untagged() && !image.tagFromChart()) {
                findings.violation(r, ResourceLabels.of(r) + ": " + image.where() + " runs " + image.display()
                        + " with no tag, which pulls whatever 'latest' is at the time; pin a version tag or a digest");
            } else if (PropReads.text(image.tag()).map(t -> t.strip().toLowerCase(Locale.ROOT).equals("latest")).orElse(false)) {
                findings.violation(r, ResourceLabels.of(r) + ": " + image.where() + " runs " + image.display()
                        + "; 'latest' is a different build whenever it is pulled again; pin a version tag or a digest");
            }
        }
    }
}
