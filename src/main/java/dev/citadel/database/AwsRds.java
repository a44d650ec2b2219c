package dev.citadel.database;

import com.pulumi.aws.rds.ParameterGroup;
import com.pulumi.aws.rds.ParameterGroupArgs;
import com.pulumi.aws.rds.inputs.ParameterGroupParameterArgs;
import com.pulumi.aws.secretsmanager.Secret;
import com.pulumi.aws.secretsmanager.SecretArgs;
import com.pulumi.aws.secretsmanager.SecretVersion;
import com.pulumi.aws.secretsmanager.SecretVersionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import dev.citadel.contract.Postgres;

import java.util.Map;

/**
 * The only class of database/ that names a type of the Pulumi AWS SDK, an optional dependency: it is first loaded
 * when {@link RdsParameterGroup} registers or {@link RdsAppUser} publishes to Secrets Manager, and the args have already
 * checked by name that the SDK is there (as identity's EksTarget does).
 */
final class AwsRds {
    private AwsRds() {
    }

    /** Registers the group and returns its name, as the instance's {@code parameterGroupName} takes it. */
    static Output<String> forceSslParameterGroup(String name, String family, CustomResourceOptions child) {
        var group = new ParameterGroup(name, ParameterGroupArgs.builder()
                .family(family)
                .description("Citadel: clients must use SSL (rds.force_ssl=1), seed 004")
                .parameters(ParameterGroupParameterArgs.builder()
                        .name(Postgres.FORCE_SSL_PARAMETER)
                        .value(Postgres.FORCE_SSL_ON)
                        // Static on older engines, dynamic on newer: pending-reboot is accepted by both.
                        .applyMethod("pending-reboot")
                        .build())
                .tags(Map.of("managed-by", "citadel"))
                .build(), child);
        return group.name();
    }

    /**
     * {@code <name>}, a Secrets Manager secret called {@code secretName}, and {@code <name>-value}, its current version
     * holding {@code json}; returns the secret's ARN.
     */
    static Output<String> connectionSecret(String name, String secretName, Output<String> json, CustomResourceOptions options) {
        var secret = new Secret(name, SecretArgs.builder()
                .name(secretName)
                .description("Citadel: PostgreSQL connection details, written once the role and database exist (seed 004)")
                .tags(Map.of("managed-by", "citadel"))
                .build(), options);
        new SecretVersion(name + "-value", SecretVersionArgs.builder()
                .secretId(secret.id())
                .secretString(json.asSecret())
                .build(), options);
        return secret.arn();
    }
}
