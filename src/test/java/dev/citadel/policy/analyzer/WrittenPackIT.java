package dev.citadel.policy.analyzer;

import com.google.protobuf.Empty;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.citadel.policy.rules.PolicyPack;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pulumirpc.AnalyzerGrpc;
import pulumirpc.AnalyzerOuterClass.AnalyzeRequest;
import pulumirpc.AnalyzerOuterClass.AnalyzerHandshakeRequest;
import pulumirpc.AnalyzerOuterClass.AnalyzerStackConfigureRequest;
import pulumirpc.AnalyzerOuterClass.EnforcementLevel;

import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.citadel.policy.analyzer.AnalyzerProtocolIT.list;
import static dev.citadel.policy.analyzer.AnalyzerProtocolIT.readPort;
import static dev.citadel.policy.analyzer.AnalyzerProtocolIT.str;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pack for a stack outside this repository: {@code java -jar citadel.jar policies --write-pack DIR} from the built jar,
 * then the pack started from DIR both ways a stock Pulumi CLI starts one, in the other stack's project directory, and
 * driven over {@code pulumirpc.Analyzer} with that stack's config and one of its resources.
 */
class WrittenPackIT {
    @TempDir
    Path consumer;

    @Test
    void aPackWrittenForAnotherStackServesItsPreviews() throws Exception {
        var jar = Path.of("target", "citadel.jar").toAbsolutePath();
        var pack = consumer.resolve("policy-pack");
        var write = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "policies", "--write-pack", pack.toString()).redirectErrorStream(true).start();
        var said = new String(write.getInputStream().readAllBytes());
        assertThat(write.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(write.exitValue()).as(said).isZero();
        assertThat(said).contains("pulumi preview --policy-pack " + pack.resolve("citadel-policy-pack"));
        assertThat(Files.readString(pack.resolve("PulumiPolicy.yaml"))).isEqualTo(Files.readString(Path.of("policies", "PulumiPolicy.yaml")));
        assertThat(Files.readString(pack.resolve("citadel-policy-pack"))).contains(jar.toString()).doesNotContain("../target");
        assertThat(pack.resolve("citadel-policy-pack")).isExecutable();

        // pulumi preview --policy-pack policy-pack/citadel-policy-pack: the file executed, from the project directory.
        servesTheConsumersPreview(List.of(pack.resolve("citadel-policy-pack").toString(), "--logtostderr"));
        // pulumi preview --policy-pack policy-pack: runtime java, the Java language host's Gradle command.
        servesTheConsumersPreview(List.of(pack.resolve("gradlew").toString(), "-q", "--project-dir", pack.toString(), "run",
                "--console=plain"));
    }

    private void servesTheConsumersPreview(List<String> launch) throws Exception {
        try (var engine = new ServerSocket(0)) {
            var command = new java.util.ArrayList<>(launch);
            var address = "127.0.0.1:" + engine.getLocalPort();
            command.add(launch.contains("run") ? "--args=--logtostderr " + address : address);
            var process = new ProcessBuilder(command).directory(consumer.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(new File("target", "written-pack-it.stderr"))).start();
            try {
                var channel = NettyChannelBuilder.forAddress("127.0.0.1", readPort(process)).usePlaintext().build();
                try {
                    var analyzer = AnalyzerGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
                    analyzer.handshake(AnalyzerHandshakeRequest.newBuilder().setEngineAddress(address)
                            .setRootDirectory(consumer.toString()).setProgramDirectory(consumer.toString()).build());
                    assertThat(analyzer.getAnalyzerInfo(Empty.getDefaultInstance()).getPoliciesCount()).isEqualTo(PolicyPack.policies().size());
                    // The other stack's own pack settings, as the CLI passes its stack config.
                    analyzer.configureStack(AnalyzerStackConfigureRequest.newBuilder().setProject("grafana").setStack("dev")
                            .putConfig("citadel:policies", "{\"no-mutable-image-tags\": \"mandatory\"}").build());
                    var diagnostics = analyzer.analyze(AnalyzeRequest.newBuilder()
                            .setUrn("urn:pulumi:dev::grafana::kubernetes:apps/v1:Deployment::grafana")
                            .setType("kubernetes:apps/v1:Deployment").setName("grafana")
                            .setProperties(deployment("grafana/grafana:latest")).build()).getDiagnosticsList();
                    assertThat(diagnostics).singleElement().satisfies(d -> {
                        assertThat(d.getPolicyName()).isEqualTo("no-mutable-image-tags");
                        assertThat(d.getEnforcementLevel()).isEqualTo(EnforcementLevel.MANDATORY);
                        assertThat(d.getMessage()).contains("grafana/grafana:latest");
                    });
                } finally {
                    channel.shutdownNow();
                }
            } finally {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static Struct deployment(String image) {
        var container = Value.newBuilder().setStructValue(Struct.newBuilder().putFields("name", str("grafana"))
                .putFields("image", str(image))).build();
        var podSpec = Struct.newBuilder().putFields("containers", list(container));
        var template = Struct.newBuilder().putFields("spec", Value.newBuilder().setStructValue(podSpec).build());
        var spec = Struct.newBuilder().putFields("template", Value.newBuilder().setStructValue(template).build());
        return Struct.newBuilder()
                .putFields("metadata", Value.newBuilder().setStructValue(Struct.newBuilder().putFields("name", str("grafana"))
                        .putFields("namespace", str("monitoring"))).build())
                .putFields("spec", Value.newBuilder().setStructValue(spec).build())
                .build();
    }
}
