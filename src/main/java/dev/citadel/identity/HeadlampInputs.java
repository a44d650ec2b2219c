package dev.citadel.identity;

import com.pulumi.core.annotations.Import;
import dev.citadel.config.Doc;
import dev.citadel.config.Inputs;

/** {@code citadel:identity.headlamp}: {@link Headlamp} on the API server's OIDC client. */
@Doc("Headlamp, its OIDC issuer, client and scopes the API server's.")
public final class HeadlampInputs extends Inputs {
    @Import(name = "url", required = true) @Doc("Headlamp's https URL; <url>/oidc-callback must be a redirect URI of the "
            + "API server's client.")
    private String url;
    @Import(name = "namespace") @Doc("The release's namespace; default kube-system.")
    private String namespace;
    @Import(name = "clientId") @Doc("Headlamp's realm client; default the API server's. Another id gets its own public "
            + "realm client (PKCE, <url>/oidc-callback, groups scope) and becomes a second audience of the API server, which "
            + "needs rbac.apiServer authentication-configuration.")
    private String clientId;
    @Import(name = "chartVersion") @Doc("The headlamp chart's version; default " + HeadlampArgs.CHART_VERSION + ".")
    private String chartVersion;

    /** Whether Headlamp has a client of its own, not the API server's {@code apiServerClientId}. */
    boolean ownClient(String apiServerClientId) {
        return clientId != null && !clientId.equals(apiServerClientId);
    }

    /** Headlamp's own realm client, derived from its url and clientId (nothing typed twice). */
    OidcClient realmClient() {
        return build(() -> HeadlampArgs.realmClient(clientId, url));
    }

    /** The API server's OIDC accepting Headlamp's own client too; a refusal is reported at clientId. */
    OidcRbacArgs withOwnAudience(OidcRbacArgs rbac) {
        return build("clientId", () -> rbac.withAudience(clientId));
    }

    HeadlampArgs toArgs(OidcRbacArgs rbac, KeycloakRealmArgs realm) {
        var b = HeadlampArgs.builder().rbac(rbac).url(url);
        ifSet(realm, b::realm);
        ifSet(namespace, b::namespace);
        ifSet(clientId, b::clientId);
        ifSet(chartVersion, b::chartVersion);
        return build(b::build);
    }
}
