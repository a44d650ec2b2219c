package dev.citadel.policy;

import dev.citadel.policy.rules.BackupRetention;
import dev.citadel.policy.rules.ClusterIssuerSecretNamespace;
import dev.citadel.policy.rules.ConfigChangeRollsPods;
import dev.citadel.policy.rules.CrdInstalledBeforeUse;
import dev.citadel.policy.rules.NoClusterAdminForBroadGroups;
import dev.citadel.policy.rules.NoRegeneratingSecretGenerators;
import dev.citadel.policy.rules.OidcRbacContract;
import dev.citadel.policy.rules.PgbouncerIdleTransactionTimeout;
import dev.citadel.policy.rules.S3CompatibleChecksumEnv;
import dev.citadel.policy.rules.SecretConsumersReload;
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
        List<Policy> all = new java.util.ArrayList<>(List.of(
                new BackupRetention(),
                new ClusterIssuerSecretNamespace(),
                new ConfigChangeRollsPods(),
                new CrdInstalledBeforeUse(),
                new NoClusterAdminForBroadGroups(),
                new NoRegeneratingSecretGenerators(),
                new OidcRbacContract(),
                new PgbouncerIdleTransactionTimeout(),
                new S3CompatibleChecksumEnv(),
                new SecretConsumersReload(),
                new UniqueBackupPath()
        ));
        all.sort(Comparator.comparing(p -> p.info().id()));
        return List.copyOf(all);
    }
}
