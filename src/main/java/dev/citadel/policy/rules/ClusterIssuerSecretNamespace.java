package dev.citadel.policy.rules;

import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.Findings;
import dev.citadel.policy.Policy;
import dev.citadel.policy.PolicyArgs;
import dev.citadel.policy.PolicyInfo;
import dev.citadel.policy.PolicyResource;
import dev.citadel.value.Prop;

import java.util.Locale;

import static dev.citadel.policy.rules.PropReads.items;
import static dev.citadel.policy.rules.PropReads.opaque;
import static dev.citadel.policy.rules.PropReads.show;

/**
 * Seed 003: the PowerDNS webhook of a ClusterIssuer had {@code apiKeySecretRef} without a namespace, so
 * the webhook looked for the secret in each Certificate's namespace (e.g. monitoring) instead of
 * cert-manager, where it was: "secret not found". A ClusterIssuer serves every namespace, so a webhook's
 * secret reference must say where the secret is.
 */
public final class ClusterIssuerSecretNamespace implements Policy.ResourcePolicy {
    static final PolicyInfo INFO = new PolicyInfo(
            "cluster-issuer-secret-namespace",
            "Secret references in a ClusterIssuer's DNS-01 webhook config must name their namespace",
            EnforcementLevel.MANDATORY,
            "Add namespace: <where the secret is> (usually cert-manager) to every *SecretRef under "
                    + "spec.acme.solvers[].dns01.webhook.config of the ClusterIssuer",
            "003");

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public void check(PolicyResource r, PolicyArgs args, Findings findings) {
        if (!r.isKind("cert-manager.io", "ClusterIssuer")) {
            return;
        }
        var solvers = r.get("spec").get("acme").get("solvers");
        if (opaque(solvers)) {
            findings.undecidable(r, "spec.acme.solvers");
            return;
        }
        var list = items(solvers);
        for (int i = 0; i < list.size(); i++) {
            var webhook = list.get(i).get("dns01").get("webhook");
            walk(r, webhook.get("config"), "spec.acme.solvers[" + i + "].dns01.webhook.config",
                    show(webhook.get("solverName")), findings);
        }
    }

    private void walk(PolicyResource r, Prop value, String path, String solver, Findings findings) {
        if (opaque(value)) {
            findings.undecidable(r, path);
        } else if (value instanceof Prop.Arr) {
            var list = ((Prop.Arr) value).items();
            for (int i = 0; i < list.size(); i++) {
                walk(r, list.get(i), path + "[" + i + "]", solver, findings);
            }
        } else if (value instanceof Prop.Obj) {
            ((Prop.Obj) value).fields().forEach((key, child) -> {
                if (key.toLowerCase(Locale.ROOT).endsWith("secretref") && child instanceof Prop.Obj) {
                    checkRef(r, child, path + "." + key, solver, findings);
                } else {
                    walk(r, child, path + "." + key, solver, findings);
                }
            });
        }
    }

    private static void checkRef(PolicyResource r, Prop ref, String path, String solver, Findings findings) {
        var namespace = ref.get("namespace");
        if (opaque(namespace)) {
            findings.undecidable(r, path + ".namespace");
            return;
        }
        if (namespace.string().map(String::isBlank).orElse(true)) {
            findings.violation(r, "ClusterIssuer " + r.objectName() + ": " + path + " (secret " + show(ref.get("name"))
                    + ", key " + show(ref.get("key")) + ", webhook solver " + solver + ") has no namespace, so the "
                    + "webhook looks for the secret in the namespace of each Certificate and fails with secret not "
                    + "found; add namespace: cert-manager (or wherever the secret is)");
        }
    }
}
