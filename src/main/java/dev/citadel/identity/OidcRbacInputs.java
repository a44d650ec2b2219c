package dev.citadel.identity;

import com.pulumi.core.annotations.Import;
import dev.citadel.config.Doc;
import dev.citadel.config.Inputs;

import java.util.List;
import java.util.Map;

/** {@code citadel:identity.rbac}: {@link OidcRbac} for the realm's (or the issuer's) contract. */
@Doc("API-server OIDC and the ClusterRoleBindings of the IdP's groups.")
public class OidcRbacInputs extends Inputs {
    @Import(name = "apiServer", required = true) @Doc("Where the API server learns OIDC: talos, kubeadm, authentication-configuration "
            + "(v1, Kubernetes 1.34+), authentication-configuration-v1beta1 or eks.")
    private String apiServer;
    @Import(name = "eksCluster") @Doc("apiServer eks: the EKS cluster's name.")
    private String eksCluster;
    @Import(name = "bindings", required = true) @Doc("Realm groups to ClusterRoles, e.g. {admin: cluster-admin, user: view}; "
            + "without them every OIDC user is Forbidden everywhere.")
    private Map<String, String> bindings;
    @Import(name = "clientId") @Doc("With realm: the realm client whose tokens the API server accepts; default "
            + OidcClient.KUBERNETES_CLIENT_ID + ".")
    private String clientId;
    @Import(name = "usernameClaim") @Doc("The claim that names the user; default email.")
    private String usernameClaim;
    @Import(name = "usernamePrefix") @Doc("Put before every user name; default " + OidcRbacArgs.DEFAULT_PREFIX + ".")
    private String usernamePrefix;
    @Import(name = "groupsPrefix") @Doc("Put before every group name; default " + OidcRbacArgs.DEFAULT_PREFIX + ".")
    private String groupsPrefix;
    @Import(name = "groupsClaim") @Doc("The claim that lists the groups; default the IdP contract's.")
    private String groupsClaim;
    @Import(name = "kubeconfigUser") @Doc("The user entry of the generated kubeconfig.")
    private String kubeconfigUser;

    /** The realm client the API server accepts, when the IdP is a realm of this stack. */
    public String clientId() {
        return clientId == null ? OidcClient.KUBERNETES_CLIENT_ID : clientId;
    }

    boolean namesClient() {
        return clientId != null;
    }

    public OidcRbacArgs toArgs(IdpContract idp) {
        var b = OidcRbacArgs.builder().idp(idp);
        ifSet(usernameClaim, b::usernameClaim);
        ifSet(usernamePrefix, b::usernamePrefix);
        ifSet(groupsPrefix, b::groupsPrefix);
        ifSet(groupsClaim, b::groupsClaim);
        ifSet(kubeconfigUser, b::kubeconfigUser);
        bindings.forEach(b::bind);
        b.apiServer(target());
        return build(b::build);
    }

    private ApiServer target() {
        switch (apiServer) {
            case "talos":
                return ApiServer.talos();
            case "kubeadm":
                return ApiServer.kubeadm();
            case "authentication-configuration":
                return ApiServer.authenticationConfiguration();
            case "authentication-configuration-v1beta1":
                return ApiServer.authenticationConfigurationV1beta1();
            case "eks":
                if (eksCluster == null) {
                    throw fail("eksCluster", " is missing; add 'eksCluster: ...' there (the EKS cluster's name)");
                }
                return ApiServer.eks(eksCluster);
            default:
                throw fail("apiServer", ": '" + dev.citadel.config.Plain.shown(apiServer) + "' is not a target; use "
                        + "talos, kubeadm, authentication-configuration (v1, Kubernetes 1.34+), authentication-configuration-v1beta1 or eks");
        }
    }

    /** {@code citadel:identity.issuer}: an IdP Citadel does not manage here (another stack's realm, the company IdP). */
    @Doc("An IdP Citadel does not manage here, as the contract it promises.")
    public static final class Issuer extends Inputs {
        @Import(name = "url", required = true) @Doc("The issuer URL (https, no trailing slash).")
        private String url;
        @Import(name = "clientId") @Doc("The client whose tokens the API server accepts; default " + OidcClient.KUBERNETES_CLIENT_ID + ".")
        private String clientId;
        @Import(name = "groups") @Doc("The groups the IdP puts in tokens.")
        private List<String> groups;
        @Import(name = "realm") @Doc("The Keycloak realm's name, when the issuer is one.")
        private String realm;
        @Import(name = "groupsClaim") @Doc("The claim that lists the groups; default groups.")
        private String groupsClaim;
        @Import(name = "defaultGroups") @Doc("Groups every user is in (catch-alls).")
        private List<String> defaultGroups;

        public IdpContract contract() {
            var external = IdpContract.external(url, clientId == null ? OidcClient.KUBERNETES_CLIENT_ID : clientId, groups.toArray(String[]::new));
            return new IdpContract(external.issuerUrl(), realm == null ? "" : realm, external.clientId(), external.redirectUris(),
                    external.scopes(), groupsClaim == null ? external.groupsClaim() : groupsClaim, external.groups(),
                    List.copyOf(defaultGroups), false, external.clientIds());
        }
    }
}
