package dev.citadel.policy.analyzer;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.Findings;
import dev.citadel.policy.Policy;
import dev.citadel.policy.PolicyArgs;
import dev.citadel.policy.PolicyInfo;
import dev.citadel.policy.PolicyResource;
import dev.citadel.policy.rules.CrdInstalledBeforeUse;
import dev.citadel.policy.rules.NoRegeneratingSecretGenerators;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;
import pulumirpc.AnalyzerOuterClass;
import pulumirpc.AnalyzerOuterClass.AnalyzeResponse;
import pulumirpc.AnalyzerOuterClass.AnalyzeStackRequest;
import pulumirpc.AnalyzerOuterClass.AnalyzerResource;
import pulumirpc.AnalyzerOuterClass.ConfigureAnalyzerRequest;
import pulumirpc.AnalyzerOuterClass.PolicyConfig;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** AnalyzeStack runs the enabled stack policies over the decoded stack, and does nothing else. */
class CitadelAnalyzerStackTest {

    /** Reports how many resources it saw, and each secret value's presence, to show what it was given. */
    static final class CountingStackPolicy implements Policy.StackPolicy {
        @Override
        public PolicyInfo info() {
            return new PolicyInfo("counting-stack", "counts resources", EnforcementLevel.ADVISORY, "none", "all");
        }

        /** It checks that decoding kept the secret wrappers, so it reads them. */
        @Override
        public boolean readsSecretWrappers() {
            return true;
        }

        @Override
        public void check(List<PolicyResource> resources, PolicyArgs args, Findings findings) {
            findings.stackViolation(resources.size() + " resources; first has a secret: " + resources.get(0).properties().containsSecret());
        }
    }

    private static final String SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";

    static AnalyzeStackRequest stack() {
        var secret = Struct.newBuilder()
                .putFields(SECRET_SIG_KEY, Value.newBuilder().setStringValue("1b47061264138c4ac30d75fd1eb44270").build())
                .putFields("value", Value.newBuilder().setStringValue("hunter2").build());
        var regenerating = Struct.newBuilder()
                .putFields("apiVersion", Value.newBuilder().setStringValue("external-secrets.io/v1").build())
                .putFields("kind", Value.newBuilder().setStringValue("ExternalSecret").build())
                .putFields("token", Value.newBuilder().setStructValue(secret).build())
                .putFields("spec", Value.newBuilder().setStructValue(Struct.newBuilder()
                        .putFields("refreshInterval", Value.newBuilder().setStringValue("1h").build())
                        .putFields("dataFrom", Value.newBuilder().setListValue(com.google.protobuf.ListValue.newBuilder()
                                .addValues(Value.newBuilder().setStructValue(Struct.newBuilder().putFields("sourceRef",
                                        Value.newBuilder().setStructValue(Struct.newBuilder().putFields("generatorRef",
                                                Value.newBuilder().setStructValue(Struct.newBuilder().putFields("kind",
                                                        Value.newBuilder().setStringValue("Password").build())).build())).build()))))
                                .build())).build())
                .build();
        var requests = new ArrayList<AnalyzerResource>();
        for (int i = 0; i < 3; i++) {
            requests.add(AnalyzerResource.newBuilder()
                    .setUrn("urn:pulumi:dev::citadel::kubernetes:external-secrets.io/v1:ExternalSecret::es" + i)
                    .setType("kubernetes:external-secrets.io/v1:ExternalSecret")
                    .setName("es" + i)
                    .setProperties(regenerating)
                    .build());
        }
        return AnalyzeStackRequest.newBuilder().addAllResources(requests).build();
    }

    private static AnalyzeResponse analyzeStack(CitadelAnalyzer analyzer) {
        var out = new ArrayList<AnalyzeResponse>();
        analyzer.analyzeStack(stack(), observer(out));
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    private static <T> StreamObserver<T> observer(List<T> into) {
        return new StreamObserver<>() {
            @Override
            public void onNext(T value) {
                into.add(value);
            }

            @Override
            public void onError(Throwable t) {
                throw new AssertionError(t);
            }

            @Override
            public void onCompleted() {
            }
        };
    }

    @Test
    void resourcePoliciesDoNotRunInAnalyzeStack() {
        // They ran per resource in Analyze; the engine would report each violation twice otherwise.
        var analyzer = new CitadelAnalyzer(List.of(new NoRegeneratingSecretGenerators()));
        assertThat(analyzeStack(analyzer).getDiagnosticsList()).isEmpty();
    }

    @Test
    void stackPoliciesSeeEveryDecodedResource() {
        var analyzer = new CitadelAnalyzer(List.of(new NoRegeneratingSecretGenerators(), new CountingStackPolicy()));
        var diagnostics = analyzeStack(analyzer).getDiagnosticsList();
        assertThat(diagnostics).singleElement().satisfies(d -> {
            assertThat(d.getPolicyName()).isEqualTo("counting-stack");
            assertThat(d.getMessage()).startsWith("3 resources; first has a secret: true");
        });
    }

    @Test
    void disabledStackPoliciesDoNotRun() {
        var analyzer = new CitadelAnalyzer(List.of(new NoRegeneratingSecretGenerators(), new CountingStackPolicy()));
        analyzer.configure(ConfigureAnalyzerRequest.newBuilder()
                .putPolicyConfig("counting-stack", PolicyConfig.newBuilder()
                        .setEnforcementLevel(AnalyzerOuterClass.EnforcementLevel.DISABLED)
                        .setProperties(Struct.getDefaultInstance()).build())
                .build(), observer(new ArrayList<>()));
        assertThat(analyzeStack(analyzer).getDiagnosticsList()).isEmpty();
    }

    @Test
    void aMandatoryPolicysAdvisoryFindingReachesTheCliAsAdvisory() {
        // crd-installed-before-use is mandatory, but ExternalSecrets whose operator is installed elsewhere are
        // only an assumption: a preview with the pack attached must warn, not fail (the stack has no inventory).
        var analyzer = new CitadelAnalyzer(List.of(new CrdInstalledBeforeUse()));
        assertThat(analyzeStack(analyzer).getDiagnosticsList()).singleElement().satisfies(d -> {
            assertThat(d.getPolicyName()).isEqualTo("crd-installed-before-use");
            assertThat(d.getEnforcementLevel()).isEqualTo(AnalyzerOuterClass.EnforcementLevel.ADVISORY);
            assertThat(d.getUrn()).isEmpty();
            assertThat(d.getMessage()).contains("external-secrets.io/ExternalSecret (3 resources)");
        });
        // with an inventory that leaves them out, the same resources are a known miss and block
        analyzer.configure(ConfigureAnalyzerRequest.newBuilder()
                .putPolicyConfig("crd-installed-before-use", PolicyConfig.newBuilder()
                        .setEnforcementLevel(AnalyzerOuterClass.EnforcementLevel.MANDATORY)
                        .setProperties(Struct.newBuilder().putFields("preinstalledCrds", Value.newBuilder()
                                .setListValue(com.google.protobuf.ListValue.newBuilder()
                                        .addValues(Value.newBuilder().setStringValue("cert-manager.io"))).build()).build())
                        .build())
                .build(), observer(new ArrayList<>()));
        assertThat(analyzeStack(analyzer).getDiagnosticsList()).hasSize(3)
                .allSatisfy(d -> assertThat(d.getEnforcementLevel()).isEqualTo(AnalyzerOuterClass.EnforcementLevel.MANDATORY));
    }

    /** What the engine sends for a resource on a default provider: the provider, named after its version, with it in its inputs. */
    private static AnalyzerResource onDefaultProvider(String type, String name, String version, boolean versionInInputs) {
        var provider = AnalyzerOuterClass.AnalyzerProviderResource.newBuilder()
                .setType("pulumi:providers:kubernetes").setName("default_" + version.replace('.', '_'))
                .setUrn("urn:pulumi:dev::grafana::pulumi:providers:kubernetes::default_" + version.replace('.', '_'));
        if (versionInInputs) {
            provider.setProperties(Struct.newBuilder().putFields("version", Value.newBuilder().setStringValue(version).build()));
        }
        return AnalyzerResource.newBuilder().setUrn("urn:pulumi:dev::grafana::" + type + "::" + name).setType(type).setName(name)
                .setProvider(provider).build();
    }

    @Test
    void twoVersionsOfOnePluginAreFlaggedFromTheProvidersTheEngineSends() {
        var analyzer = new CitadelAnalyzer(List.of(new dev.citadel.policy.rules.OnePluginVersionPerPackage()));
        var out = new ArrayList<AnalyzeResponse>();
        analyzer.analyzeStack(AnalyzeStackRequest.newBuilder()
                .addResources(onDefaultProvider("kubernetes:core/v1:ConfigMap", "grafana-dashboards", "4.0.0", true))
                // an engine that leaves the provider's inputs out: its default provider's name still says the version
                .addResources(onDefaultProvider("kubernetes:external-secrets.io/v1:ExternalSecret", "grafana-admin", "4.34.2", false))
                .build(), observer(out));
        assertThat(out.get(0).getDiagnosticsList()).singleElement().satisfies(d -> {
            assertThat(d.getPolicyName()).isEqualTo("one-plugin-version-per-package");
            assertThat(d.getEnforcementLevel()).isEqualTo(AnalyzerOuterClass.EnforcementLevel.MANDATORY);
            assertThat(d.getMessage()).startsWith("the kubernetes plugin runs in 2 versions in this stack: "
                    + "4.0.0 (kubernetes:core/v1:ConfigMap 'grafana-dashboards'), "
                    + "4.34.2 (kubernetes:external-secrets.io/v1:ExternalSecret 'grafana-admin')");
        });
    }
}
