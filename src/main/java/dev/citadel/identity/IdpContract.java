package dev.citadel.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an identity provider promises the Kubernetes side: its issuer, the CLI client kubelogin uses (its redirect
 * URIs and scopes), the claim groups arrive in and the group names it can carry. A {@link KeycloakRealm} hands one
 * out ({@link KeycloakRealm#contract()}); another IdP is {@link #external}; a realm managed by another stack
 * travels as its {@link #toOutput()} (a {@code StackReference} output, read back with {@link #fromOutput}). It is
 * a value, so {@link OidcRbacArgs} built from it can be checked without a deployment.
 *
 * @param issuerUrl     the issuer (https, no trailing slash)
 * @param realm         the Keycloak realm's name; empty for another IdP
 * @param clientId      the public CLI client the API server accepts tokens of
 * @param redirectUris  that client's redirect URIs (kubelogin's local listener)
 * @param scopes        the scopes that client may ask for
 * @param groupsClaim   the claim the IdP writes group names into
 * @param groups        every group name the claim can carry
 * @param defaultGroups groups every new account joins (catch-alls)
 * @param openSignUp    true when anyone on the internet can get an account (Google without a hosted domain)
 * @param clientIds     every client of the realm
 */
public record IdpContract(String issuerUrl, String realm, String clientId, List<String> redirectUris, List<String> scopes,
                          String groupsClaim, List<String> groups, List<String> defaultGroups, boolean openSignUp,
                          List<String> clientIds) {

    public IdpContract {
        redirectUris = List.copyOf(redirectUris);
        scopes = List.copyOf(scopes);
        groups = List.copyOf(groups);
        defaultGroups = List.copyOf(defaultGroups);
        clientIds = List.copyOf(clientIds);
    }

    /**
     * Any other OIDC provider: its issuer, the CLI client id the API server accepts (a client like
     * {@link OidcClient#kubernetesCli(String)}), and the group names its {@code groups} claim carries.
     */
    public static IdpContract external(String issuerUrl, String clientId, String... groups) {
        var cli = OidcClient.kubernetesCli(clientId);
        return new IdpContract(issuerUrl, "", clientId, cli.redirectUris(), cli.scopes(), RealmRepresentation.GROUPS_CLAIM,
                List.of(groups), List.of(), false, List.of(clientId));
    }

    /** The same IdP, its groups arriving in another claim (only for {@link #external} IdPs). */
    public IdpContract withGroupsClaim(String claim) {
        return new IdpContract(issuerUrl, realm, clientId, redirectUris, scopes, claim, groups, defaultGroups, openSignUp, clientIds);
    }

    /** For the realm in messages: {@code realm 'homelab'} or {@code identity provider}. */
    String describe() {
        return realm.isEmpty() ? "identity provider" : "realm '" + realm + "'";
    }

    /** Plain maps, lists and strings, as a stack exports it. */
    public Map<String, Object> toOutput() {
        var m = new TreeMap<String, Object>();
        m.put("issuerUrl", issuerUrl);
        m.put("realm", realm);
        m.put("clientId", clientId);
        m.put("redirectUris", new ArrayList<>(redirectUris));
        m.put("scopes", new ArrayList<>(scopes));
        m.put("groupsClaim", groupsClaim);
        m.put("groups", new ArrayList<>(groups));
        m.put("defaultGroups", new ArrayList<>(defaultGroups));
        m.put("openSignUp", openSignUp);
        m.put("clientIds", new ArrayList<>(clientIds));
        return m;
    }

    /**
     * Another stack's exported contract, as a {@code StackReference} output hands it over (an untyped value):
     * {@code identity.requireOutput("realmContract").applyValue(IdpContract::fromStackOutput)}.
     */
    @SuppressWarnings("unchecked")
    public static IdpContract fromStackOutput(Object value) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("the identity provider contract is " + value + ", not a map with issuerUrl, "
                    + "clientId, groups, ...; export realm.contract().toOutput() from the realm's stack");
        }
        return fromOutput((Map<String, ?>) value);
    }

    /** Reads {@link #toOutput()} back (e.g. another stack's output); names what is missing. */
    public static IdpContract fromOutput(Map<String, ?> output) {
        var m = new ContractFields("the identity provider contract", output);
        return new IdpContract(m.string("issuerUrl"), output.containsKey("realm") ? m.string("realm") : "", m.string("clientId"),
                m.strings("redirectUris"), m.strings("scopes"), m.string("groupsClaim"), m.strings("groups"),
                output.containsKey("defaultGroups") ? m.strings("defaultGroups") : List.of(),
                Boolean.parseBoolean(String.valueOf(output.get("openSignUp"))),
                output.containsKey("clientIds") ? m.strings("clientIds") : List.of(m.string("clientId")));
    }
}
