package dev.citadel.policy;

import dev.citadel.policy.rules.PolicyPack;
import dev.citadel.provider.KubernetesObject;
import dev.citadel.value.Prop;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

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

    @Property(tries = 1000)
    void hidingAValueNeverTurnsAViolationIntoAPass(@ForAll("policyIndex") int index, @ForAll("seeds") long seed) throws Exception {
        var policy = PolicyPack.policies().get(index % PolicyPack.policies().size());
        var fixture = PolicyFixtures.load(policy.info().id(), "violating").orElseThrow();
        var random = new java.util.Random(seed);
        var mutated = new ArrayList<PolicyResource>();
        for (var r : fixture.resources()) {
            var leaves = leafPaths(r.properties(), "");
            leaves.removeIf(p -> p.equals("apiVersion") || p.equals("kind"));
            if (leaves.isEmpty()) {
                mutated.add(r);
                continue;
            }
            var path = leaves.get(random.nextInt(leaves.size()));
            var hideAsSecret = random.nextBoolean();
            mutated.add(new PolicyResource(r.urn(), r.type(), r.name(),
                    (Prop.Obj) replace(r.properties(), path.split("/"), 0, hideAsSecret), r.parent(), r.dependencies()));
        }
        var hidden = new PolicyFixtures(fixture.config(), fixture.expect(), mutated);
        assertThat(PolicyFixturesTest.run(policy, hidden)).as("%s after hiding a value", policy.info().id()).isNotEmpty();
    }

    @Provide
    Arbitrary<Integer> policyIndex() {
        return Arbitraries.integers().between(0, 1000);
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
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

    static List<String> leafPaths(Prop p, String prefix) {
        var out = new ArrayList<String>();
        if (p instanceof Prop.Obj) {
            ((Prop.Obj) p).fields().forEach((k, v) -> out.addAll(leafPaths(v, prefix.isEmpty() ? k : prefix + "/" + k)));
        } else if (p instanceof Prop.Arr) {
            var items = ((Prop.Arr) p).items();
            for (int i = 0; i < items.size(); i++) {
                out.addAll(leafPaths(items.get(i), prefix + "/" + i));
            }
        } else if (!prefix.isEmpty()) {
            out.add(prefix);
        }
        return out;
    }

    static Prop replace(Prop p, String[] path, int at, boolean asSecret) {
        if (at == path.length) {
            return asSecret ? new Prop.Secret(p) : Prop.UNKNOWN;
        }
        if (p instanceof Prop.Obj) {
            var fields = new TreeMap<>(((Prop.Obj) p).fields());
            fields.put(path[at], replace(fields.get(path[at]), path, at + 1, asSecret));
            return new Prop.Obj(fields);
        }
        if (p instanceof Prop.Arr) {
            var items = new ArrayList<>(((Prop.Arr) p).items());
            int i = Integer.parseInt(path[at]);
            items.set(i, replace(items.get(i), path, at + 1, asSecret));
            return new Prop.Arr(items);
        }
        return p;
    }
}
