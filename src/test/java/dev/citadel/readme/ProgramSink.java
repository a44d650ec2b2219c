package dev.citadel.readme;

import com.pulumi.Context;

import java.util.function.Consumer;

/**
 * Stands in for {@code Pulumi.run} in the copy of a docs example that the tests plan: the program is kept instead of
 * being run against an engine that is not there. Public because the compiled examples live in their own class loader.
 */
@FunctionalInterface
public interface ProgramSink {
    void run(Consumer<Context> program);
}
