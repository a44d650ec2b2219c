package dev.citadel.policy.rules;

import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.Findings;
import dev.citadel.policy.Policy;
import dev.citadel.policy.PolicyArgs;
import dev.citadel.policy.PolicyInfo;
import dev.citadel.policy.PolicyResource;
import dev.citadel.value.Prop;

import java.util.Locale;
import java.util.Set;

import static dev.citadel.policy.rules.PropReads.opaque;

/**
 * Seed 004: to run a re-pushed {@code keycloak:latest} from a private ECR under the Bitnami chart, the
 * values turned on {@code global.security.allowInsecureImages: true}, switching off the chart's check
 * that it runs the images it was built for. Chart switches that accept unverified images or registries
 * without TLS verification are not allowed.
 */
public final class NoInsecureImages implements Policy.ResourcePolicy {
    /** Switches that are insecure wherever they are (Bitnami's global.security.allowInsecureImages). */
    static final Set<String> ANYWHERE = Set.of("allowinsecureimages");
    /** Switches that are insecure under image or registry settings. */
    static final Set<String> UNDER_IMAGE = Set.of("insecure", "insecureskiptlsverify", "skiptlsverify", "plainhttp");

    static final PolicyInfo INFO = new PolicyInfo(
            "no-insecure-images",
            "Chart values must not accept unverified images (allowInsecureImages) or skip TLS to image registries",
            EnforcementLevel.MANDATORY,
            "Remove the switch: run the images the chart is built for (mirror them under the same repository and tag), or use "
                    + "a chart made for the image you run; give private registries a trusted certificate instead of skipping TLS",
            "004");

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public void check(PolicyResource r, PolicyArgs args, Findings findings) {
        HelmValues.of(r).filter(release -> opaque(release.values())).ifPresent(release ->
                findings.undecidable(r, "the values of " + ResourceLabels.of(r) + " (they may turn image verification off)"));
        HelmValues.of(r).ifPresent(release -> PropTree.walk(release.values(), "values", (key, path, value) -> {
            var lower = key.toLowerCase(Locale.ROOT);
            if (path.endsWith("]") || !(ANYWHERE.contains(lower) || (UNDER_IMAGE.contains(lower) && underImage(path)))) {
                return true;
            }
            report(r, path, ANYWHERE.contains(lower), value, findings);
            return false;
        }));
    }

    private static boolean underImage(String path) {
        var parents = path.substring(0, Math.max(0, path.lastIndexOf('.'))).toLowerCase(Locale.ROOT);
        return parents.contains("image") || parents.contains("registry");
    }

    private static void report(PolicyResource r, String where, boolean verification, Prop value, Findings findings) {
        if (opaque(value)) {
            findings.undecidable(r, where + " of " + ResourceLabels.of(r));
            return;
        }
        var on = value instanceof Prop.Bool ? ((Prop.Bool) value).value()
                : PropReads.text(value).map(t -> t.strip().equalsIgnoreCase("true")).orElse(false);
        if (on) {
            findings.violation(r, ResourceLabels.of(r) + ": " + where + " is true, so the chart runs images it cannot vouch for"
                    + (verification ? " (its check that it runs the images it was built for is off)" : " (image pulls skip TLS verification)"));
        }
    }
}
