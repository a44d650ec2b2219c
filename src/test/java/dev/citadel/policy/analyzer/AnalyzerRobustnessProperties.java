package dev.citadel.policy.analyzer;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.citadel.policy.rules.PolicyPack;
import io.grpc.stub.StreamObserver;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import pulumirpc.AnalyzerOuterClass.AnalyzeRequest;
import pulumirpc.AnalyzerOuterClass.AnalyzeResponse;
import pulumirpc.AnalyzerOuterClass.AnalyzeStackRequest;
import pulumirpc.AnalyzerOuterClass.AnalyzerResource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and malformed engine payloads straight into the analyzer service: broken signature objects,
 * secrets without values, unknowns where objects belong, deep nesting. The service must always answer
 * (never fail the RPC, which would abort the user's preview) and every diagnostic must be well-formed;
 * no policy may crash ("failed to run").
 */
class AnalyzerRobustnessProperties {
    static final String SIG = "4dabf18193072939515e22adb298388d";
    static final List<String> SIGS = List.of("1b47061264138c4ac30d75fd1eb44270", "d0e6a833031e9bbcd3f4e8bde6ca49a4",
            "5cf8f73096256a8f31e491e813e4eb8e", "c44067f5952c0a294b673a41bacd8c17", "not-a-signature");
    static final List<String> TYPES = List.of("kubernetes:external-secrets.io/v1:ExternalSecret", "kubernetes:apps/v1:Deployment",
            "kubernetes:barmancloud.cnpg.io/v1:ObjectStore", "kubernetes:postgresql.cnpg.io/v1:Pooler",
            "kubernetes:helm.sh/v3:Release", "kubernetes:core/v1:Secret", "aws:rds/parameterGroup:ParameterGroup",
            "postgresql:index/role:Role", "pulumi:providers:postgresql", "vault:kv/secretV2:SecretV2", "x:y:Z", "");
    static final List<String> KEYS = List.of("apiVersion", "kind", "metadata", "spec", "values", "data", "image", "env",
            "dataFrom", "refreshInterval", "parameters", "superuser", "password", "sslmode", "template", "containers",
            "configuration", "global", "authentik", "pgbouncer", SIG, "value", "secret");

    final CitadelAnalyzer analyzer = new CitadelAnalyzer(PolicyPack.policies());

    @Property(tries = 3000)
    void analyzeAlwaysAnswersWithWellFormedDiagnostics(@ForAll("types") String type, @ForAll("structs") Struct properties) {
        var response = call(observer -> analyzer.analyze(AnalyzeRequest.newBuilder().setType(type).setName("r")
                .setUrn("urn:pulumi:s::p::" + type + "::r").setProperties(properties).build(), observer));
        assertWellFormed(response);
    }

    @Property(tries = 300)
    void analyzeStackAlwaysAnswers(@ForAll("stacks") List<AnalyzerResource> resources) {
        var response = call(observer -> analyzer.analyzeStack(AnalyzeStackRequest.newBuilder().addAllResources(resources).build(), observer));
        assertWellFormed(response);
    }

    static void assertWellFormed(AnalyzeResponse response) {
        assertThat(response.getDiagnosticsList()).allSatisfy(d -> {
            assertThat(d.getPolicyName()).isNotBlank();
            assertThat(d.getPolicyPackName()).isEqualTo("citadel");
            assertThat(d.getMessage()).isNotBlank().doesNotContain("failed to run");
        });
    }

    static AnalyzeResponse call(java.util.function.Consumer<StreamObserver<AnalyzeResponse>> rpc) {
        var result = new AtomicReference<AnalyzeResponse>();
        var error = new AtomicReference<Throwable>();
        rpc.accept(new StreamObserver<>() {
            @Override
            public void onNext(AnalyzeResponse value) {
                result.set(value);
            }

            @Override
            public void onError(Throwable t) {
                error.set(t);
            }

            @Override
            public void onCompleted() {
            }
        });
        assertThat(error.get()).as("the RPC failed").isNull();
        assertThat(result.get()).as("the RPC answered").isNotNull();
        return result.get();
    }

    @Provide
    Arbitrary<String> types() {
        return Arbitraries.of(TYPES);
    }

    @Provide
    Arbitrary<Struct> structs() {
        return values(4).map(v -> v.hasStructValue() ? v.getStructValue() : Struct.newBuilder().putFields("spec", v).build());
    }

    @Provide
    Arbitrary<List<AnalyzerResource>> stacks() {
        var resource = net.jqwik.api.Combinators.combine(types(), structs(), Arbitraries.strings().alpha().ofMaxLength(6))
                .as((type, props, name) -> AnalyzerResource.newBuilder().setType(type).setName(name)
                        .setUrn("urn:pulumi:s::p::" + type + "::" + name).setProperties(props).setParent("urn:pulumi:s::p::x::" + name)
                        .addDependencies("urn:pulumi:s::p::y::" + name).build());
        return resource.list().ofMaxSize(15);
    }

    static Arbitrary<Value> values(int depth) {
        Arbitrary<Value> leaf = Arbitraries.oneOf(
                Arbitraries.just(Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build()),
                Arbitraries.just(Value.getDefaultInstance()),
                Arbitraries.just(Value.newBuilder().setStringValue("04da6b54-80e4-46f7-96ec-b56ff0331ba9").build()),
                Arbitraries.of("latest", "1h", "0", "true", "disable", "http://rustfs:9000", "cluster-admin", "2026.2.2", "")
                        .map(s -> Value.newBuilder().setStringValue(s).build()),
                Arbitraries.doubles().map(d -> Value.newBuilder().setNumberValue(d).build()),
                Arbitraries.of(true, false).map(b -> Value.newBuilder().setBoolValue(b).build()));
        if (depth == 0) {
            return leaf;
        }
        var inner = Arbitraries.lazy(() -> values(depth - 1));
        var struct = Arbitraries.maps(Arbitraries.of(KEYS), inner).ofMaxSize(5)
                .map(m -> Value.newBuilder().setStructValue(Struct.newBuilder().putAllFields(m)).build());
        var signature = net.jqwik.api.Combinators.combine(Arbitraries.of(SIGS), inner.optional())
                .as((sig, v) -> {
                    var s = Struct.newBuilder().putFields(SIG, Value.newBuilder().setStringValue(sig).build());
                    v.ifPresent(x -> s.putFields("value", x));
                    return Value.newBuilder().setStructValue(s).build();
                });
        var list = inner.list().ofMaxSize(3).map(l -> Value.newBuilder().setListValue(ListValue.newBuilder().addAllValues(new ArrayList<>(l))).build());
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf), net.jqwik.api.Tuple.of(4, struct),
                net.jqwik.api.Tuple.of(2, list), net.jqwik.api.Tuple.of(2, signature));
    }
}
