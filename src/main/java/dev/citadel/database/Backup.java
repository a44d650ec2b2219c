package dev.citadel.database;

import dev.citadel.contract.BarmanCloud;
import dev.citadel.secrets.SecretRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how a {@link CnpgCluster} backs up through the barman-cloud plugin: an ObjectStore, the Cluster's
 * WAL-archiver plugin entry and a ScheduledBackup. A pure value; {@link CnpgClusterArgs.Builder#build()} checks it.
 *
 * @param endpointURL     the S3 endpoint; empty for AWS S3 itself
 * @param destinationPath {@code s3://bucket[/prefix]}; barman writes under {@code <destinationPath>/<serverName>/}
 * @param accessKeyId     the Secret key holding the access key id
 * @param secretAccessKey the Secret key holding the secret key
 * @param compression     WAL and base backup compression
 * @param retention       {@code ^[1-9][0-9]*[dwm]$}, barman removes what is older (seed 000: buckets cleaned by hand)
 * @param schedule        the ScheduledBackup's 6-field cron (seconds first, as CNPG reads it)
 * @param immediate       take the first base backup as soon as the ScheduledBackup exists, not at the first tick
 */
public record Backup(String endpointURL, String destinationPath, SecretRef accessKeyId, SecretRef secretAccessKey,
                     Compression compression, String retention, String schedule, boolean immediate) {

    /** Daily at 03:00:00, in CNPG's 6-field form. */
    public static final String DAILY = "0 0 3 * * *";

    private static final Pattern CRON_FIELD = Pattern.compile("[0-9A-Za-z*/,?LW#-]+");

    /** Compression both the ObjectStore's {@code wal} and {@code data} sections accept. */
    public enum Compression {
        GZIP, BZIP2, SNAPPY;

        String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * An S3-compatible store (RustFS, MinIO, Ceph, ...) at {@code endpoint}: the sidecar gets boto3's checksum
     * variables (seed 000). {@code bucket} is a bucket name or a full {@code s3://bucket/prefix}.
     */
    public static Backup s3Compatible(String endpoint, String bucket, S3Credentials credentials) {
        Objects.requireNonNull(credentials, "backup credentials");
        if (endpoint == null || endpoint.isBlank()) {
            // An empty endpoint would silently mean AWS S3 itself, and archive nowhere the user meant (seed 000).
            throw new IllegalArgumentException("backup endpoint is empty; give the S3-compatible store's URL, e.g. "
                    + "http://rustfs.storage.svc.cluster.local:9000, or leave the endpoint out for AWS S3");
        }
        return of(endpoint, bucket, credentials);
    }

    /** AWS S3 itself (no endpoint). */
    public static Backup awsS3(String bucket, S3Credentials credentials) {
        Objects.requireNonNull(credentials, "backup credentials");
        return of("", bucket, credentials);
    }

    private static Backup of(String endpoint, String bucket, S3Credentials credentials) {
        return new Backup(endpoint, bucket == null || bucket.startsWith("s3://") ? bucket : "s3://" + bucket,
                credentials.accessKeyId(), credentials.secretAccessKey(), Compression.GZIP,
                BarmanCloud.DEFAULT_RETENTION, DAILY, true);
    }

    public Backup withRetention(String value) {
        return new Backup(endpointURL, destinationPath, accessKeyId, secretAccessKey, compression, value, schedule, immediate);
    }

    public Backup withSchedule(String cron) {
        return new Backup(endpointURL, destinationPath, accessKeyId, secretAccessKey, compression, retention, cron, immediate);
    }

    public Backup withImmediateBackup(boolean value) {
        return new Backup(endpointURL, destinationPath, accessKeyId, secretAccessKey, compression, retention, schedule, value);
    }

    public Backup withCompression(Compression value) {
        return new Backup(endpointURL, destinationPath, accessKeyId, secretAccessKey, value, retention, schedule, immediate);
    }

    /** True when the sidecar needs {@link BarmanCloud#CHECKSUM_ENV}: any endpoint that is not AWS S3. */
    public boolean s3Compatible() {
        return !endpointURL.isEmpty() && !BarmanCloud.isAwsEndpoint(endpointURL);
    }

    /** The bucket-and-prefix without a trailing slash, so {@code s3://b/} and {@code s3://b} compare equal. */
    String normalizedPath() {
        return destinationPath.replaceAll("/+$", "");
    }

    void validate() {
        if (endpointURL == null || (!endpointURL.isEmpty() && !endpointURL.matches("https?://[^/\\s]+(/\\S*)?"))) {
            throw new IllegalArgumentException("backup endpoint: '" + endpointURL + "' is not an http(s) URL; write e.g. "
                    + "http://rustfs.storage.svc.cluster.local:9000, or leave the endpoint out for AWS S3");
        }
        if (destinationPath == null || !destinationPath.matches("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[^\\s]*)?")) {
            throw new IllegalArgumentException("backup.destinationPath: '" + destinationPath + "' is not s3://<bucket>[/<prefix>] "
                    + "with a valid bucket name (3-63 characters of a-z, 0-9, '.', '-'); write e.g. s3://keycloak-backups");
        }
        if (accessKeyId == null || secretAccessKey == null) {
            throw new IllegalArgumentException("backup.credentials: both the access key id and the secret key are needed; "
                    + "pass S3Credentials.of(secret.ref(namespace, \"ACCESS_KEY_ID\"), secret.ref(namespace, \"ACCESS_SECRET_KEY\"))");
        }
        if (compression == null) {
            throw new IllegalArgumentException("backup.compression is null; use Compression.GZIP");
        }
        if (retention == null || !BarmanCloud.RETENTION_PATTERN.matcher(retention).matches()) {
            throw new IllegalArgumentException("backup.retention: '" + retention + "' does not match " + BarmanCloud.RETENTION_PATTERN
                    + " (the ObjectStore CRD's pattern); write e.g. " + BarmanCloud.DEFAULT_RETENTION + ", 4w or 3m");
        }
        checkCron(schedule);
    }

    static void checkCron(String cron) {
        var fields = cron == null ? List.<String>of() : new ArrayList<>(List.of(cron.strip().split("\\s+")));
        if (fields.size() != 6 || !fields.stream().allMatch(f -> CRON_FIELD.matcher(f).matches())) {
            throw new IllegalArgumentException("backup.schedule: '" + cron + "' is not a 6-field cron expression; CNPG's "
                    + "cron has a seconds field first (second minute hour day month weekday); write e.g. '"
                    + DAILY + "' for daily at 03:00");
        }
    }

    /** The two keys barman-cloud reads the S3 credentials from. */
    public record S3Credentials(SecretRef accessKeyId, SecretRef secretAccessKey) {
        public static S3Credentials of(SecretRef accessKeyId, SecretRef secretAccessKey) {
            return new S3Credentials(accessKeyId, secretAccessKey);
        }
    }
}
