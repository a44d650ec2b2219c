package dev.citadel.policy.rules;

import dev.citadel.contract.EnvoyGateway;
import dev.citadel.policy.Findings;
import dev.citadel.policy.PolicyResource;
import dev.citadel.value.Prop;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import static dev.citadel.policy.rules.PropReads.items;
import static dev.citadel.policy.rules.PropReads.namespace;
import static dev.citadel.policy.rules.PropReads.opaque;
import static dev.citadel.policy.rules.PropReads.text;

/**
 * Whether Envoy verifies the realm it reaches in-cluster (envoyproxy/gateway#4838). Envoy checks an https JWKS host
 * against its system trust bundle, which no certificate for a {@code .svc} name chains to; and it speaks TLS to a
 * policy's {@code backendRefs} only when a BackendTLSPolicy (or the Backend's own {@code tls}) says so, so an https
 * endpoint reached through them without one gets plain http. Either way every token is refused.
 */
final class BackendTls {
    private BackendTls() {
    }

    /** A JWKS URI on an in-cluster host: https, through backendRefs that a CA verifies. */
    static void checkJwks(PolicyResource r, String uri, Prop jwks, String where, List<PolicyResource> resources, Findings findings) {
        URI parsed;
        try {
            parsed = URI.create(uri);
        } catch (IllegalArgumentException e) {
            return;
        }
        var host = parsed.getHost() == null ? "" : parsed.getHost().toLowerCase(Locale.ROOT);
        if (!(host.endsWith(".svc") || host.endsWith(".svc.cluster.local"))) {
            return;
        }
        var name = "SecurityPolicy " + r.objectName() + " " + where + ".uri '" + uri + "'";
        if (!"https".equals(parsed.getScheme())) {
            findings.violation(r, name + " fetches the realm's keys in clear text: whoever answers for the Service can sign "
                    + "tokens the gateway accepts; use Keycloak's https port with backendRefs to it and a BackendTLSPolicy "
                    + "naming its CA");
            return;
        }
        var refs = items(jwks.get("backendRefs"));
        if (refs.isEmpty()) {
            findings.violation(r, name + " is an in-cluster https host Envoy checks against its public trust bundle, which "
                    + "no certificate for a .svc name chains to (\"x509: certificate signed by unknown authority\", "
                    + "envoyproxy/gateway#4838): every token is refused; add backendRefs to Keycloak's Service and a "
                    + "BackendTLSPolicy on it with the CA (caCertificateRefs) and the name its certificate carries");
            return;
        }
        checkRefs(r, refs, where + ".backendRefs", resources, findings);
    }

    /** Every backendRef is a Service or Backend a BackendTLSPolicy (or the Backend's tls) verifies with a CA. */
    static void checkRefs(PolicyResource r, List<Prop> refs, String where, List<PolicyResource> resources, Findings findings) {
        for (int i = 0; i < refs.size(); i++) {
            var ref = refs.get(i);
            var at = where + "[" + i + "]";
            var refName = ref.get("name");
            var refNs = ref.get("namespace").isNull() ? namespace(r) : ref.get("namespace");
            if (opaque(ref) || opaque(refName) || opaque(refNs) || opaque(ref.get("kind")) || opaque(ref.get("group"))) {
                findings.undecidable(r, at);
                continue;
            }
            var kind = text(ref.get("kind")).orElse("Service");
            var group = text(ref.get("group")).orElse("");
            var verified = verified(group, kind, text(refName).orElse(""), text(refNs).orElse(""), resources);
            if (verified == PropReads.Match.MAYBE) {
                findings.undecidable(r, "the TLS settings of " + kind + " " + PropReads.show(refNs) + "/" + PropReads.show(refName));
            } else if (verified == PropReads.Match.DIFFERENT) {
                findings.violation(r, "SecurityPolicy " + r.objectName() + " " + at + " sends Envoy to " + kind + " "
                        + PropReads.show(refNs) + "/" + PropReads.show(refName) + ", which no BackendTLSPolicy of the stack (nor the Backend's "
                        + "tls) verifies with a CA: Envoy speaks plain http to it, or trusts whatever answers; add a "
                        + "BackendTLSPolicy targeting it with caCertificateRefs and the hostname its certificate carries");
            }
        }
    }

    private static PropReads.Match verified(String group, String kind, String name, String ns, List<PolicyResource> resources) {
        var result = PropReads.Match.DIFFERENT;
        for (var p : resources) {
            if (p.isKind(EnvoyGateway.ROUTE_GROUP, EnvoyGateway.BACKEND_TLS_POLICY)) {
                var m = tlsPolicyCovers(p, group, kind, name, ns);
                if (m == PropReads.Match.SAME) {
                    return m;
                }
                if (m == PropReads.Match.MAYBE) {
                    result = m;
                }
            } else if (kind.equals(EnvoyGateway.BACKEND) && p.isKind(EnvoyGateway.ENVOY_GROUP, EnvoyGateway.BACKEND)
                    && PropReads.compare(p.metadata().get("name"), new Prop.Str(name)) != PropReads.Match.DIFFERENT
                    && PropReads.compare(namespace(p), new Prop.Str(ns)) != PropReads.Match.DIFFERENT) {
                var tls = p.get("spec").get("tls");
                if (opaque(tls)) {
                    result = PropReads.Match.MAYBE;
                } else if (hasCa(tls) && !tls.get("insecureSkipVerify").equals(new Prop.Bool(true))) {
                    return PropReads.Match.SAME;
                }
            }
        }
        return result;
    }

    private static PropReads.Match tlsPolicyCovers(PolicyResource p, String group, String kind, String name, String ns) {
        var spec = p.get("spec");
        if (opaque(spec) || opaque(namespace(p))) {
            return PropReads.Match.MAYBE;
        }
        if (!text(namespace(p)).orElse("").equals(ns)) {
            return PropReads.Match.DIFFERENT;
        }
        for (var target : items(spec.get("targetRefs"))) {
            if (opaque(target)) {
                return PropReads.Match.MAYBE;
            }
            if (text(target.get("group")).orElse("").equals(group) && text(target.get("kind")).orElse("").equals(kind)
                    && text(target.get("name")).orElse("").equals(name)) {
                var validation = spec.get("validation");
                return opaque(validation) ? PropReads.Match.MAYBE
                        : hasCa(validation) ? PropReads.Match.SAME : PropReads.Match.DIFFERENT;
            }
        }
        return PropReads.Match.DIFFERENT;
    }

    private static boolean hasCa(Prop tls) {
        return !items(tls.get("caCertificateRefs")).isEmpty() || !text(tls.get("wellKnownCACertificates")).orElse("").isEmpty();
    }
}
