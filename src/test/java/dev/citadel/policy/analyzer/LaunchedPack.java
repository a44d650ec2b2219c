package dev.citadel.policy.analyzer;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.Policy;
import dev.citadel.policy.PolicyResource;
import dev.citadel.policy.rules.PolicyPack;
import dev.citadel.value.Prop;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import pulumirpc.AnalyzerGrpc;
import pulumirpc.AnalyzerOuterClass.AnalyzeDiagnostic;
import pulumirpc.AnalyzerOuterClass.AnalyzeRequest;
import pulumirpc.AnalyzerOuterClass.AnalyzeStackRequest;
import pulumirpc.AnalyzerOuterClass.AnalyzerProviderResource;
import pulumirpc.AnalyzerOuterClass.AnalyzerResource;
import pulumirpc.AnalyzerOuterClass.AnalyzerResourceOptions;
import pulumirpc.AnalyzerOuterClass.ConfigureAnalyzerRequest;
import pulumirpc.AnalyzerOuterClass.PolicyConfig;

import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The pack process as the Pulumi CLI launches it ({@code policies/citadel-policy-pack} with the engine's
 * address, port read from its first output line), and the engine's side of a conversation with it:
 * values marshalled as the engine marshals them (secrets in the secret signature, unknowns as the
 * sentinel).
 */
final class LaunchedPack implements AutoCloseable {
    static final String SIG = "4dabf18193072939515e22adb298388d";
    static final String SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
    static final String UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

    final Process process;
    final ManagedChannel channel;
    final ServerSocket engine;

    private LaunchedPack(Process process, ManagedChannel channel, ServerSocket engine) {
        this.process = process;
        this.channel = channel;
        this.engine = engine;
    }

    static LaunchedPack launch() throws Exception {
        var engine = new ServerSocket(0);
        var packDir = Path.of("policies").toAbsolutePath().toFile();
        var process = new ProcessBuilder(new File(packDir, "citadel-policy-pack").getPath(), "--logtostderr",
                "127.0.0.1:" + engine.getLocalPort())
                .directory(Path.of(".").toAbsolutePath().toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(Path.of("target", "analyzer-it.stderr").toFile()))
                .start();
        var port = AnalyzerProtocolIT.readPort(process);
        var channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
                .maxInboundMessageSize(64 * 1024 * 1024).build();
        return new LaunchedPack(process, channel, engine);
    }

    AnalyzerGrpc.AnalyzerBlockingStub stub() {
        return AnalyzerGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    /** Only {@code policy} runs, at its default level, with {@code params} (a fixture's config); every other policy is disabled. */
    void configureOnly(Policy policy, Prop.Obj params) {
        var request = ConfigureAnalyzerRequest.newBuilder();
        for (var p : PolicyPack.policies()) {
            var self = p.info().id().equals(policy.info().id());
            var config = PolicyConfig.newBuilder().setEnforcementLevel(CitadelAnalyzer.wire(
                    self ? p.info().defaultLevel() : EnforcementLevel.DISABLED));
            if (self) {
                config.setProperties(encode(params).getStructValue());
            }
            request.putPolicyConfig(p.info().id(), config.build());
        }
        stub().configure(request.build());
    }

    /**
     * The diagnostics for a set of resources the way the engine asks for them: Analyze per resource for a
     * resource policy, AnalyzeStack for a stack policy.
     */
    List<AnalyzeDiagnostic> diagnostics(Policy policy, List<PolicyResource> resources) {
        var out = new ArrayList<AnalyzeDiagnostic>();
        if (policy instanceof Policy.ResourcePolicy) {
            for (var r : resources) {
                out.addAll(stub().analyze(analyzeRequest(r)).getDiagnosticsList());
            }
        } else {
            var stack = AnalyzeStackRequest.newBuilder();
            resources.forEach(r -> stack.addResources(resource(r)));
            out.addAll(stub().analyzeStack(stack.build()).getDiagnosticsList());
        }
        return out;
    }

    /** URN ("" for the stack) to the strongest level reported: 1 advisory, 2 mandatory. */
    static Map<String, Integer> verdicts(List<AnalyzeDiagnostic> diagnostics) {
        var out = new TreeMap<String, Integer>();
        for (var d : diagnostics) {
            out.merge(d.getUrn(), d.getEnforcementLevel() == pulumirpc.AnalyzerOuterClass.EnforcementLevel.MANDATORY ? 2 : 1, Math::max);
        }
        return out;
    }

    static AnalyzeRequest analyzeRequest(PolicyResource r) {
        var options = AnalyzerResourceOptions.newBuilder();
        r.parent().ifPresent(options::setParent);
        var out = AnalyzeRequest.newBuilder().setUrn(r.urn()).setType(r.type()).setName(r.name())
                .setProperties(encode(r.properties()).getStructValue()).setOptions(options);
        r.pluginVersion().ifPresent(v -> out.setProvider(defaultProvider(r, v)));
        return out.build();
    }

    static AnalyzerResource resource(PolicyResource r) {
        var out = AnalyzerResource.newBuilder().setUrn(r.urn()).setType(r.type()).setName(r.name())
                .setProperties(encode(r.properties()).getStructValue()).addAllDependencies(r.dependencies());
        r.parent().ifPresent(out::setParent);
        r.pluginVersion().ifPresent(v -> out.setProvider(defaultProvider(r, v)));
        return out.build();
    }

    /** The default provider the engine runs a resource of {@code version} on: named after the version, which its inputs hold. */
    static AnalyzerProviderResource defaultProvider(PolicyResource r, String version) {
        var pkg = r.type().substring(0, r.type().indexOf(':'));
        var name = "default_" + version.replace('.', '_');
        return AnalyzerProviderResource.newBuilder().setType("pulumi:providers:" + pkg).setName(name)
                .setUrn("urn:pulumi:dev::citadel::pulumi:providers:" + pkg + "::" + name)
                .setProperties(Struct.newBuilder().putFields("version", Value.newBuilder().setStringValue(version).build()))
                .build();
    }

    /** A value as the engine marshals it. */
    static Value encode(Prop p) {
        if (p instanceof Prop.Secret) {
            return Value.newBuilder().setStructValue(Struct.newBuilder()
                    .putFields(SIG, Value.newBuilder().setStringValue(SECRET_SIG).build())
                    .putFields("value", encode(((Prop.Secret) p).value()))).build();
        }
        if (p instanceof Prop.Unknown) {
            return Value.newBuilder().setStringValue(UNKNOWN).build();
        }
        if (p instanceof Prop.Str) {
            return Value.newBuilder().setStringValue(((Prop.Str) p).value()).build();
        }
        if (p instanceof Prop.Num) {
            return Value.newBuilder().setNumberValue(((Prop.Num) p).value()).build();
        }
        if (p instanceof Prop.Bool) {
            return Value.newBuilder().setBoolValue(((Prop.Bool) p).value()).build();
        }
        if (p instanceof Prop.Arr) {
            var list = ListValue.newBuilder();
            ((Prop.Arr) p).items().forEach(i -> list.addValues(encode(i)));
            return Value.newBuilder().setListValue(list).build();
        }
        if (p instanceof Prop.Obj) {
            var struct = Struct.newBuilder();
            ((Prop.Obj) p).fields().forEach((k, v) -> struct.putFields(k, encode(v)));
            return Value.newBuilder().setStructValue(struct).build();
        }
        return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
    }

    @Override
    public void close() throws Exception {
        channel.shutdownNow();
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
        engine.close();
    }

}
