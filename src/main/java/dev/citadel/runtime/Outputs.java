package dev.citadel.runtime;

import com.pulumi.core.Output;
import com.pulumi.core.internal.OutputData;
import com.pulumi.core.internal.OutputInternal;

/** Output values the SDK's public API cannot make. */
public final class Outputs {
    private Outputs() {
    }

    /**
     * A secret whose value is not known, as a preview shows a {@code secure:} setting it cannot decrypt.
     * {@code Output.of} always carries a value; only the SDK's internal constructor makes an unknown one.
     */
    public static <T> Output<T> unknownSecret() {
        return new OutputInternal<>(OutputData.<T>unknown()).asSecret();
    }
}
