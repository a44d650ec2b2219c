package dev.citadel.runtime;

import com.pulumi.core.internal.Urn;

import java.util.Optional;

/** URNs made as the SDK makes them (the parent's type chain included), for the recorder outside runtime/. */
public final class Urns {
    private Urns() {
    }

    /** The URN of {@code type::name} under {@code parent} (a parent URN; empty for a root resource). */
    public static String of(String stack, String project, Optional<String> parent, String type, String name) {
        return Urn.create(stack, project, parent, type, name);
    }
}
