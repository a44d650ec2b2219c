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
    @Import(name = "clientId") @Doc("Only the API server's client id is accepted (its tokens' aud); default that one.")
    private String clientId;
    @Import(name = "chartVersion") @Doc("The headlamp chart's version; default " + HeadlampArgs.CHART_VERSION + ".")
    private String chartVersion;

    HeadlampArgs toArgs(OidcRbacArgs rbac) {
        var b = HeadlampArgs.builder().rbac(rbac).url(url);
        ifSet(namespace, b::namespace);
        ifSet(clientId, b::clientId);
        ifSet(chartVersion, b::chartVersion);
        return build(b::build);
    }
}
