package dev.citadel.gateway;

import dev.citadel.contract.EnvoyGateway;
import dev.citadel.contract.Labels;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTPRoute the gateway component renders: one hostname on a Gateway, every path to one Service port. Rendering
 * the route next to its policy is what makes the OIDC callback answered (envoyproxy/gateway#2370, #3525): the
 * redirect URL's host is the route's hostname and its path falls under the route's {@code /} prefix.
 *
 * @param namespace the namespace of the route, the policy and the Service
 * @param name      the route's name (also the policy's)
 * @param hostname  the host people and API clients use, e.g. {@code grafana.example.com}
 * @param service   the backend Service (none for an external route)
 * @param port      the backend Service port (0 for an external route)
 * @param external  the HTTPRoute is made outside the stack: only the policy is rendered, targeting it by name
 */
public record Route(String namespace, String name, String hostname, String service, int port, boolean external) {

    /** A route the stack renders. */
    public Route(String namespace, String name, String hostname, String service, int port) {
        this(namespace, name, hostname, service, port, false);
    }

    /**
     * An HTTPRoute made outside the stack (by Flux, a chart): the policy targets it by name. The stack cannot read its
     * hostnames, so {@code hostname} is the one it serves, which the redirect URL and the realm client are built on; the
     * gateway policy reports such a redirect as unverified unless the route is declared in its externalRoutes.
     */
    public static Route existing(String namespace, String name, String hostname) {
        return new Route(namespace, name, hostname, null, 0, true);
    }

    /** The HTTPRoute object, attached to {@code gateway} (namespace/name). */
    Map<String, Object> manifest(String gatewayNamespace, String gatewayName) {
        var parent = new LinkedHashMap<String, Object>();
        parent.put("group", EnvoyGateway.ROUTE_GROUP);
        parent.put("kind", "Gateway");
        parent.put("name", gatewayName);
        parent.put("namespace", gatewayNamespace);
        var match = new LinkedHashMap<String, Object>();
        match.put("path", Map.of("type", "PathPrefix", "value", "/"));
        var backend = new LinkedHashMap<String, Object>();
        backend.put("name", service);
        backend.put("port", port);
        var rule = new LinkedHashMap<String, Object>();
        rule.put("matches", List.of(match));
        rule.put("backendRefs", List.of(backend));
        var spec = new LinkedHashMap<String, Object>();
        spec.put("parentRefs", List.of(parent));
        spec.put("hostnames", List.of(hostname));
        spec.put("rules", List.of(rule));
        var object = new LinkedHashMap<String, Object>();
        object.put("apiVersion", EnvoyGateway.ROUTE_API);
        object.put("kind", EnvoyGateway.HTTP_ROUTE);
        object.put("metadata", Labels.metadata(name, namespace));
        object.put("spec", spec);
        return object;
    }

    /** The policy's {@code targetRefs}: this route. */
    List<Map<String, Object>> targetRefs() {
        var ref = new LinkedHashMap<String, Object>();
        ref.put("group", EnvoyGateway.ROUTE_GROUP);
        ref.put("kind", EnvoyGateway.HTTP_ROUTE);
        ref.put("name", name);
        return List.of(ref);
    }

    /** {@code https://<hostname>}: routes behind an Envoy Gateway HTTPS listener. */
    String origin() {
        return "https://" + hostname;
    }
}
