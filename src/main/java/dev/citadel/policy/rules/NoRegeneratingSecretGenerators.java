package dev.citadel.policy.rules;

import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.Findings;
import dev.citadel.policy.Policy;
import dev.citadel.policy.PolicyArgs;
import dev.citadel.policy.PolicyInfo;
import dev.citadel.policy.PolicyResource;
import dev.citadel.value.Prop;

/**
 * Seed 003: ExternalSecrets fed by a Password generator with a refresh interval made a new value every
 * 1–24 h; PowerDNS, authentik and its database kept the old one and broke. A generator is only safe when
 * it runs once ({@code refreshPolicy: CreatedOnce} or {@code refreshInterval: 0}).
 */
public final class NoRegeneratingSecretGenerators implements Policy.ResourcePolicy {
    static final PolicyInfo INFO = new PolicyInfo(
            "no-regenerating-secret-generators",
            "ExternalSecrets must not take values from a generator that runs again on every refresh",
            EnforcementLevel.MANDATORY,
            "Generate the value once and keep it in Vault (Citadel's VaultBackedSecret), reading it with "
                    + "remoteRef; or set refreshPolicy: CreatedOnce on the ExternalSecret",
            "003");

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public void check(PolicyResource r, PolicyArgs args, Findings findings) {
        if (!r.isKind("external-secrets.io", "ExternalSecret")) {
            return;
        }
        var spec = r.get("spec");
        for (var list : java.util.List.of("dataFrom", "data")) {
            if (PropReads.items(spec.get(list)).stream().anyMatch(PropReads::opaque)) {
                // A generator behind an unknown entry regenerates as surely as a known one (seed 003).
                findings.undecidable(r, "spec." + list + " of ExternalSecret " + r.objectName() + " (it may take a generator)");
                return;
            }
        }
        var generators = new java.util.ArrayList<String>();
        collectGenerators(spec.get("dataFrom"), generators);
        collectGenerators(spec.get("data"), generators);
        if (generators.isEmpty()) {
            return;
        }
        var refreshPolicy = spec.get("refreshPolicy");
        if (refreshPolicy instanceof Prop.Unknown || refreshPolicy instanceof Prop.Secret) {
            findings.undecidable(r, "spec.refreshPolicy");
            return;
        }
        if (refreshPolicy.string().filter("CreatedOnce"::equals).isPresent()) {
            return;
        }
        var intervalProp = spec.get("refreshInterval");
        if (intervalProp instanceof Prop.Unknown || intervalProp instanceof Prop.Secret) {
            findings.undecidable(r, "spec.refreshInterval");
            return;
        }
        // ESO's default refresh is 1h when the field is absent.
        var interval = intervalProp.string().orElse("1h");
        if (interval.matches("0+(\\.0+)?(ns|us|µs|ms|s|m|h)?")) {
            return;
        }
        findings.violation(r, "ExternalSecret " + r.objectName() + " takes " + String.join(", ", generators)
                + " from a generator and refreshes every " + interval
                + ": each refresh makes a new value, and whatever consumed the old one breaks");
    }

    private static void collectGenerators(Prop entries, java.util.List<String> out) {
        if (!(entries instanceof Prop.Arr)) {
            return;
        }
        for (var entry : ((Prop.Arr) entries).items()) {
            var ref = entry.get("sourceRef").get("generatorRef");
            if (!ref.isNull()) {
                out.add(ref.get("kind").string().orElse("a generator") + " " + ref.get("name").string().orElse(""));
            }
        }
    }
}
