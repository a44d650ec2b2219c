package dev.citadel.policy.rules;

import dev.citadel.contract.Versions;
import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.Findings;
import dev.citadel.policy.Policy;
import dev.citadel.policy.PolicyArgs;
import dev.citadel.policy.PolicyInfo;
import dev.citadel.policy.PolicyResource;
import dev.citadel.provider.Plugin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Issue 19: a consumer's own typed {@code ConfigMap} registered with the Java SDK's kubernetes plugin (4.0.0) and
 * Citadel's resources with the pinned 4.34.2, so one stack ran two kubernetes providers. Each version is a provider
 * of its own (its own default provider, its own config, its own schema); moving a resource from one to the other
 * later is a provider change the engine may answer with a replacement. A stack names one version per package.
 */
public final class OnePluginVersionPerPackage implements Policy.StackPolicy {
    static final PolicyInfo INFO = new PolicyInfo(
            "one-plugin-version-per-package",
            "Every resource of a package runs on one provider plugin version: two versions of one plugin in a stack are two providers",
            EnforcementLevel.MANDATORY,
            "Register your own resources with the version Citadel pins: pass Plugin.KUBERNETES.options() (dev.citadel.provider.Plugin; "
                    + "Plugin.KUBERNETES.pin(yourOptions) keeps options of your own) as their options, and likewise VAULT, RANDOM, "
                    + "POSTGRESQL, KEYCLOAK; for a package Citadel does not pin, give every resource the same version option",
            "all");

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public void check(List<PolicyResource> resources, PolicyArgs args, Findings findings) {
        // package -> version -> the resources on it; the stack and provider instances are not resources of a package.
        var byPackage = new TreeMap<String, TreeMap<String, List<PolicyResource>>>();
        for (var r : resources) {
            if (r.pluginVersion().isEmpty() || r.type().startsWith("pulumi:") || r.type().indexOf(':') < 1) {
                continue;
            }
            var pkg = r.type().substring(0, r.type().indexOf(':'));
            byPackage.computeIfAbsent(pkg, k -> new TreeMap<>(OnePluginVersionPerPackage::byVersion))
                    .computeIfAbsent(r.pluginVersion().get(), k -> new ArrayList<>()).add(r);
        }
        byPackage.forEach((pkg, versions) -> {
            if (versions.size() > 1) {
                findings.stackViolation(message(pkg, versions));
            }
        });
    }

    private static String message(String pkg, Map<String, List<PolicyResource>> versions) {
        var each = new ArrayList<String>();
        versions.forEach((version, on) -> {
            var first = on.stream().min(Comparator.comparing(PolicyResource::urn)).orElseThrow();
            each.add(version + " (" + first.type() + " '" + first.name() + "'"
                    + (on.size() > 1 ? " and " + (on.size() - 1) + " more" : "") + ")");
        });
        var pinned = Arrays.stream(Plugin.values()).filter(p -> p.pkg().equals(pkg)).findFirst();
        return "the " + pkg + " plugin runs in " + versions.size() + " versions in this stack: " + String.join(", ", each)
                + "; each is a provider of its own" + pinned.map(p -> ". Citadel pins " + pkg + " " + p.version()
                + ": give your own resources Plugin." + p.name() + ".options()").orElse("");
    }

    /** Oldest first, as versions order; text that is not a version after them. */
    private static int byVersion(String a, String b) {
        var x = Versions.parse(a);
        var y = Versions.parse(b);
        if (x.isPresent() && y.isPresent()) {
            var c = Versions.compare(x.get(), y.get());
            if (c != 0) {
                return c;
            }
        } else if (x.isPresent() != y.isPresent()) {
            return x.isPresent() ? -1 : 1;
        }
        return a.compareTo(b);
    }
}
