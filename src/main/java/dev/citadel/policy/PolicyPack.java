package dev.citadel.policy;

import dev.citadel.policy.rules.NoRegeneratingSecretGenerators;

import java.util.Comparator;
import java.util.List;

/** The Citadel policy pack: every policy, in id order. */
public final class PolicyPack {
    public static final String NAME = "citadel";
    public static final String VERSION = "0.1.0";

    private PolicyPack() {
    }

    public static List<Policy> policies() {
        List<Policy> all = new java.util.ArrayList<>(List.of(
                new NoRegeneratingSecretGenerators()
        ));
        all.sort(Comparator.comparing(p -> p.info().id()));
        return List.copyOf(all);
    }
}
