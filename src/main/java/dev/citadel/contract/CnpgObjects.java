package dev.citadel.contract;

import java.util.List;

/**
 * What the CloudNativePG operator makes for a Cluster, named after it (cloudnative-pg docs, "Service management" and
 * "Certificates"): CnpgCluster hands these names to consumers, and references-resolve counts them as answering. One
 * place, so a consumer's host and the policy's idea of what exists cannot drift (seed 001's authentik-pooler-rw did).
 */
public final class CnpgObjects {
    /** The Services, as {@code <cluster>-<suffix>}: read-write (the primary), read-only (replicas), read (any). */
    public static final String READ_WRITE = "rw";
    public static final List<String> SERVICES = List.of(READ_WRITE, "ro", "r");
    /** The Secrets the operator always makes: its CA, the server certificate, the replication client certificate. */
    public static final List<String> SECRETS = List.of("ca", "server", "replication");
    /**
     * The CA Secret's suffix and key: the CA that signs {@code <cluster>-server}, the certificate PostgreSQL and, by
     * default, the cluster's Poolers present (cloudnative-pg api/v1/cluster_types.go DefaultServerCaSecretSuffix,
     * pkg/certs/certs.go CACertKey).
     */
    public static final String CA_SECRET = "ca";
    public static final String CA_KEY = "ca.crt";
    /** The initdb owner's credentials, made when the bootstrap names no Secret of its own. */
    public static final String APP_SECRET = "app";

    private CnpgObjects() {
    }

    public static String named(String cluster, String suffix) {
        return cluster + "-" + suffix;
    }
}
