package dev.citadel.policy.rules;

import dev.citadel.contract.EnvoyGateway;
import dev.citadel.policy.PolicyResource;
import dev.citadel.value.Prop;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static dev.citadel.policy.rules.PropReads.items;
import static dev.citadel.policy.rules.PropReads.namespace;
import static dev.citadel.policy.rules.PropReads.opaque;

/**
 * The HTTPRoutes a SecurityPolicy protects, as far as the stack renders them: the ones its targetRefs name (in its
 * namespace), or every route of the stack when it targets a Gateway. A URL is answered when one of them matches its
 * host and path, which is where Envoy's OIDC filter waits for the authorization code.
 */
final class RouteAnswers {
    enum Answer { YES, NO, UNKNOWN }

    private final List<PolicyResource> routes;
    private final boolean unknown;
    private final List<String> absent;

    private RouteAnswers(List<PolicyResource> routes, boolean unknown, List<String> absent) {
        this.routes = routes;
        this.unknown = unknown;
        this.absent = List.copyOf(absent);
    }

    /** The HTTPRoutes ({@code namespace/name}) the policy targets that the stack does not render. */
    List<String> absent() {
        return absent;
    }

    static RouteAnswers of(PolicyResource policy, List<PolicyResource> resources) {
        var all = resources.stream().filter(r -> r.isKind(EnvoyGateway.ROUTE_GROUP, EnvoyGateway.HTTP_ROUTE)).toList();
        var spec = policy.get("spec");
        var refs = new ArrayList<Prop>(items(spec.get("targetRefs")));
        if (!spec.get("targetRef").isNull()) {
            refs.add(spec.get("targetRef"));
        }
        if (refs.isEmpty()) {
            return new RouteAnswers(all, false, List.of());
        }
        var ns = namespace(policy);
        var chosen = new ArrayList<PolicyResource>();
        var absent = new ArrayList<String>();
        var unknown = opaque(ns);
        for (var ref : refs) {
            var kind = ref.get("kind");
            var name = ref.get("name");
            if (opaque(ref) || opaque(kind) || opaque(name)) {
                unknown = true;
                continue;
            }
            if (!EnvoyGateway.HTTP_ROUTE.equals(kind.string().orElse(""))) {
                chosen.addAll(all);
                continue;
            }
            var found = false;
            for (var route : all) {
                var routeNs = namespace(route);
                var routeName = route.metadata().get("name");
                if (opaque(routeNs) || opaque(routeName)) {
                    unknown = true;
                } else if (routeNs.equals(ns) && routeName.equals(name)) {
                    chosen.add(route);
                    found = true;
                }
            }
            if (!found && !opaque(ns)) {
                absent.add(PropReads.text(ns).orElse("") + "/" + PropReads.text(name).orElse(""));
            }
        }
        return new RouteAnswers(chosen, unknown, absent);
    }

    Answer answers(String host, String path) {
        var result = unknown ? Answer.UNKNOWN : Answer.NO;
        for (var route : routes) {
            var a = answers(route, host, path);
            if (a == Answer.YES) {
                return a;
            }
            if (a == Answer.UNKNOWN) {
                result = a;
            }
        }
        return result;
    }

    private static Answer answers(PolicyResource route, String host, String path) {
        var spec = route.get("spec");
        var hostnames = spec.get("hostnames");
        if (opaque(spec) || opaque(hostnames)) {
            return Answer.UNKNOWN;
        }
        var hostMatch = items(hostnames).isEmpty() ? Answer.YES : Answer.NO;
        for (var h : items(hostnames)) {
            if (opaque(h)) {
                hostMatch = Answer.UNKNOWN;
            } else if (hostMatches(h.string().orElse("").toLowerCase(Locale.ROOT), host)) {
                hostMatch = Answer.YES;
                break;
            }
        }
        if (hostMatch != Answer.YES) {
            return hostMatch;
        }
        var rules = spec.get("rules");
        if (opaque(rules)) {
            return Answer.UNKNOWN;
        }
        var result = Answer.NO;
        for (var rule : items(rules)) {
            var matches = rule.get("matches");
            if (opaque(rule) || opaque(matches)) {
                result = Answer.UNKNOWN;
                continue;
            }
            if (items(matches).isEmpty()) {
                return Answer.YES;
            }
            for (var m : items(matches)) {
                var a = pathMatches(m.get("path"), path);
                if (a == Answer.YES) {
                    return a;
                }
                if (a == Answer.UNKNOWN) {
                    result = a;
                }
            }
        }
        return result;
    }

    private static boolean hostMatches(String pattern, String host) {
        if (pattern.startsWith("*.")) {
            return host.endsWith(pattern.substring(1)) && host.length() > pattern.length() - 1;
        }
        return pattern.equals(host);
    }

    private static Answer pathMatches(Prop match, String path) {
        if (match.isNull()) {
            return Answer.YES;
        }
        var type = match.get("type");
        var value = match.get("value");
        if (opaque(match) || opaque(type) || opaque(value)) {
            return Answer.UNKNOWN;
        }
        var v = value.string().orElse("/");
        switch (type.string().orElse("PathPrefix")) {
            case "Exact":
                return v.equals(path) ? Answer.YES : Answer.NO;
            case "RegularExpression":
                try {
                    return Pattern.compile(v).matcher(path).matches() ? Answer.YES : Answer.NO;
                } catch (PatternSyntaxException e) {
                    return Answer.UNKNOWN;
                }
            default:
                var prefix = v.endsWith("/") ? v : v + "/";
                return v.equals("/") || path.equals(v) || path.startsWith(prefix) ? Answer.YES : Answer.NO;
        }
    }
}
