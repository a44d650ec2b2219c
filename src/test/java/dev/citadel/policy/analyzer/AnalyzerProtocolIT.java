package dev.citadel.policy.analyzer;

import com.google.protobuf.Empty;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.citadel.policy.rules.PolicyPack;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pulumirpc.AnalyzerGrpc;
import pulumirpc.AnalyzerOuterClass.AnalyzeDiagnostic;
import pulumirpc.AnalyzerOuterClass.AnalyzeRequest;
import pulumirpc.AnalyzerOuterClass.AnalyzeStackRequest;
import pulumirpc.AnalyzerOuterClass.AnalyzerHandshakeRequest;
import pulumirpc.AnalyzerOuterClass.AnalyzerResource;
import pulumirpc.AnalyzerOuterClass.AnalyzerStackConfigureRequest;
import pulumirpc.AnalyzerOuterClass.ConfigureAnalyzerRequest;
import pulumirpc.AnalyzerOuterClass.EnforcementLevel;
import pulumirpc.AnalyzerOuterClass.PolicyConfig;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The policy pack over the real analyzer protocol, launched the way the Pulumi CLI launches it: the
 * executable pack in {@code policies/} started with the pack directory as working directory, the
 * engine's address as its argument and the caller's environment; the port read from the first line
 * of its output; then driven with engine-shaped requests (secrets and unknowns marshalled as the engine
 * marshals them).
 */
class AnalyzerProtocolIT {
    static final String SIG = "4dabf18193072939515e22adb298388d";
    static final String SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
    static final String UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    static final String URN = "urn:pulumi:homelab::citadel::kubernetes:external-secrets.io/v1:ExternalSecret::powerdns-api-key";

    static Process plugin;
    static ManagedChannel channel;
    static AnalyzerGrpc.AnalyzerBlockingStub analyzer;
    static ServerSocket engine;

    /**
     * An executable pack (pulumi/pulumi#24052, CLI 3.255): run from the Pulumi project directory with the
     * CLI's flags before the engine address, the CLI's environment inherited.
     */
    @BeforeAll
    static void launchAsTheCliDoes() throws Exception {
        engine = new ServerSocket(0);
        var packDir = Path.of("policies").toAbsolutePath().toFile();
        plugin = new ProcessBuilder(new File(packDir, "citadel-policy-pack").getPath(), "--logtostderr", "-v=9",
                "127.0.0.1:" + engine.getLocalPort())
                .directory(Path.of(".").toAbsolutePath().toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(Path.of("target", "analyzer-it.stderr").toFile()))
                .start();
        var port = readPort(plugin);
        channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        analyzer = AnalyzerGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (plugin != null) {
            plugin.destroy();
            assertThat(plugin.waitFor(10, TimeUnit.SECONDS)).as("plugin exits when the CLI stops it").isTrue();
        }
        engine.close();
    }

    static int readPort(Process process) throws Exception {
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        var line = CompletableFuture.supplyAsync(() -> {
            try {
                return reader.readLine();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).get(30, TimeUnit.SECONDS);
        assertThat(line).as("first line of the plugin's output is its port").matches("\\d{2,5}");
        return Integer.parseInt(line.strip());
    }

    @Test
    void handshakeAndDescribeThePack() {
        var dir = Path.of("policies").toAbsolutePath().toString();
        analyzer.handshake(AnalyzerHandshakeRequest.newBuilder().setEngineAddress("127.0.0.1:" + engine.getLocalPort())
                .setRootDirectory(dir).setProgramDirectory(dir).build());
        assertThat(analyzer.getPluginInfo(Empty.getDefaultInstance()).getVersion()).isEqualTo(PolicyPack.VERSION);

        var info = analyzer.getAnalyzerInfo(Empty.getDefaultInstance());
        assertThat(info.getName()).isEqualTo("citadel");
        assertThat(info.getVersion()).isEqualTo(PolicyPack.VERSION);
        assertThat(info.getSupportsConfig()).isTrue();
        assertThat(info.getPoliciesList()).hasSize(PolicyPack.policies().size());
        for (var policy : PolicyPack.policies()) {
            var wire = info.getPoliciesList().stream().filter(p -> p.getName().equals(policy.info().id())).findFirst();
            assertThat(wire).as(policy.info().id()).isPresent();
            assertThat(wire.get().getDescription()).isEqualTo(policy.info().description());
            assertThat(wire.get().getEnforcementLevel().name()).isEqualTo(policy.info().defaultLevel().name());
            assertThat(wire.get().getConfigSchema().getProperties().getFieldsMap()).containsKey("exceptions");
            assertThat(info.getInitialConfigMap()).containsKey(policy.info().id());
        }
    }

    @Test
    void reportsAViolationWithPolicyPackLevelAndUrn_readingSecretsAndUnknowns() {
        configure(Map.of());
        var diagnostics = analyze(generatorSecret(Value.newBuilder().setStringValue("1h").build()));
        assertThat(diagnostics).hasSize(1);
        var d = diagnostics.get(0);
        assertThat(d.getPolicyName()).isEqualTo("no-regenerating-secret-generators");
        assertThat(d.getPolicyPackName()).isEqualTo("citadel");
        assertThat(d.getPolicyPackVersion()).isEqualTo(PolicyPack.VERSION);
        assertThat(d.getEnforcementLevel()).isEqualTo(EnforcementLevel.MANDATORY);
        assertThat(d.getUrn()).isEqualTo(URN);
        assertThat(d.getMessage()).contains("powerdns-api-key", "Password", "1h");
        assertThat(d.getDescription()).isNotBlank();
        // The secret in the resource never comes back in a diagnostic.
        assertThat(d.getMessage()).doesNotContain("hunter2-canary");
    }

    @Test
    void anUnknownDecidingValueIsReportedNotPassed() {
        configure(Map.of());
        var diagnostics = analyze(generatorSecret(Value.newBuilder().setStringValue(UNKNOWN).build()));
        assertThat(diagnostics).singleElement().satisfies(d -> {
            assertThat(d.getPolicyName()).isEqualTo("no-regenerating-secret-generators");
            assertThat(d.getMessage()).contains("not known until deployment");
        });
    }

    /**
     * A known value wrapped as secret (as the engine wraps whatever derives from a secret) is judged like the
     * plain one, and the diagnostic never prints it.
     */
    @Test
    void aSecretDecidingValueIsJudgedAndNeverPrinted() {
        configure(Map.of());
        var diagnostics = analyze(generatorSecret(secret(Value.newBuilder().setStringValue("90m").build())));
        assertThat(diagnostics).singleElement().satisfies(d -> {
            assertThat(d.getEnforcementLevel()).isEqualTo(EnforcementLevel.MANDATORY);
            assertThat(d.getMessage()).contains("powerdns-api-key", "refreshes every [secret]").doesNotContain("90m", "not known");
        });
    }

    @Test
    void cliPolicyConfigOverridesStackConfig_andExceptionsNeedAReason() {
        analyzer.configureStack(AnalyzerStackConfigureRequest.newBuilder().setStack("homelab").setProject("citadel")
                .putConfig("citadel:policies", "{\"no-regenerating-secret-generators\": \"advisory\"}").build());
        configure(Map.of());
        assertThat(analyze(generatorSecret(Value.newBuilder().setStringValue("1h").build())))
                .singleElement().satisfies(d -> assertThat(d.getEnforcementLevel()).isEqualTo(EnforcementLevel.ADVISORY));

        configure(Map.of("no-regenerating-secret-generators", PolicyConfig.newBuilder()
                .setEnforcementLevel(EnforcementLevel.MANDATORY).build()));
        assertThat(analyze(generatorSecret(Value.newBuilder().setStringValue("1h").build())))
                .singleElement().satisfies(d -> assertThat(d.getEnforcementLevel()).isEqualTo(EnforcementLevel.MANDATORY));

        var exception = Struct.newBuilder().putFields("exceptions", list(Value.newBuilder().setStructValue(Struct.newBuilder()
                .putFields("urn", str(URN)).putFields("reason", str("migrating to Vault in INFRA-12"))).build())).build();
        configure(Map.of("no-regenerating-secret-generators", PolicyConfig.newBuilder()
                .setEnforcementLevel(EnforcementLevel.MANDATORY).setProperties(exception).build()));
        assertThat(analyze(generatorSecret(Value.newBuilder().setStringValue("1h").build()))).isEmpty();

        analyzer.configureStack(AnalyzerStackConfigureRequest.newBuilder().setStack("homelab").setProject("citadel").build());
        configure(Map.of());
    }

    /**
     * `pulumi preview --policy-pack-config` with a misspelt parameter: the CLI fails naming it, as `citadel plan`
     * does, instead of the policy running with its default; the config in force before stays in force.
     */
    @Test
    void aMisspeltPolicyParameterOrPolicyIdIsRefusedByConfigureNamingIt() {
        configure(Map.of());
        var misspelt = Struct.newBuilder().putFields("preinstalledCrd", list(str("clusters.postgresql.cnpg.io"))).build();
        assertThatThrownBy(() -> configure(Map.of("crd-installed-before-use", PolicyConfig.newBuilder()
                .setEnforcementLevel(EnforcementLevel.MANDATORY).setProperties(misspelt).build())))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription())
                            .contains("policies.crd-installed-before-use.preinstalledCrd is not a parameter")
                            .contains("preinstalledCrds");
                });
        assertThatThrownBy(() -> configure(Map.of("no-regenerating-secret-generator", PolicyConfig.newBuilder()
                .setEnforcementLevel(EnforcementLevel.DISABLED).build())))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getDescription())
                        .contains("policies.no-regenerating-secret-generator: no such policy"));
        assertThatThrownBy(() -> analyzer.configureStack(AnalyzerStackConfigureRequest.newBuilder().setStack("homelab")
                .setProject("citadel")
                .putConfig("citadel:policies", "{\"rds-force-ssl\": {\"requireSslForAllHost\": true}}").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getDescription())
                        .contains("citadel:policies")
                        .contains("policies.rds-force-ssl.requireSslForAllHost is not a parameter"));
        assertThat(analyze(generatorSecret(Value.newBuilder().setStringValue("1h").build())))
                .as("the refused configs left the defaults in force")
                .singleElement().satisfies(d -> assertThat(d.getEnforcementLevel()).isEqualTo(EnforcementLevel.MANDATORY));
    }

    @Test
    void compliantResourcesAndWholeStacksPass_malformedValuesDoNotBreakThePlugin() {
        configure(Map.of());
        var vaultBacked = Struct.newBuilder()
                .putFields("apiVersion", str("external-secrets.io/v1")).putFields("kind", str("ExternalSecret"))
                .putFields("metadata", Value.newBuilder().setStructValue(Struct.newBuilder().putFields("name", str("powerdns-api-key"))).build())
                .putFields("spec", Value.newBuilder().setStructValue(Struct.newBuilder()
                        .putFields("refreshInterval", str("1h"))
                        .putFields("data", list(Value.newBuilder().setStructValue(Struct.newBuilder()
                                .putFields("secretKey", str("PDNS_API_KEY"))
                                .putFields("remoteRef", Value.newBuilder().setStructValue(Struct.newBuilder()
                                        .putFields("key", str("dns/powerdns-api-key")).putFields("property", str("PDNS_API_KEY"))).build()))
                                .build()))).build())
                .build();
        assertThat(analyze(vaultBacked)).isEmpty();

        var malformed = Struct.newBuilder()
                .putFields("apiVersion", str("external-secrets.io/v1")).putFields("kind", str("ExternalSecret"))
                .putFields("spec", Value.newBuilder().setStructValue(Struct.newBuilder()
                        .putFields(SIG, str("not-a-known-signature"))
                        .putFields("dataFrom", secret(Value.getDefaultInstance()))).build())
                .build();
        analyze(malformed);

        var stack = AnalyzeStackRequest.newBuilder()
                .addResources(AnalyzerResource.newBuilder().setUrn(URN).setType("kubernetes:external-secrets.io/v1:ExternalSecret")
                        .setName("powerdns-api-key").setProperties(vaultBacked))
                .addResources(AnalyzerResource.newBuilder().setUrn(URN + "-2").setType("kubernetes:external-secrets.io/v1:ExternalSecret")
                        .setName("x").setProperties(malformed).setParent(URN).addDependencies(URN))
                .build();
        var response = analyzer.analyzeStack(stack);
        assertThat(response.getDiagnosticsList()).noneSatisfy(d -> assertThat(d.getMessage()).contains("failed to run"));
    }

    @Test
    void theJavaLanguageHostLaunchServesTheSamePack() throws Exception {
        // runtime: java + settings.gradle: the host's RunPlugin runs the pack's ./gradlew from the project directory.
        var packDir = Path.of("policies").toAbsolutePath();
        var process = new ProcessBuilder(packDir.resolve("gradlew").toString(), "-q", "--project-dir", packDir.toString(), "run",
                "--console=plain", "--args=--logtostderr 127.0.0.1:" + engine.getLocalPort())
                .directory(Path.of(".").toAbsolutePath().toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(Path.of("target", "analyzer-it.stderr").toFile()))
                .start();
        try {
            var port = readPort(process);
            var ch = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
            try {
                var stub = AnalyzerGrpc.newBlockingStub(ch).withDeadlineAfter(30, TimeUnit.SECONDS);
                assertThat(stub.getPluginInfo(Empty.getDefaultInstance()).getVersion()).isEqualTo(PolicyPack.VERSION);
                var info = stub.getAnalyzerInfo(Empty.getDefaultInstance());
                assertThat(info.getName()).isEqualTo("citadel");
                assertThat(info.getPoliciesCount()).isEqualTo(PolicyPack.policies().size());
            } finally {
                ch.shutdownNow();
            }
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    static List<AnalyzeDiagnostic> analyze(Struct properties) {
        var type = "kubernetes:external-secrets.io/v1:ExternalSecret";
        return analyzer.analyze(AnalyzeRequest.newBuilder().setUrn(URN).setType(type).setName("powerdns-api-key")
                .setProperties(properties).build()).getDiagnosticsList();
    }

    static void configure(Map<String, PolicyConfig> config) {
        analyzer.configure(ConfigureAnalyzerRequest.newBuilder().putAllPolicyConfig(config).build());
    }

    /** Seed 003's ExternalSecret, with a secret template value and an unknown annotation, as the engine sends them. */
    static Struct generatorSecret(Value refreshInterval) {
        var generatorRef = Struct.newBuilder().putFields("apiVersion", str("generators.external-secrets.io/v1alpha1"))
                .putFields("kind", str("Password")).putFields("name", str("powerdns-api-key-generator"));
        var spec = Struct.newBuilder()
                .putFields("refreshInterval", refreshInterval)
                .putFields("target", Value.newBuilder().setStructValue(Struct.newBuilder()
                        .putFields("name", str("powerdns-api-key"))
                        .putFields("template", Value.newBuilder().setStructValue(Struct.newBuilder()
                                .putFields("data", Value.newBuilder().setStructValue(Struct.newBuilder()
                                        .putFields("extra", secret(str("hunter2-canary")))).build())).build())).build())
                .putFields("dataFrom", list(Value.newBuilder().setStructValue(Struct.newBuilder()
                        .putFields("sourceRef", Value.newBuilder().setStructValue(Struct.newBuilder()
                                .putFields("generatorRef", Value.newBuilder().setStructValue(generatorRef).build())).build())).build()));
        var metadata = Struct.newBuilder().putFields("name", str("powerdns-api-key")).putFields("namespace", str("dns-system"))
                .putFields("annotations", str(UNKNOWN));
        return Struct.newBuilder()
                .putFields("apiVersion", str("external-secrets.io/v1")).putFields("kind", str("ExternalSecret"))
                .putFields("metadata", Value.newBuilder().setStructValue(metadata).build())
                .putFields("spec", Value.newBuilder().setStructValue(spec).build())
                .build();
    }

    static Value str(String s) {
        return Value.newBuilder().setStringValue(s).build();
    }

    static Value secret(Value v) {
        return Value.newBuilder().setStructValue(Struct.newBuilder().putFields(SIG, str(SECRET_SIG)).putFields("value", v)).build();
    }

    static Value list(Value... items) {
        return Value.newBuilder().setListValue(ListValue.newBuilder().addAllValues(List.of(items))).build();
    }
}
