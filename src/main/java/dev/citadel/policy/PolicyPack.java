package dev.citadel.policy;

import dev.citadel.policy.rules.AppRolesNotSuperuser;
import dev.citadel.policy.rules.BackupRetention;
import dev.citadel.policy.rules.ClusterIssuerSecretNamespace;
import dev.citadel.policy.rules.ConfigChangeRollsPods;
import dev.citadel.policy.rules.CrdInstalledBeforeUse;
import dev.citadel.policy.rules.ImplicitConsentFirstParty;
import dev.citadel.policy.rules.InertHelmValues;
import dev.citadel.policy.rules.LivenessToleratesMigrations;
import dev.citadel.policy.rules.NoClusterAdminForBroadGroups;
import dev.citadel.policy.rules.NoImageDowngrade;
import dev.citadel.policy.rules.NoInsecureImages;
import dev.citadel.policy.rules.NoMutableImageTags;
import dev.citadel.policy.rules.NoPersistentConnsThroughSessionPool;
import dev.citadel.policy.rules.NoRegeneratingSecretGenerators;
import dev.citadel.policy.rules.OidcRbacContract;
import dev.citadel.policy.rules.PgbouncerIdleTransactionTimeout;
import dev.citadel.policy.rules.RdsForceSsl;
import dev.citadel.policy.rules.S3CompatibleChecksumEnv;
import dev.citadel.policy.rules.SecretConsumersReload;
import dev.citadel.policy.rules.SecretsStaySecret;
import dev.citadel.policy.rules.UniqueBackupPath;

import java.util.Comparator;
import java.util.List;

/** The Citadel policy pack: every policy, in id order. */
public final class PolicyPack {
    public static final String NAME = "citadel";
    public static final String VERSION = "0.1.0";

    private PolicyPack() {
    }

    public static List<Policy> policies() {
        var all = new java.util.ArrayList<Policy>(List.of(
                new AppRolesNotSuperuser(),
                new BackupRetention(),
                new ClusterIssuerSecretNamespace(),
                new ConfigChangeRollsPods(),
                new CrdInstalledBeforeUse(),
                new ImplicitConsentFirstParty(),
                new InertHelmValues(),
                new LivenessToleratesMigrations(),
                new NoClusterAdminForBroadGroups(),
                new NoImageDowngrade(),
                new NoInsecureImages(),
                new NoMutableImageTags(),
                new NoPersistentConnsThroughSessionPool(),
                new NoRegeneratingSecretGenerators(),
                new OidcRbacContract(),
                new PgbouncerIdleTransactionTimeout(),
                new RdsForceSsl(),
                new S3CompatibleChecksumEnv(),
                new SecretConsumersReload(),
                new SecretsStaySecret(),
                new UniqueBackupPath()));
        all.sort(Comparator.comparing(p -> p.info().id()));
        return List.copyOf(all);
    }
}
