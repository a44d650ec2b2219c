package dev.citadel.policy.rules;

import dev.citadel.policy.Policy;

import java.util.Comparator;
import java.util.List;

/**
 * The Citadel policy pack: every policy, in id order. It lives beside the rules it lists so that the
 * framework in {@code dev.citadel.policy}, which every rule uses, does not depend on them in return.
 */
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
                new OnePluginVersionPerPackage(),
                new OidcRbacContract(),
                new PgbouncerIdleTransactionTimeout(),
                new RdsForceSsl(),
                new ReferencesResolve(),
                new S3CompatibleChecksumEnv(),
                new SecretConsumersReload(),
                new SecretsStaySecret(),
                new UniqueBackupPath(),
                new GatewayAuthContract()));
        all.sort(Comparator.comparing(p -> p.info().id()));
        return List.copyOf(all);
    }
}
