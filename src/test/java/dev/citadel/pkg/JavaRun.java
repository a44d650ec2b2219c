package dev.citadel.pkg;

import com.pulumi.Context;
import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** What a Java stack registers for a component, under the SDK's public mocks: type, name and canonical inputs. */
final class JavaRun {
    /** One registration: its type, its name, its inputs as {@link Wire#canonical} text. */
    record Child(String type, String name, String inputs) {
    }

    private JavaRun() {
    }

    static List<Child> registrations(Consumer<Context> program) {
        var created = new ArrayList<Child>();
        var mocks = new Mocks() {
            @Override
            public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
                synchronized (created) {
                    created.add(new Child(args.type, args.name, Wire.canonical(args.inputs)));
                }
                var state = new HashMap<String, Object>(args.inputs);
                if (args.type.equals("random:index/randomPassword:RandomPassword")) {
                    state.put("result", FakeEngine.password(args.name));
                }
                return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(args.name + "-id"), state));
            }
        };
        try {
            var result = PulumiTest.withMocks(mocks).runTest(program::accept);
            if (!result.exceptions().isEmpty()) {
                throw new IllegalStateException("the Java run failed", result.exceptions().get(0));
            }
        } finally {
            PulumiTest.cleanup();
        }
        return created;
    }
}
