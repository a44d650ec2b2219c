package dev.citadel.cli;

import com.google.gson.JsonObject;
import dev.citadel.contract.EnvoyGateway;
import dev.citadel.plan.Plan;
import dev.citadel.value.Redacted;
import dev.citadel.verify.GatewayVerifier;
import dev.citadel.verify.OidcVerifier;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code citadel verify --gateway}: the stack's planned JWT SecurityPolicies, each with the redirect URIs of the realm
 * client its audience names (read from the realm the stack declares), checked by {@link GatewayVerifier}.
 */
final class GatewayVerifyRun {
    static final String TYPE = "kubernetes:" + EnvoyGateway.SECURITY_POLICY_API + ":" + EnvoyGateway.SECURITY_POLICY;

    private GatewayVerifyRun() {
    }

    /** Every JWT provider of the plan's SecurityPolicies; none is a one-line error naming the stack setting. */
    @SuppressWarnings("unchecked")
    static List<GatewayVerifier.Policy> policies(Plan plan, String stack) {
        var clients = realmClients(plan, stack);
        var policies = new ArrayList<GatewayVerifier.Policy>();
        for (var r : plan.ofType(TYPE)) {
            var object = Redacted.kubernetesObject(r.inputs());
            var metadata = (Map<String, Object>) object.get("metadata");
            var spec = (Map<String, Object>) object.get("spec");
            if (!(spec.get("jwt") instanceof Map<?, ?> jwt) || !(jwt.get("providers") instanceof List<?> providers)) {
                continue;
            }
            for (var p : providers) {
                var provider = (Map<String, Object>) p;
                var jwks = (Map<String, Object>) provider.get("remoteJWKS");
                var audiences = (List<String>) provider.getOrDefault("audiences", List.of());
                var claims = ((List<Map<String, Object>>) provider.getOrDefault("claimToHeaders", List.of())).stream()
                        .map(c -> (String) c.get("claim")).toList();
                var client = audiences.isEmpty() ? null : clients.get(audiences.get(0));
                policies.add(new GatewayVerifier.Policy(metadata.get("namespace") + "/" + metadata.get("name"),
                        (String) provider.get("issuer"), audiences, (String) jwks.get("uri"), jwks.containsKey("backendRefs"),
                        claims, client == null ? List.of() : client));
            }
        }
        if (policies.isEmpty()) {
            throw new IllegalArgumentException("stack '" + stack + "' plans no JWT SecurityPolicy (no citadel:gateway.jwt in stacks/Pulumi."
                    + stack + ".yaml): there is no gateway to check");
        }
        return policies;
    }

    /** Client id to redirect URIs, across the stack's realms; empty when it declares none. */
    private static Map<String, List<String>> realmClients(Plan plan, String stack) {
        var clients = new java.util.TreeMap<String, List<String>>();
        if (plan.ofType(dev.citadel.identity.KeycloakRealm.TYPE).isEmpty()) {
            return clients;
        }
        for (var realm : DeclaredRealm.of(plan, stack)) {
            if (realm.json().get("clients") == null) {
                continue;
            }
            for (var c : realm.json().getAsJsonArray("clients")) {
                var client = (JsonObject) c;
                var uris = new ArrayList<String>();
                if (client.get("redirectUris") != null) {
                    client.getAsJsonArray("redirectUris").forEach(u -> uris.add(u.getAsString()));
                }
                clients.put(client.get("clientId").getAsString(), uris);
            }
        }
        return clients;
    }

    static int run(List<GatewayVerifier.Policy> policies, OidcVerifier.Options options, PrintWriter out) {
        var report = new GatewayVerifier(policies, options, Clock.systemUTC()).run(result -> {
            out.println(result.line());
            out.flush();
        });
        out.println(report.summary());
        out.flush();
        return report.passed() ? ExitCodes.CLEAN : ExitCodes.CHECK_FAILED;
    }
}
