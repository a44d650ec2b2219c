package dev.citadel.contract;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What CnpgCluster and the backup policies (s3-compatible-checksum-env, unique-backup-path, backup-retention)
 * must agree on about barman-cloud backups. Seed 000: the checksum variables existed on three ObjectStores and
 * not on the fourth, and nothing tied the component's idea of "S3-compatible" to the policy's; one place.
 */
public final class BarmanCloud {
    /** The CNPG-I plugin's name: the Cluster's {@code spec.plugins[].name} and the ScheduledBackup's pluginConfiguration. */
    public static final String PLUGIN = "barman-cloud.cloudnative-pg.io";
    /** Plugin parameter naming the ObjectStore. */
    public static final String OBJECT_NAME_PARAMETER = "barmanObjectName";
    /** Plugin parameter naming the server (the folder under the destination path); the plugin rejects it inside the ObjectStore. */
    public static final String SERVER_NAME_PARAMETER = "serverName";

    /** boto3 ≥ 1.36's variables; S3-compatible stores (RustFS, older MinIO) reject the checksums it sends by default. */
    public static final List<String> CHECKSUM_ENV = List.of("AWS_REQUEST_CHECKSUM_CALCULATION", "AWS_RESPONSE_CHECKSUM_VALIDATION");
    /** The value both variables need. */
    public static final String CHECKSUM_VALUE = "when_required";

    /** The ObjectStore's field (under spec) holding the retention policy. */
    public static final String RETENTION_KEY = "retentionPolicy";
    /** The ObjectStore CRD's pattern for it. */
    public static final Pattern RETENTION_PATTERN = Pattern.compile("^[1-9][0-9]*[dwm]$");
    /** Seed 000's recommendation: a month of base backups and WAL, then cleaned up by barman, not by a script. */
    public static final String DEFAULT_RETENTION = "30d";

    private BarmanCloud() {
    }

    /**
     * True when the endpoint is AWS S3 itself, whose checksum support boto3's defaults match; everything else
     * that speaks S3 through boto3 needs {@link #CHECKSUM_ENV}.
     */
    public static boolean isAwsEndpoint(String endpoint) {
        String host;
        try {
            host = URI.create(endpoint.contains("://") ? endpoint.strip() : "https://" + endpoint.strip()).getHost();
        } catch (IllegalArgumentException e) {
            host = null;
        }
        if (host == null) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        return host.equals("amazonaws.com") || host.endsWith(".amazonaws.com") || host.endsWith(".amazonaws.com.cn");
    }
}
