package dev.citadel.database;

import dev.citadel.names.KubernetesNames;

import java.util.regex.Pattern;

/**
 * A secret in AWS Secrets Manager that External Secrets reads through a ClusterSecretStore of its AWS provider: how the
 * RDS master password is given when RDS manages it ({@code manage_master_user_password}: a JSON secret with
 * {@code username} and {@code password}, rotated by RDS itself). Seed 004 kept it at {@code goldenpath/dev/rds/master}.
 *
 * @param clusterSecretStore the ClusterSecretStore of ESO's AWS provider, e.g. {@code aws-secretsmanager}
 * @param secretId           the secret's name or ARN, e.g. {@code rds!db-0a1b...} for an RDS-managed one
 * @param property           the JSON key holding the password ({@code password} in RDS's own secrets)
 */
public record AwsSecretsManagerRef(String clusterSecretStore, String secretId, String property) {
    /** Names (RDS's own start with {@code rds!}) and ARNs. */
    private static final Pattern SECRET_ID = Pattern.compile("[A-Za-z0-9/_+=.@!:-]{1,2048}");

    public AwsSecretsManagerRef {
        KubernetesNames.subdomain("masterPassword.awsSecretsManager clusterSecretStore", clusterSecretStore);
        if (secretId == null || !SECRET_ID.matcher(secretId).matches()) {
            throw new IllegalArgumentException("masterPassword.awsSecretsManager secretId: '" + secretId + "' is not a Secrets Manager "
                    + "secret name or ARN; give it as the RDS console shows it, e.g. goldenpath/dev/rds/master");
        }
        if (property == null || !property.matches("[A-Za-z0-9_.-]{1,256}")) {
            throw new IllegalArgumentException("masterPassword.awsSecretsManager property: '" + property + "' is not a JSON key; RDS "
                    + "keeps the master password under 'password'");
        }
    }

    /** The {@code password} key of {@code secretId}, read through {@code clusterSecretStore}. */
    public static AwsSecretsManagerRef of(String clusterSecretStore, String secretId) {
        return new AwsSecretsManagerRef(clusterSecretStore, secretId, "password");
    }
}
