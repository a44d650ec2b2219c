package dev.citadel.policy.analyzer;

import dev.citadel.policy.rules.PolicyPack;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.Test;
import pulumirpc.AnalyzerGrpc;
import pulumirpc.AnalyzerOuterClass.AnalyzeDiagnostic;
import pulumirpc.AnalyzerOuterClass.AnalyzeRequest;
import pulumirpc.AnalyzerOuterClass.AnalyzeResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh analyzer warms its request path with its own calls while the engine has nothing for it, and stops when the
 * engine's first Analyze arrives: the engine gets its verdicts as before, and an idle analyzer stops costing CPU.
 */
class AnalyzerWarmUpTest {

    @Test
    void theEnginesFirstAnalyzeGetsItsVerdictAndEndsTheWarmUp() throws Exception {
        var server = AnalyzerServer.start();
        var channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        try {
            var warming = server.warmUp();
            var properties = WarmUp.resource("kubernetes:apps/v1:Deployment", "web", """
                    {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "apps"},
                     "spec": {"template": {"spec": {"containers": [{"name": "web", "image": "ghcr.io/example/web:latest"}]}}}}
                    """).getProperties();

            var response = AnalyzerGrpc.newBlockingStub(channel).analyze(AnalyzeRequest.newBuilder()
                    .setUrn("urn:pulumi:dev::app::kubernetes:apps/v1:Deployment::web").setType("kubernetes:apps/v1:Deployment")
                    .setName("web").setProperties(properties).build());
            warming.join(10_000);

            assertThat(response.getDiagnosticsList()).extracting(AnalyzeDiagnostic::getPolicyName).contains("no-mutable-image-tags");
            assertThat(warming.isAlive()).as("still warming up after the engine's first Analyze").isFalse();
        } finally {
            channel.shutdownNow();
            server.stop();
        }
    }

    @Test
    void everyWarmUpResourceIsAnalyzedNotRefused_soItCompilesThePathTheEnginesCallsTake() {
        var analyzer = new CitadelAnalyzer(PolicyPack.policies());
        for (var r : WarmUp.samples()) {
            var answer = new AnalyzerCancellationTest.Collect<AnalyzeResponse>();

            analyzer.analyze(AnalyzeRequest.newBuilder().setUrn(r.getUrn()).setType(r.getType()).setName(r.getName())
                    .setProperties(r.getProperties()).build(), answer);

            assertThat(answer.errors).as(r.getType()).isEmpty();
            assertThat(answer.values).as(r.getType()).hasSize(1);
        }
    }
}
