package dev.citadel.contract;

import java.util.List;

/**
 * What the gateway component renders and the gateway policies check, named once: Envoy Gateway's SecurityPolicy and
 * the Gateway API HTTPRoute it targets, and the Secret key Envoy Gateway reads an OIDC client secret from.
 */
public final class EnvoyGateway {
    public static final String SECURITY_POLICY_API = "gateway.envoyproxy.io/v1alpha1";
    public static final String SECURITY_POLICY = "SecurityPolicy";
    public static final String ROUTE_API = "gateway.networking.k8s.io/v1";
    public static final String ROUTE_GROUP = "gateway.networking.k8s.io";
    public static final String HTTP_ROUTE = "HTTPRoute";
    public static final String ENVOY_GROUP = "gateway.envoyproxy.io";
    public static final String BACKEND = "Backend";
    /** Gateway API v1.6.1 serves BackendTLSPolicy as v1 (v1alpha3 is no longer served). */
    public static final String BACKEND_TLS_POLICY_API = "gateway.networking.k8s.io/v1";
    public static final String BACKEND_TLS_POLICY = "BackendTLSPolicy";
    /** Gateway API v1.6.1 stores ReferenceGrant as v1beta1, the version every Envoy Gateway release reads. */
    public static final String REFERENCE_GRANT_API = "gateway.networking.k8s.io/v1beta1";
    public static final String REFERENCE_GRANT = "ReferenceGrant";
    /** The key a BackendTLSPolicy's or Backend's CA ConfigMap/Secret must hold the PEM bundle under. */
    public static final String CA_KEY = "ca.crt";
    /**
     * Envoy Gateway reads the OIDC client secret from this key only; under any other key it reports "client secret
     * not found in secret" and every login fails (envoyproxy/gateway, seed 002).
     */
    public static final String CLIENT_SECRET_KEY = "client-secret";
    /** Keycloak's JWKS endpoint under the issuer. */
    public static final String KEYCLOAK_JWKS_PATH = "/protocol/openid-connect/certs";
    /** The claims seed 002's JWT policy forwards to the backends, in its order. */
    public static final List<String> SEED_CLAIMS = List.of("sub", "email", "groups", "preferred_username", "realm_access.roles");
    /** The claim Keycloak fills only through the {@code roles} client scope. */
    public static final String REALM_ROLES_CLAIM = "realm_access.roles";

    private EnvoyGateway() {
    }
}
