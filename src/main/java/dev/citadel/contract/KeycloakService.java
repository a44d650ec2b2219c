package dev.citadel.contract;

import java.util.List;

/**
 * A Keycloak's in-cluster Service, as the Keycloak operator names it for a {@code Keycloak} CR: {@code <cr>-service},
 * https on {@value #OPERATOR_HTTPS_PORT} and, only when the CR enables it, plain http on {@value #OPERATOR_HTTP_PORT}
 * (keycloak operator, KeycloakServiceDependentResource). The gateway reaches the realm through it when Keycloak's
 * certificate is not publicly trusted (envoyproxy/gateway#4838); taking it from here, not from a typed
 * {@code *.svc} host, keeps the Service, the port and the names its certificate may carry in one place.
 *
 * @param namespace the namespace of Keycloak and its Service
 * @param name      the Service's name
 * @param httpsPort the port that speaks TLS
 * @param httpPort  the port that speaks plain http (never one to fetch keys from)
 */
public record KeycloakService(String namespace, String name, int httpsPort, int httpPort) {
    public static final int OPERATOR_HTTPS_PORT = 8443;
    public static final int OPERATOR_HTTP_PORT = 8080;

    /** The Service the Keycloak operator creates for the {@code Keycloak} CR {@code keycloakCr} in {@code namespace}. */
    public static KeycloakService operator(String namespace, String keycloakCr) {
        return new KeycloakService(namespace, keycloakCr + "-service", OPERATOR_HTTPS_PORT, OPERATOR_HTTP_PORT);
    }

    /** {@code <name>.<namespace>.svc}: the host in-cluster clients use. */
    public String host() {
        return name + "." + namespace + ".svc";
    }

    /** Every name the cluster's DNS answers for the Service: the names a certificate for it can carry. */
    public List<String> dnsNames() {
        return List.of(name, name + "." + namespace, host(), host() + ".cluster.local");
    }
}
