package dev.citadel.pkg;

import com.pulumi.core.annotations.Import;
import dev.citadel.config.Doc;
import dev.citadel.identity.IdpContract;
import dev.citadel.identity.OidcRbacInputs;

/**
 * {@code citadel:identity.rbac}, and the IdP it trusts: a stack program takes the contract from its realm or from
 * {@code citadel:identity.issuer}; a program in another language passes the issuer, e.g. a KeycloakRealm's outputs.
 */
@Doc("API-server OIDC and the ClusterRoleBindings of the IdP's groups.")
public final class PackagedRbacInputs extends OidcRbacInputs {
    @Import(name = "issuer", required = true) @Doc("The IdP whose tokens the API server accepts, as the contract it promises.")
    private Issuer issuer;

    IdpContract idp() {
        return issuer.build(issuer::contract);
    }
}
