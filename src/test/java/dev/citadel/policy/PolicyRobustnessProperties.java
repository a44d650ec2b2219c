package dev.citadel.policy;

import dev.citadel.policy.rules.PolicyPack;
import dev.citadel.provider.KubernetesObject;
import dev.citadel.value.Prop;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of random and malformed resources through every policy: no policy may throw (the engine
 * would report that as a "failed to run" violation, so any such message here is a crash), and the
 * fail-closed rule holds — hiding a deciding value behind "unknown" or "secret" never turns a
 * violating resource into a passing one.
 */
class PolicyRobustnessProperties {
    /** The Kubernetes kinds and Pulumi types the pack looks at, plus some it does not. */
    static final List<String[]> KINDS = List.of(
            new String[]{"external-secrets.io/v1", "ExternalSecret"},
            new String[]{"cert-manager.io/v1", "ClusterIssuer"},
            new String[]{"apps/v1", "Deployment"},
            new String[]{"apps/v1", "StatefulSet"},
            new String[]{"v1", "ConfigMap"},
            new String[]{"v1", "Secret"},
            new String[]{"rbac.authorization.k8s.io/v1", "ClusterRoleBinding"},
            new String[]{"barmancloud.cnpg.io/v1", "ObjectStore"},
            new String[]{"postgresql.cnpg.io/v1", "Cluster"},
            new String[]{"postgresql.cnpg.io/v1", "Pooler"},
            new String[]{"example.com/v1", "Widget"});
    static final List<String> TYPES = List.of(
            "kubernetes:helm.sh/v3:Release", "aws:rds/parameterGroup:ParameterGroup", "postgresql:index/role:Role",
            "pulumi:providers:postgresql", "vault:kv/secretV2:SecretV2", "random:index/randomPassword:RandomPassword");
    static final List<String> KEYS = List.of("spec", "metadata", "data", "values", "image", "tag", "name", "namespace",
            "containers", "template", "env", "refreshInterval", "dataFrom", "subjects", "roleRef", "configuration",
            "endpointURL", "retentionPolicy", "pgbouncer", "parameters", "global", "security", "superuser", "password",
            "sslmode", "family", "authentik", "existingSecret", "livenessProbe", "startupProbe", "plugins", "value");

    @Property(tries = 2000)
    void noPolicyCrashesOnAnyResource(@ForAll("resources") PolicyResource resource) {
        var violations = new PolicyEngine(PolicyPack.policies(), PackConfig.empty()).analyzeStack(List.of(resource));
        assertThat(violations).noneSatisfy(v -> assertThat(v.message()).contains("failed to run"));
    }

    @Property(tries = 300)
    void noStackPolicyCrashesOnAnyStack(@ForAll("stacks") List<PolicyResource> resources) {
        var violations = new PolicyEngine(PolicyPack.policies(), PackConfig.empty()).analyzeStack(resources);
        assertThat(violations).noneSatisfy(v -> assertThat(v.message()).contains("failed to run"));
    }

    /**
     * Per policy, over its violating fixture: every leaf whose change lets a reported resource pass (or
     * drop below its level) is a deciding leaf, and hiding that leaf as unknown, and as secret, must leave
     * that resource reported at least as strongly. Verdicts are kept per URN (the stack's own findings under
     * ""), so a fixture of a dozen resources cannot hide one resource that silently starts passing behind
     * the findings of the others; and every deciding leaf is hidden, not one picked at random.
     */
    @Property(generation = GenerationMode.EXHAUSTIVE)
    void hidingAnyDecidingLeafNeverTurnsAResourcesViolationIntoAPass(@ForAll("policyIds") String id) throws Exception {
        var policy = PolicyPack.policies().stream().filter(p -> p.info().id().equals(id)).findFirst().orElseThrow();
        var fixture = PolicyFixtures.load(id, "violating").orElseThrow();
        var baseline = verdicts(policy, fixture, fixture.resources());
        assertThat(baseline).as("%s: its violating fixture reports something", id).isNotEmpty();
        var candidates = alternatives(fixture.resources());
        var deciding = 0;
        for (int i = 0; i < fixture.resources().size(); i++) {
            var resource = fixture.resources().get(i);
            for (var path : PropPaths.leafPaths(resource.properties(), List.of())) {
                if (path.equals(List.of("apiVersion")) || path.equals(List.of("kind"))) {
                    // the resource's type, which the engine always knows (it is in the type token and URN)
                    continue;
                }
                var original = PropPaths.at(resource.properties(), path);
                var decides = new java.util.TreeSet<String>();
                for (var alternative : candidates) {
                    if (alternative.equals(original)) {
                        continue;
                    }
                    var changed = verdicts(policy, fixture, PropPaths.with(fixture.resources(), i, path, alternative));
                    baseline.forEach((urn, level) -> {
                        if (changed.getOrDefault(urn, 0) < level) {
                            decides.add(urn);
                        }
                    });
                }
                if (decides.isEmpty()) {
                    continue;
                }
                deciding++;
                // Marking a plaintext value secret is secrets-stay-secret's fix, not a way to hide it from the policy.
                var hiddenForms = id.equals("secrets-stay-secret") ? List.of(Prop.UNKNOWN) : List.of(Prop.UNKNOWN, new Prop.Secret(original));
                for (var hidden : hiddenForms) {
                    var after = verdicts(policy, fixture, PropPaths.with(fixture.resources(), i, path, hidden));
                    for (var urn : decides) {
                        assertThat(after.getOrDefault(urn, 0))
                                .as("%s: %s with %s of %s hidden as %s (0 = passes, 1 = advisory, 2 = mandatory)", id,
                                        urn.isEmpty() ? "the stack" : urn, String.join("/", path), resource.name(),
                                        hidden instanceof Prop.Secret ? "secret" : "unknown")
                                .isGreaterThanOrEqualTo(baseline.get(urn));
                    }
                }
            }
        }
        Statistics.label("deciding leaves").collect(id + "=" + deciding);
    }

    @Provide
    Arbitrary<String> policyIds() {
        return Arbitraries.of(PolicyPack.policies().stream().map(p -> p.info().id()).toList());
    }

    /** URN ("" for the stack) to the strongest level reported against it: 1 advisory, 2 mandatory. */
    static java.util.Map<String, Integer> verdicts(Policy policy, PolicyFixtures fixture, List<PolicyResource> resources) {
        var out = new TreeMap<String, Integer>();
        for (var v : PolicyFixturesTest.run(policy, new PolicyFixtures(fixture.config(), fixture.expect(), resources))) {
            out.merge(v.urn(), v.level() == EnforcementLevel.MANDATORY ? 2 : 1, Math::max);
        }
        return out;
    }

    /**
     * Values to put in a leaf to see whether it decides a verdict: absence, the scalars policies compare
     * against, and every scalar of the fixture itself (names and references that must match each other).
     */
    static List<Prop> alternatives(List<PolicyResource> resources) {
        var out = new java.util.LinkedHashSet<Prop>(List.of(Prop.NULL, new Prop.Bool(true), new Prop.Bool(false),
                new Prop.Num(0), new Prop.Num(1), new Prop.Num(300), new Prop.Num(100000)));
        for (var text : List.of("", "true", "false", "0", "1", "300", "0s", "1h", "when_required", "session", "transaction",
                "require", "disable", "latest", "99.0.0", "https://example.com", "http://example.com", "cluster-admin",
                "oidc:admin", "other")) {
            out.add(new Prop.Str(text));
        }
        for (var r : resources) {
            for (var path : PropPaths.leafPaths(r.properties(), List.of())) {
                out.add(PropPaths.at(r.properties(), path));
            }
        }
        return List.copyOf(out);
    }

    @Provide
    Arbitrary<PolicyResource> resources() {
        var k8s = Combinators.combine(Arbitraries.of(KINDS), props(4), Arbitraries.strings().alpha().ofMaxLength(12))
                .as((kind, body, name) -> {
                    var fields = new TreeMap<>(body instanceof Prop.Obj ? ((Prop.Obj) body).fields() : new TreeMap<String, Prop>());
                    fields.put("apiVersion", new Prop.Str(kind[0]));
                    fields.put("kind", new Prop.Str(kind[1]));
                    var type = KubernetesObject.typeToken(kind[0], kind[1]);
                    return new PolicyResource("urn:pulumi:s::p::" + type + "::" + name, type, name, new Prop.Obj(fields),
                            Optional.empty(), List.of());
                });
        var other = Combinators.combine(Arbitraries.of(TYPES), props(4), Arbitraries.strings().alpha().ofMaxLength(12))
                .as((type, body, name) -> new PolicyResource("urn:pulumi:s::p::" + type + "::" + name, type, name,
                        body instanceof Prop.Obj ? (Prop.Obj) body : new Prop.Obj(new TreeMap<>()), Optional.empty(), List.of()));
        return Arbitraries.oneOf(k8s, other);
    }

    @Provide
    Arbitrary<List<PolicyResource>> stacks() {
        return resources().list().ofMaxSize(12);
    }

    static Arbitrary<Prop> props(int depth) {
        Arbitrary<Prop> leaf = Arbitraries.oneOf(
                Arbitraries.just(Prop.NULL),
                Arbitraries.just(Prop.UNKNOWN),
                Arbitraries.of("latest", "1h", "0", "true", "when_required", "http://rustfs:9000", "oidc:admin",
                        "cluster-admin", "2026.2.2", "", "require", "disable", "session").map(Prop.Str::new),
                Arbitraries.strings().ofMaxLength(8).map(Prop.Str::new),
                Arbitraries.doubles().map(Prop.Num::new),
                Arbitraries.of(true, false).map(Prop.Bool::new));
        if (depth == 0) {
            return leaf;
        }
        var inner = Arbitraries.lazy(() -> props(depth - 1));
        var obj = Arbitraries.maps(Arbitraries.of(KEYS), inner).ofMaxSize(5).map(m -> (Prop) new Prop.Obj(new TreeMap<>(m)));
        var arr = inner.list().ofMaxSize(3).map(l -> (Prop) new Prop.Arr(l));
        var secret = inner.map(p -> (Prop) new Prop.Secret(p));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf), net.jqwik.api.Tuple.of(4, obj),
                net.jqwik.api.Tuple.of(2, arr), net.jqwik.api.Tuple.of(1, secret));
    }
}
