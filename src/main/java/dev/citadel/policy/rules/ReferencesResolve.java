package dev.citadel.policy.rules;

import dev.citadel.policy.ConfigParam;
import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.Findings;
import dev.citadel.policy.Policy;
import dev.citadel.policy.PolicyArgs;
import dev.citadel.policy.PolicyInfo;
import dev.citadel.policy.PolicyResource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every in-cluster reference resolves to something the stack renders, something a rendered object creates, or
 * something declared pre-installed. Seed 001's authentik pointed at {@code authentik-pooler-rw} while the Pooler was
 * {@code authentik-db-pooler-rw}; seed 004's ExternalSecrets named a ClusterSecretStore nobody had made ("manually
 * created missing ClusterSecretStore"); seed 003's ClusterIssuer read its Secret from a namespace it was not in. Each
 * time every tool said the stack was fine.
 *
 * <p>A miss in a namespace the stack writes to is a violation naming both ends. A reference into a namespace the stack
 * does not manage, or one where a chart Citadel does not model may create the object, is an advisory naming the
 * assumption. A name or namespace not known before deployment is undecidable, never a pass.
 */
public final class ReferencesResolve implements Policy.StackPolicy {
    public static final PolicyInfo INFO = new PolicyInfo(
            "references-resolve",
            "Every in-cluster reference (Service host, Secret, ConfigMap, secret store, CNPG cluster/object store, RBAC role, "
                    + "Keycloak) names something the stack renders, something a rendered object creates, or something "
                    + "declared pre-installed",
            EnforcementLevel.MANDATORY,
            "Point the reference at what the stack renders: pass the component's contract (CnpgCluster.connection(), "
                    + "VaultBackedSecret.ref(), realm.contract()) instead of a typed name. For something made outside this "
                    + "stack, declare it in references-resolve's preinstalled: 'Kind namespace/name', 'Kind */name' for every "
                    + "namespace, 'Kind name' when cluster-scoped",
            "001",
            List.of(new ConfigParam("preinstalled", "array",
                    "objects the cluster has before this stack runs, e.g. \"ClusterSecretStore vault-kv\", \"Secret "
                            + "storage/rustfs-backup\", \"Secret */rustfs-backup\" (Flux puts it in every namespace)")));

    private static final int CANDIDATES_SHOWN = 8;

    /** One dangling reference, with every place in its object that uses it. */
    public record Miss(PolicyResource from, String kind, String namespace, String name, List<String> where, Verdict verdict,
                       String message) {
    }

    /** How a reference nothing in the plan answers is reported. */
    public enum Verdict { DANGLING, ASSUMED, UNDECIDABLE }

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    /**
     * It reads the wrappers itself: a host it finds is a piece of a secret value (a DSN with a password in it), which
     * the engine's scrub of whole secret texts would print; it judges that piece and never prints it.
     */
    @Override
    public boolean readsSecretWrappers() {
        return true;
    }

    @Override
    public void check(List<PolicyResource> resources, PolicyArgs args, Findings findings) {
        for (var miss : misses(resources, args.strings("preinstalled"))) {
            if (miss.verdict() == Verdict.DANGLING) {
                findings.violation(miss.from(), miss.message());
            } else if (miss.verdict() == Verdict.ASSUMED) {
                findings.advisory(miss.from(), miss.message());
            } else {
                findings.undecidable(miss.from(), miss.message());
            }
        }
    }

    /**
     * The references nothing answers, one per object and target: the policy's findings, and what the in-program guard
     * refuses under {@code pulumi up} (dangling ones only).
     */
    public static List<Miss> misses(List<PolicyResource> resources, List<String> preinstalled) {
        var answers = Answers.of(resources, preinstalled);
        var grouped = new LinkedHashMap<String, List<References.Reference>>();
        var out = new ArrayList<Miss>();
        for (var ref : References.of(resources)) {
            if (PropReads.opaque(ref.name()) || PropReads.opaque(ref.namespace())) {
                // A host slot ({name: DATABASE_HOST, value: <unknown>}) is a value that may name a Service, not a Service name.
                var what = ref.kind().equals(References.ANY_KIND)
                        ? "What " + ref.where() + " of " + display(ref.from()) + " holds (it may name a " + ref.kind() + ")"
                        : ref.kind().equals("Service") && ref.written() == null && PropReads.opaque(ref.name())
                        ? "The value at " + ref.where() + " of " + display(ref.from()) + " (a host, which may be an in-cluster Service)"
                        : "The " + bare(ref.kind()) + (PropReads.opaque(ref.name()) ? " name" : " namespace") + " at " + ref.where()
                        + " of " + display(ref.from());
                out.add(new Miss(ref.from(), ref.kind(), "", "", List.of(ref.where()), Verdict.UNDECIDABLE, what));
                continue;
            }
            var name = PropReads.text(ref.name()).orElse("");
            var ns = PropReads.text(ref.namespace()).orElse("");
            if (name.isEmpty() || answers.answers(ref.kind(), ns, name) || builtIn(ref.kind(), name)) {
                continue;
            }
            grouped.computeIfAbsent(ref.from().urn() + "\u0000" + ref.kind() + "\u0000" + ns + "\u0000" + name,
                    k -> new ArrayList<>()).add(ref);
        }
        for (var refs : grouped.values()) {
            out.add(miss(refs, answers));
        }
        return out;
    }

    private static Miss miss(List<References.Reference> refs, Answers answers) {
        var first = refs.get(0);
        var kind = bare(first.kind());
        var ns = PropReads.text(first.namespace()).orElse("");
        var name = PropReads.text(first.name()).orElse("");
        var where = refs.stream().map(References.Reference::where).distinct().toList();
        var written = first.written() != null ? first.written() : name;
        var secret = first.secret();
        var target = kind + " " + (ns.isEmpty() ? name : ns + "/" + name);
        // Inside a secret value the target's name is part of the secret: say where, never what.
        var head = display(first.from()) + " (" + String.join(", ", where) + ") names "
                + (secret ? "a " + kind + " inside a value marked secret (not shown)" : written.equals(name) ? target : written + ", " + target);
        var declare = secret ? " declare what it names in references-resolve's preinstalled"
                : " declare '" + target + "' in references-resolve's preinstalled";
        var shown = secret ? "" : name;
        if (!ns.isEmpty() && !answers.manages(ns)) {
            return new Miss(first.from(), kind, secret ? "" : ns, shown, where, Verdict.ASSUMED, head + "; namespace " + (secret ? "it names" : ns)
                    + " is not one this stack writes to, so it is assumed to exist there. If it is made elsewhere," + declare
                    + " to record the assumption; if not, nothing will answer it");
        }
        var unknown = ns.isEmpty() ? Optional.<List<String>>empty() : answers.unknownCharts(ns);
        if (unknown.isPresent()) {
            return new Miss(first.from(), kind, secret ? "" : ns, shown, where, Verdict.UNDECIDABLE, "The chart of Helm release "
                    + String.join(", ", unknown.get()) + (secret ? "" : " in " + ns) + ", which may create what " + head + ",");
        }
        var charts = ns.isEmpty() ? Optional.<List<String>>empty() : answers.opaqueCharts(ns);
        if (charts.isPresent()) {
            return new Miss(first.from(), kind, secret ? "" : ns, shown, where, Verdict.ASSUMED, head + "; nothing the plan shows answers it, but "
                    + "chart " + String.join(", ", charts.get()) + " there may create it (Citadel does not model that chart's "
                    + "objects). If it does," + declare);
        }
        if (secret) {
            return new Miss(first.from(), kind, secret ? "" : ns, shown, where, Verdict.DANGLING, head + " that nothing the stack renders answers; "
                    + "check that value, or" + declare);
        }
        var candidates = answers.candidates(first.kind(), ns);
        var there = ns.isEmpty() ? "" : " in " + ns;
        var rendered = candidates.isEmpty() ? "the stack renders no " + kind + there
                : "the stack renders " + kind + " " + candidates.stream().limit(CANDIDATES_SHOWN).collect(Collectors.joining(", "))
                + (candidates.size() > CANDIDATES_SHOWN ? ", … (" + candidates.size() + " in all)" : "") + there;
        var fix = candidates.isEmpty() ? ". Render it in this stack, or, if it is made outside it,"
                : ". Name one of those (better: pass the component's contract instead of a typed name), or, if it is made outside "
                + "this stack,";
        return new Miss(first.from(), kind, ns, name, where, Verdict.DANGLING, head + "; nothing answers it: " + rendered + fix + declare);
    }

    /** How a reader finds the object: its kind and name (a Helm release by its release name, as helm list shows it). */
    static String display(PolicyResource r) {
        if (r.type().equals(References.RELEASE)) {
            return "Release " + PropReads.text(r.get("name")).orElse(r.name());
        }
        return r.kind() + " " + r.objectName();
    }

    private static boolean builtIn(String kind, String name) {
        return kind.equals("ClusterRole") && name.startsWith("system:");
    }

    private static String bare(String kind) {
        return kind.contains("/") ? kind.substring(kind.indexOf('/') + 1) : kind;
    }

}
