package dev.citadel.gateway;

import dev.citadel.contract.EnvoyGateway;
import dev.citadel.contract.KeycloakService;
import dev.citadel.contract.Labels;
import dev.citadel.names.KubernetesNames;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The realm reached through Keycloak's in-cluster Service, for a Keycloak whose certificate no public CA signed: Envoy
 * checks a certificate against its system trust bundle, so discovery and JWKS fail with "x509: certificate signed by
 * unknown authority" (envoyproxy/gateway#4838). The policies then send Envoy to the Service ({@code backendRefs}), and
 * a BackendTLSPolicy on it names the CA and the host the certificate carries. The issuer stays the public URL: it is
 * what the tokens' {@code iss} says.
 * <pre>{@code
 * InClusterKeycloak.of(KeycloakService.operator("identity", "keycloak"), CaCertificate.configMap("keycloak-ca"))
 * }</pre>
 *
 * @param service  Keycloak's Service
 * @param ca       the ConfigMap or Secret in Keycloak's namespace holding the CA bundle under {@code ca.crt}
 * @param hostname the name Keycloak's certificate carries: the TLS server name Envoy sends and checks
 * @param port     the Service port Envoy connects to
 */
public record InClusterKeycloak(KeycloakService service, CaCertificate ca, String hostname, int port) {

    /** A CA bundle by reference: Gateway API reads it from key {@code ca.crt} of an object in the policy's namespace. */
    public record CaCertificate(String kind, String name) {
        public static CaCertificate configMap(String name) {
            return new CaCertificate("ConfigMap", name);
        }

        public static CaCertificate secret(String name) {
            return new CaCertificate("Secret", name);
        }
    }

    /** Through {@code service}'s https port, checking the certificate for the Service's {@code <name>.<namespace>.svc}. */
    public static InClusterKeycloak of(KeycloakService service, CaCertificate ca) {
        return new InClusterKeycloak(service, ca, service == null ? null : service.host(),
                service == null ? 0 : service.httpsPort());
    }

    /** The name on Keycloak's certificate, when it is not {@code <service>.<namespace>.svc} (e.g. the public host). */
    public InClusterKeycloak withHostname(String name) {
        return new InClusterKeycloak(service, ca, name, port);
    }

    public InClusterKeycloak withPort(int p) {
        return new InClusterKeycloak(service, ca, hostname, p);
    }

    /** Refuses what Envoy could not verify or would fetch in clear text; {@code issuerUrl} is the realm's public one. */
    InClusterKeycloak checked(String issuerUrl) {
        if (service == null) {
            throw new IllegalArgumentException("service is null; pass Keycloak's, e.g. KeycloakService.operator(\"identity\", \"keycloak\")");
        }
        KubernetesNames.label("service namespace", service.namespace());
        KubernetesNames.label("service name", service.name());
        if (port == service.httpPort()) {
            throw new IllegalArgumentException("port " + port + " is Keycloak's plain-http port: Envoy would fetch the "
                    + "realm's keys in clear text, so whoever answers for the Service could sign tokens the gateway "
                    + "accepts; use its https port " + service.httpsPort());
        }
        if (port != service.httpsPort()) {
            throw new IllegalArgumentException("port " + port + " is not Service " + service.namespace() + "/" + service.name()
                    + "'s https port; use " + service.httpsPort());
        }
        if (ca == null || ca.kind() == null || ca.name() == null) {
            throw new IllegalArgumentException("ca is missing; without the CA Envoy trusts only public ones and fails with "
                    + "\"x509: certificate signed by unknown authority\": give the ConfigMap or Secret in namespace '"
                    + service.namespace() + "' holding it under " + EnvoyGateway.CA_KEY);
        }
        if (!ca.kind().equals("ConfigMap") && !ca.kind().equals("Secret")) {
            throw new IllegalArgumentException("ca kind '" + ca.kind() + "' is neither ConfigMap nor Secret, the two a "
                    + "BackendTLSPolicy reads a CA from");
        }
        KubernetesNames.subdomain("ca " + ca.kind(), ca.name());
        var names = new java.util.ArrayList<>(service.dnsNames());
        var publicHost = URI.create(issuerUrl).getHost();
        if (publicHost != null) {
            names.add(publicHost.toLowerCase(Locale.ROOT));
        }
        if (hostname == null || !names.contains(hostname)) {
            throw new IllegalArgumentException("hostname '" + hostname + "' is not a name Keycloak's certificate can carry: "
                    + "Envoy sends it as the TLS server name and refuses a certificate without it, and a certificate for "
                    + "Keycloak names its Service or its public host; use one of " + names);
        }
        return this;
    }

    /** {@code remoteJWKS.uri}: the realm's JWKS path on the Service, the name Envoy connects to. */
    String jwksUri(String issuerUrl) {
        return "https://" + service.host() + ":" + port + URI.create(issuerUrl).getRawPath() + EnvoyGateway.KEYCLOAK_JWKS_PATH;
    }

    /** The policies' {@code backendRefs}: Keycloak's Service, in its namespace. */
    List<Map<String, Object>> backendRefs() {
        var ref = new LinkedHashMap<String, Object>();
        ref.put("group", "");
        ref.put("kind", "Service");
        ref.put("name", service.name());
        ref.put("namespace", service.namespace());
        ref.put("port", port);
        return List.of(ref);
    }

    /** The BackendTLSPolicy on Keycloak's Service: the CA its certificate chains to and the name it carries. */
    Map<String, Object> tlsPolicy(String name) {
        var target = new LinkedHashMap<String, Object>();
        target.put("group", "");
        target.put("kind", "Service");
        target.put("name", service.name());
        var caRef = new LinkedHashMap<String, Object>();
        caRef.put("group", "");
        caRef.put("kind", ca.kind());
        caRef.put("name", ca.name());
        var validation = new LinkedHashMap<String, Object>();
        validation.put("caCertificateRefs", List.of(caRef));
        validation.put("hostname", hostname);
        var spec = new LinkedHashMap<String, Object>();
        spec.put("targetRefs", List.of(target));
        spec.put("validation", validation);
        return manifest(EnvoyGateway.BACKEND_TLS_POLICY_API, EnvoyGateway.BACKEND_TLS_POLICY, name, spec);
    }

    /**
     * The ReferenceGrant letting SecurityPolicies of {@code namespaces} send Envoy to the Service: without it Envoy
     * Gateway refuses a backendRef into another namespace and the policy is not accepted.
     */
    Map<String, Object> referenceGrant(String name, Set<String> namespaces) {
        var from = namespaces.stream().map(ns -> {
            var m = new LinkedHashMap<String, Object>();
            m.put("group", EnvoyGateway.ENVOY_GROUP);
            m.put("kind", EnvoyGateway.SECURITY_POLICY);
            m.put("namespace", ns);
            return (Map<String, Object>) m;
        }).toList();
        var to = new LinkedHashMap<String, Object>();
        to.put("group", "");
        to.put("kind", "Service");
        to.put("name", service.name());
        var spec = new LinkedHashMap<String, Object>();
        spec.put("from", from);
        spec.put("to", List.of(to));
        return manifest(EnvoyGateway.REFERENCE_GRANT_API, EnvoyGateway.REFERENCE_GRANT, name, spec);
    }

    private Map<String, Object> manifest(String apiVersion, String kind, String name, Map<String, Object> spec) {
        var object = new LinkedHashMap<String, Object>();
        object.put("apiVersion", apiVersion);
        object.put("kind", kind);
        object.put("metadata", Labels.metadata(name, service.namespace()));
        object.put("spec", spec);
        return object;
    }
}
