package dev.citadel.identity;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import dev.citadel.config.Doc;
import dev.citadel.config.Inputs;
import dev.citadel.config.Scope;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code citadel:identity}: a {@link KeycloakRealm} ({@code keycloak} + {@code realm}) or an external issuer
 * ({@code issuer}), and {@link OidcRbac} ({@code rbac}) for it.
 */
@Doc("Who logs in: a Keycloak realm Citadel manages (keycloak + realm) or another IdP (issuer), and the cluster's RBAC for it.")
public final class IdentityInputs extends Inputs {
    @Import(name = "keycloak") @Doc("The Keycloak the realm goes to.")
    private KeycloakRealmInputs.KeycloakInstance keycloak;
    @Import(name = "realm") @Doc("A realm Citadel manages.")
    private KeycloakRealmInputs realm;
    @Import(name = "issuer") @Doc("Or: an IdP Citadel does not manage here.")
    private OidcRbacInputs.Issuer issuer;
    @Import(name = "rbac") @Doc("API-server OIDC and group bindings.")
    private OidcRbacInputs rbac;
    @Import(name = "headlamp") @Doc("Headlamp, logging in through the API server's OIDC client or, with a structured "
            + "AuthenticationConfiguration, its own (needs rbac).")
    private HeadlampInputs headlamp;

    /**
     * What the section defined: the stack outputs it contributes, and the realm's args when it has a realm (the
     * gateway's policies are checked against them).
     */
    public record Defined(Map<String, Output<?>> exports, java.util.Optional<KeycloakRealmArgs> realm) {
    }

    /**
     * Clients another section needs in the realm, resolved in the realm's scope (the realm waits for their secrets);
     * {@code realmClientIds} are the realm's own, which they must not take.
     */
    public interface MoreClients {
        java.util.List<OidcClient> clients(Scope realmScope, String realmNamespace, java.util.List<String> realmClientIds);
    }

    /** The {@code citadel:} secret settings the section reads (the Keycloak admin's credential). */
    public java.util.List<String> secretSettings() {
        return keycloak == null ? java.util.List.of() : keycloak.secretSettings();
    }

    /** Registers the components; returns the stack outputs they contribute (none when the section is absent). */
    public Map<String, Output<?>> define(Scope scope) {
        return define(scope, (s, ns, ids) -> java.util.List.of()).exports();
    }

    public Defined define(Scope scope, MoreClients more) {
        var exports = new LinkedHashMap<String, Output<?>>();
        KeycloakRealmArgs realmArgs = null;
        if (realm == null && issuer == null && rbac == null && keycloak == null && headlamp == null) {
            return new Defined(exports, java.util.Optional.empty());
        }
        IdpContract idp;
        if (realm != null) {
            if (issuer != null) {
                throw mistake(": give either realm (a Keycloak realm Citadel manages) or issuer (another IdP), not both");
            }
            if (keycloak == null) {
                throw fail("keycloak", " is missing; add 'keycloak: {url, namespace}' there (the Keycloak the realm is imported into)");
            }
            var realmScope = scope.another();
            var clients = new java.util.ArrayList<>(more.clients(realmScope, keycloak.namespace(), realm.clientIds()));
            if (headlamp != null && rbac != null && headlamp.ownClient(rbac.clientId())) {
                clients.add(headlamp.realmClient());
            }
            var args = realm.toArgs(realmScope, keycloak, clients);
            realmArgs = args;
            var component = new KeycloakRealm(realm.name(), args, realmScope.options());
            exports.put("keycloakRealm", Output.tuple(component.issuerUrl(), component.jwksUri(), component.clientIds()).applyValue(t -> {
                var realmExport = new TreeMap<String, Object>();
                realmExport.put("issuerUrl", t.t1);
                realmExport.put("jwksUri", t.t2);
                realmExport.put("clientIds", t.t3);
                return realmExport;
            }));
            var clientId = rbac == null ? OidcClient.KUBERNETES_CLIENT_ID : rbac.clientId();
            idp = rbac == null ? build(() -> component.contract(clientId)) : rbac.build("clientId", () -> component.contract(clientId));
        } else if (issuer != null) {
            if (rbac != null && rbac.namesClient()) {
                throw fail("rbac", ".clientId: with issuer, the client id is issuer.clientId; "
                        + "rbac.clientId picks a client of a Keycloak realm");
            }
            idp = issuer.build(issuer::contract);
        } else {
            throw mistake(": rbac needs an identity provider: add realm (Keycloak) or issuer (another IdP)");
        }
        if (rbac == null) {
            if (headlamp != null) {
                throw fail("headlamp", ": Headlamp logs in through the API server's OIDC client; add rbac (the API server's OIDC) too");
            }
            return new Defined(exports, java.util.Optional.ofNullable(realmArgs));
        }
        var rbacScope = scope.another();
        var rbacArgs = rbac.toArgs(idp);
        if (headlamp != null && headlamp.ownClient(idp.clientId())) {
            rbacArgs = headlamp.withOwnAudience(rbacArgs);
        }
        var component = new OidcRbac(scope.stack() + "-oidc", rbacArgs, rbacScope.options());
        exports.put(OidcContract.STACK_OUTPUT, component.contract().applyValue(OidcContract::toOutput));
        exports.put("kubeconfigUser", component.kubeconfigUser());
        exports.putAll(component.apiServer().exports());
        if (headlamp != null) {
            var headlampScope = scope.another();
            new Headlamp(scope.stack() + "-headlamp", headlamp.toArgs(rbacArgs, realmArgs), headlampScope.options());
        }
        return new Defined(exports, java.util.Optional.ofNullable(realmArgs));
    }
}
