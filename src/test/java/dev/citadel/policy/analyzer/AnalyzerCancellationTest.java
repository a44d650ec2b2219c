package dev.citadel.policy.analyzer;

import com.google.protobuf.Empty;
import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.Findings;
import dev.citadel.policy.Policy;
import dev.citadel.policy.PolicyArgs;
import dev.citadel.policy.PolicyInfo;
import dev.citadel.policy.PolicyResource;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;
import pulumirpc.AnalyzerOuterClass.AnalyzeResponse;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Running analyses end with CANCELLED when the engine's Cancel arrives or their client goes away (gRPC
 * cancels the call's context then), at the next resource a policy reads; calls after a Cancel run.
 */
class AnalyzerCancellationTest {

    /** Has the engine's Cancel arrive while it runs, then reads every resource. */
    static final class CancelledMidway implements Policy.StackPolicy {
        CitadelAnalyzer analyzer;
        boolean cancel = true;

        @Override
        public PolicyInfo info() {
            return new PolicyInfo("cancelled-midway", "reads every resource", EnforcementLevel.ADVISORY, "none", "all");
        }

        @Override
        public void check(List<PolicyResource> resources, PolicyArgs args, Findings findings) {
            if (cancel) {
                analyzer.cancel(Empty.getDefaultInstance(), new Collect<>());
            }
            for (var r : resources) {
                findings.stackViolation("read " + r.urn());
            }
        }
    }

    static final class Collect<T> implements StreamObserver<T> {
        final List<T> values = new ArrayList<>();
        final List<Throwable> errors = new ArrayList<>();

        @Override
        public void onNext(T value) {
            values.add(value);
        }

        @Override
        public void onError(Throwable t) {
            errors.add(t);
        }

        @Override
        public void onCompleted() {
        }
    }

    @Test
    void aCancelArrivingWhileAStackPolicyRunsEndsTheAnalysisCancelled_andLaterCallsRun() {
        var policy = new CancelledMidway();
        var analyzer = new CitadelAnalyzer(List.of(policy));
        policy.analyzer = analyzer;
        var cancelled = new Collect<AnalyzeResponse>();
        analyzer.analyzeStack(CitadelAnalyzerStackTest.stack(), cancelled);
        assertThat(cancelled.values).isEmpty();
        assertThat(cancelled.errors).singleElement().satisfies(e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.CANCELLED));

        policy.cancel = false;
        var after = new Collect<AnalyzeResponse>();
        analyzer.analyzeStack(CitadelAnalyzerStackTest.stack(), after);
        assertThat(after.errors).isEmpty();
        assertThat(after.values).singleElement().satisfies(r -> assertThat(r.getDiagnosticsCount()).isEqualTo(3));
    }

    @Test
    void aClientThatWentAwayEndsItsAnalysisCancelled() {
        var policy = new CancelledMidway();
        policy.cancel = false;
        var analyzer = new CitadelAnalyzer(List.of(policy));
        var gone = Context.current().withCancellation();
        gone.cancel(null);
        var response = new Collect<AnalyzeResponse>();
        gone.run(() -> analyzer.analyzeStack(CitadelAnalyzerStackTest.stack(), response));
        assertThat(response.values).isEmpty();
        assertThat(response.errors).singleElement().satisfies(e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.CANCELLED));
    }
}
