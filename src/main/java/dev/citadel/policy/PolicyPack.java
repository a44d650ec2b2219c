package dev.citadel.policy;

import dev.citadel.policy.rules.AppRolesNotSuperuser;
import dev.citadel.policy.rules.ImplicitConsentFirstParty;
import dev.citadel.policy.rules.InertHelmValues;
import dev.citadel.policy.rules.LivenessToleratesMigrations;
import dev.citadel.policy.rules.NoImageDowngrade;
import dev.citadel.policy.rules.NoInsecureImages;
import dev.citadel.policy.rules.NoMutableImageTags;
import dev.citadel.policy.rules.NoPersistentConnsThroughSessionPool;
import dev.citadel.policy.rules.RdsForceSsl;
import dev.citadel.policy.rules.SecretsStaySecret;
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
                new AppRolesNotSuperuser(),
                new ImplicitConsentFirstParty(),
                new InertHelmValues(),
                new LivenessToleratesMigrations(),
                new NoImageDowngrade(),
                new NoInsecureImages(),
                new NoMutableImageTags(),
                new NoPersistentConnsThroughSessionPool(),
                new RdsForceSsl(),
                new SecretsStaySecret(),
                new NoRegeneratingSecretGenerators()
        ));
        all.sort(Comparator.comparing(p -> p.info().id()));
        return List.copyOf(all);
    }
}
