package dev.citadel.identity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The four things seed 000 says must agree, in one value: the IdP side (issuer, realm, the CLI client and its
 * scopes), the API-server side (claims and prefixes), and the RBAC side (which prefixed group gets which
 * ClusterRole). {@link OidcRbac} emits every artifact from one of these, the stack exports it as the
 * {@code identity} output, and {@code citadel verify} checks a live IdP against it.
 *
 * @param issuerUrl      the issuer the API server trusts (https)
 * @param realm          the Keycloak realm name, or empty for another IdP
 * @param clientId       the public CLI client (kubelogin) whose ID tokens the API server accepts
 * @param redirectUris   the CLI client's redirect URIs (kubelogin listens on localhost)
 * @param scopes         the scopes kubelogin asks for (besides openid)
 * @param usernameClaim  the claim the API server takes the user name from
 * @param usernamePrefix the prefix it puts before the user name
 * @param groupsClaim    the claim holding the user's groups
 * @param groupsPrefix   the prefix it puts before every group
 * @param signingAlgs    accepted token signature algorithms
 * @param bindings       prefixed group (e.g. {@code oidc:admin}) to ClusterRole, in binding order
 * @param clientIds      every client the realm defines (the CLI client among them)
 */
public record OidcContract(String issuerUrl, String realm, String clientId, List<String> redirectUris,
                           List<String> scopes, String usernameClaim, String usernamePrefix, String groupsClaim,
                           String groupsPrefix, List<String> signingAlgs, Map<String, String> bindings,
                           List<String> clientIds) {

    /** The stack output the contract is exported as (by the stack program) and read back from (by verify, the PR report). */
    public static final String STACK_OUTPUT = "identity";

    public OidcContract {
        redirectUris = List.copyOf(redirectUris);
        scopes = List.copyOf(scopes);
        signingAlgs = List.copyOf(signingAlgs);
        bindings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bindings));
        clientIds = List.copyOf(clientIds);
    }

    /** The discovery document every OIDC client (and the API server) reads first. */
    public String discoveryUrl() {
        return issuerUrl + "/.well-known/openid-configuration";
    }

    /** The kube-apiserver {@code --oidc-*} flags (without dashes), in seed 000's order. */
    public Map<String, String> apiServerFlags() {
        var f = new LinkedHashMap<String, String>();
        f.put("oidc-issuer-url", issuerUrl);
        f.put("oidc-client-id", clientId);
        f.put("oidc-username-claim", usernameClaim);
        f.put("oidc-username-prefix", usernamePrefix);
        f.put("oidc-groups-claim", groupsClaim);
        f.put("oidc-groups-prefix", groupsPrefix);
        f.put("oidc-signing-algs", String.join(",", signingAlgs));
        return f;
    }

    /**
     * Seed 000's mapping table (IdP group, the subject the API server matches, ClusterRole, binding), as
     * Markdown: what {@code citadel plan --format markdown} shows reviewers and docs/components/identity.md reproduces.
     */
    public String bindingsTable() {
        var out = new StringBuilder("| IdP group | subject (`" + groupsClaim + "` claim + `" + groupsPrefix
                + "`) | ClusterRole | ClusterRoleBinding |\n|---|---|---|---|\n");
        bindings.forEach((subject, role) -> {
            var group = subject.substring(groupsPrefix.length());
            out.append("| `").append(group).append("` | `").append(subject).append("` | `").append(role).append("` | `")
                    .append(new GroupBinding(group, role).bindingName()).append("` |\n");
        });
        return out.toString();
    }

    /** As exported by the stack ({@code identity} output): plain maps, lists and strings, sorted where order carries nothing. */
    public Map<String, Object> toOutput() {
        var m = new TreeMap<String, Object>();
        m.put("issuerUrl", issuerUrl);
        m.put("realm", realm);
        m.put("clientId", clientId);
        m.put("redirectUris", new ArrayList<>(redirectUris));
        m.put("scopes", new ArrayList<>(scopes));
        m.put("usernameClaim", usernameClaim);
        m.put("usernamePrefix", usernamePrefix);
        m.put("groupsClaim", groupsClaim);
        m.put("groupsPrefix", groupsPrefix);
        m.put("signingAlgs", new ArrayList<>(signingAlgs));
        // A list, not a map: the plan sorts map keys, and the bindings read best in the order they were given.
        var b = new ArrayList<Map<String, Object>>();
        bindings.forEach((subject, role) -> {
            var entry = new TreeMap<String, Object>();
            entry.put("group", subject);
            entry.put("clusterRole", role);
            b.add(entry);
        });
        m.put("bindings", b);
        m.put("clientIds", new ArrayList<>(clientIds));
        return m;
    }

    /**
     * The contract a stack exported, from its outputs as plain values; names what is missing or malformed.
     *
     * @param stack   the stack's name, for messages
     * @param outputs the stack's outputs (plain maps, lists and strings)
     */
    @SuppressWarnings("unchecked")
    public static OidcContract fromStackOutputs(String stack, Map<String, ?> outputs) {
        var identity = outputs.get(STACK_OUTPUT);
        if (identity == null) {
            throw new IllegalArgumentException("stack " + stack + " has no '" + STACK_OUTPUT + "' output, so there is nothing"
                    + " to verify against: add citadel:identity (a realm or issuer, and rbac) to the stack, whose OidcRbac exports it");
        }
        if (!(identity instanceof Map)) {
            throw new IllegalArgumentException("stack " + stack + "'s '" + STACK_OUTPUT + "' output is " + identity
                    + ", not the identity contract (a map with issuerUrl, clientId, ...)");
        }
        try {
            return fromOutput((Map<String, ?>) identity);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException("stack " + stack + "'s '" + STACK_OUTPUT + "' output: " + e.getMessage());
        }
    }

    /** Reads {@link #toOutput()} back (the {@code identity} output of a plan); names the missing field. */
    @SuppressWarnings("unchecked")
    public static OidcContract fromOutput(Map<String, ?> output) {
        var m = new ContractFields("the identity contract", output);
        var bindings = new LinkedHashMap<String, String>();
        var list = m.required("bindings");
        if (!(list instanceof List)) {
            throw new IllegalArgumentException("the identity contract's 'bindings' is not a list: " + list);
        }
        for (var item : (List<?>) list) {
            var entry = new ContractFields("the identity contract", (Map<String, ?>) item);
            bindings.put(entry.string("group"), entry.string("clusterRole"));
        }
        return new OidcContract(m.string("issuerUrl"), m.string("realm"), m.string("clientId"),
                m.strings("redirectUris"), m.strings("scopes"), m.string("usernameClaim"), m.string("usernamePrefix"),
                m.string("groupsClaim"), m.string("groupsPrefix"), m.strings("signingAlgs"), bindings,
                m.strings("clientIds"));
    }
}
