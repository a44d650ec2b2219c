package dev.citadel.identity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may do what in the cluster, by IdP group, and where the API server learns it. Build with
 * {@link #builder()}; every check runs at {@link Builder#build()}.
 * <pre>{@code
 * OidcRbacArgs.builder()
 *     .realm(realm)                                      // issuer, client, claims and groups from the realm
 *     .bind("admin", GroupBinding.CLUSTER_ADMIN).bind("developer", GroupBinding.EDIT).bind("user", GroupBinding.VIEW)
 *     .apiServer(ApiServer.talos())
 *     .build()
 * }</pre>
 */
public final class OidcRbacArgs {
    /** Seed 000's prefix for users and groups alike. */
    public static final String DEFAULT_PREFIX = "oidc:";
    /** Group names that mean "everybody who can log in" (the same list the no-cluster-admin-for-broad-groups policy uses). */
    static final Set<String> CATCH_ALL_NAMES = Set.of("user", "users", "everyone", "all");
    private static final Pattern CLUSTER_ROLE = Pattern.compile("[a-z0-9]([-a-z0-9.:]*[a-z0-9])?");

    private final OidcContract contract;
    private final List<GroupBinding> bindings;
    private final ApiServer apiServer;
    private final String kubeconfigUser;

    private OidcRbacArgs(OidcContract contract, List<GroupBinding> bindings, ApiServer apiServer, String kubeconfigUser) {
        this.contract = contract;
        this.bindings = List.copyOf(bindings);
        this.apiServer = apiServer;
        this.kubeconfigUser = kubeconfigUser;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Everything the API server, the bindings and kubelogin agree on. */
    public OidcContract contract() { return contract; }
    public List<GroupBinding> bindings() { return bindings; }
    public ApiServer apiServer() { return apiServer; }
    /** Name of the user entry in the kubeconfig output. */
    public String kubeconfigUser() { return kubeconfigUser; }

    public static final class Builder {
        private String issuerUrl;
        private String realmName = "";
        private OidcClient client;
        private String missingClient;
        private List<String> clientIds = List.of();
        private List<String> knownGroups;
        private List<String> catchAllGroups = List.of();
        private boolean openSignUp;
        private String usernameClaim = "email";
        private String usernamePrefix = DEFAULT_PREFIX;
        private boolean usernamePrefixSet;
        private String groupsClaim = RealmRepresentation.GROUPS_CLAIM;
        private boolean fromRealm;
        private String groupsPrefix = DEFAULT_PREFIX;
        private final List<GroupBinding> bindings = new ArrayList<>();
        private ApiServer apiServer;
        private String kubeconfigUser = "oidc";

        private Builder() {
        }

        /** The realm's {@value OidcClient#KUBERNETES_CLIENT_ID} client. */
        public Builder realm(KeycloakRealm realm) {
            return realm(realm, OidcClient.KUBERNETES_CLIENT_ID);
        }

        /** Issuer, groups and the CLI client {@code clientId} from the realm. */
        public Builder realm(KeycloakRealm realm, String clientId) {
            this.issuerUrl = realm.issuerUrl();
            this.realmName = realm.realmName();
            this.clientIds = realm.clientIds();
            this.client = realm.client(clientId).orElse(null);
            this.missingClient = client == null ? "realm '" + realm.realmName() + "' has no client '" + clientId
                    + "' (it has " + realm.clientIds() + "); add client(OidcClient.kubernetesCli(\"" + clientId + "\")) to it" : null;
            this.knownGroups = realm.groupNames();
            this.catchAllGroups = realm.defaultGroups();
            this.openSignUp = realm.openSignUp();
            this.fromRealm = true;
            return this;
        }

        /**
         * Any other OIDC provider: its issuer, the CLI client id the API server accepts, and the group names its
         * groups claim carries (bindings are checked against them).
         */
        public Builder issuer(String issuerUrl, String clientId, String... groups) {
            this.issuerUrl = issuerUrl;
            this.client = OidcClient.kubernetesCli(clientId);
            this.clientIds = List.of(clientId);
            this.missingClient = null;
            this.knownGroups = List.of(groups);
            this.catchAllGroups = List.of();
            this.openSignUp = false;
            this.realmName = "";
            this.fromRealm = false;
            return this;
        }

        /** Claim holding the groups; default {@code groups}. Only for {@link #issuer}: a KeycloakRealm's mapper writes {@code groups}. */
        public Builder groupsClaim(String claim) { this.groupsClaim = claim; return this; }

        /** Claim holding the user name; default {@code email}. Another claim needs an explicit {@link #usernamePrefix}. */
        public Builder usernameClaim(String claim) { this.usernameClaim = claim; return this; }

        /** Prefix of user names; default {@code oidc:}; {@code "-"} for none. */
        public Builder usernamePrefix(String prefix) { this.usernamePrefix = prefix; this.usernamePrefixSet = true; return this; }

        /** Prefix of group names; default {@code oidc:}. Bindings get it automatically. */
        public Builder groupsPrefix(String prefix) { this.groupsPrefix = prefix; return this; }

        /** Bind the realm group {@code group} (unprefixed) to {@code clusterRole}. */
        public Builder bind(String group, String clusterRole) { this.bindings.add(new GroupBinding(group, clusterRole)); return this; }

        public Builder apiServer(ApiServer target) { this.apiServer = target; return this; }

        public Builder kubeconfigUser(String name) { this.kubeconfigUser = name; return this; }

        public OidcRbacArgs build() {
            if (issuerUrl == null) {
                throw new IllegalArgumentException("no identity provider: call realm(keycloakRealm) or issuer(url, clientId, groups...)");
            }
            if (missingClient != null) {
                throw new IllegalArgumentException("realm: " + missingClient);
            }
            var lower = issuerUrl.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("https://") || issuerUrl.length() <= "https://".length()) {
                throw new IllegalArgumentException("issuer: '" + issuerUrl + "' is not https; the API server (and EKS) accept only an "
                        + "https OIDC issuer, so every login would fail; serve the IdP over https");
            }
            if (issuerUrl.endsWith("/")) {
                throw new IllegalArgumentException("issuer: '" + issuerUrl + "' ends with '/'; the API server compares it with the "
                        + "token's iss exactly, and Keycloak's has no trailing slash: write '" + issuerUrl.replaceAll("/+$", "") + "'");
            }
            if (!client.scopes().contains(ClientScopes.GROUPS)) {
                throw new IllegalArgumentException("client '" + client.clientId() + "' has no 'groups' scope: its tokens would carry no "
                        + "groups claim, so users log in and then get Forbidden (seed 000 §1.3); use OidcClient.kubernetesCli()");
            }
            if (usernameClaim == null || usernameClaim.isBlank()) {
                throw new IllegalArgumentException("usernameClaim is blank; use 'email'");
            }
            if (!usernameClaim.equals("email") && !usernamePrefixSet) {
                throw new IllegalArgumentException("usernameClaim is '" + usernameClaim + "' but no usernamePrefix is set: for claims other "
                        + "than email the API server silently prefixes user names with the issuer URL (" + issuerUrl + "#alice), "
                        + "which no RBAC subject matches; set usernamePrefix(\"" + DEFAULT_PREFIX + "\") (or \"-\" for none)");
            }
            if (groupsClaim == null || groupsClaim.isBlank()) {
                throw new IllegalArgumentException("groupsClaim is blank; use '" + RealmRepresentation.GROUPS_CLAIM + "'");
            }
            if (fromRealm && !groupsClaim.equals(RealmRepresentation.GROUPS_CLAIM)) {
                throw new IllegalArgumentException("groupsClaim is '" + groupsClaim + "', but the realm's group mapper writes '"
                        + RealmRepresentation.GROUPS_CLAIM + "': the API server would find no groups; leave groupsClaim unset");
            }
            checkPrefix("groupsPrefix", groupsPrefix, false);
            checkPrefix("usernamePrefix", usernamePrefix, true);
            if (bindings.isEmpty()) {
                throw new IllegalArgumentException("no bindings: add bind(\"admin\", GroupBinding.CLUSTER_ADMIN) and the like; "
                        + "without them every OIDC user is Forbidden everywhere");
            }
            var seen = new LinkedHashSet<String>();
            var names = new java.util.LinkedHashMap<String, GroupBinding>();
            for (var b : bindings) {
                checkBinding(b);
                if (!seen.add(b.group() + " -> " + b.clusterRole())) {
                    throw new IllegalArgumentException("bind(\"" + b.group() + "\", \"" + b.clusterRole() + "\") is given twice");
                }
                var clash = names.put(b.bindingName(), b);
                if (clash != null && clash.group().equals(b.group())) {
                    throw new IllegalArgumentException("group '" + b.group() + "' is bound twice (" + clash.clusterRole() + ", "
                            + b.clusterRole() + "): each group gets one ClusterRole here; ClusterRoles aggregate, so give the "
                            + "group one that includes both");
                }
                if (clash != null) {
                    throw new IllegalArgumentException("groups '" + clash.group() + "' and '" + b.group() + "' would both be bound by "
                            + "ClusterRoleBinding '" + b.bindingName() + "'; rename one of the groups");
                }
                if (b.bindingName().equals("oidc-cluster-s")) {
                    throw new IllegalArgumentException("bind(\"" + b.group() + "\", ...): the group name has no letter or digit "
                            + "a Kubernetes object name could use; rename the group");
                }
            }
            if (apiServer == null) {
                throw new IllegalArgumentException("apiServer is not set: choose ApiServer.talos(), kubeadm(), "
                        + "authenticationConfiguration() or eks(\"<cluster>\")");
            }
            if (apiServer instanceof ApiServer.Eks && (((ApiServer.Eks) apiServer).clusterName() == null
                    || ((ApiServer.Eks) apiServer).clusterName().isBlank())) {
                throw new IllegalArgumentException("apiServer: ApiServer.eks(...) needs the EKS cluster name");
            }
            dev.citadel.names.KubernetesNames.subdomain("kubeconfigUser", kubeconfigUser);
            var bound = new java.util.LinkedHashMap<String, String>();
            bindings.forEach(b -> bound.put(groupsPrefix + b.group(), b.clusterRole()));
            var scopes = new ArrayList<String>();
            client.scopes().forEach(scopes::add);
            var contract = new OidcContract(issuerUrl, realmName, client.clientId(), client.redirectUris(), scopes,
                    usernameClaim, usernamePrefix, groupsClaim, groupsPrefix, List.of("RS256"), bound, clientIds);
            return new OidcRbacArgs(contract, bindings, apiServer, kubeconfigUser);
        }

        private static void checkPrefix(String field, String prefix, boolean dashAllowed) {
            if (prefix == null || prefix.isEmpty()) {
                throw new IllegalArgumentException(field + " is empty: unprefixed IdP names could be 'system:masters' and the like; "
                        + "use '" + DEFAULT_PREFIX + "'" + (dashAllowed ? " (or '-' to take names as they are)" : ""));
            }
            if (prefix.equals("-") && !dashAllowed) {
                throw new IllegalArgumentException(field + " is '-': groups from the IdP must be prefixed so none can pose as a "
                        + "Kubernetes system group; use '" + DEFAULT_PREFIX + "'");
            }
            if (prefix.startsWith("system:")) {
                throw new IllegalArgumentException(field + " is '" + prefix + "': the system: namespace belongs to Kubernetes (and EKS "
                        + "refuses it); use '" + DEFAULT_PREFIX + "'");
            }
        }

        private void checkBinding(GroupBinding b) {
            if (b.group() == null || b.group().isBlank()) {
                throw new IllegalArgumentException("bind: group is blank; name a realm group, e.g. bind(\"admin\", \"cluster-admin\")");
            }
            var where = "bind(\"" + b.group() + "\", \"" + b.clusterRole() + "\")";
            if (b.group().startsWith(groupsPrefix) || b.group().startsWith("/")) {
                throw new IllegalArgumentException(where + ": give the realm group's plain name ('"
                        + b.group().replaceFirst("^" + Pattern.quote(groupsPrefix), "").replaceFirst("^/", "")
                        + "'); the prefix '" + groupsPrefix + "' is added for you and groups carry no path");
            }
            if (b.group().startsWith("system:")) {
                throw new IllegalArgumentException(where + ": '" + b.group() + "' is a Kubernetes system group, not an IdP group; "
                        + "bind realm groups only");
            }
            if (!knownGroups.contains(b.group())) {
                throw new IllegalArgumentException(where + ": the " + (realmName.isEmpty() ? "identity provider" : "realm '" + realmName + "'")
                        + " has no group '" + b.group() + "' (it has " + knownGroups + "); the binding would match nobody. "
                        + "Add the group or fix the name");
            }
            if (b.clusterRole() == null || !CLUSTER_ROLE.matcher(b.clusterRole()).matches()) {
                throw new IllegalArgumentException(where + ": '" + b.clusterRole() + "' is not a ClusterRole name; e.g. 'view', 'edit', 'cluster-admin'");
            }
            if (openSignUp && catchAllGroups.contains(b.group())) {
                throw new IllegalArgumentException(where + ": '" + b.group() + "' is a default group and the realm lets any Google "
                        + "account sign in (no hostedDomain): every Google user on the internet would get '" + b.clusterRole()
                        + "'. Set the Google hostedDomain, or drop '" + b.group() + "' from defaultGroups and assign it by hand");
            }
            var catchAll = catchAllGroups.contains(b.group()) || CATCH_ALL_NAMES.contains(b.group().toLowerCase(Locale.ROOT));
            if (catchAll && b.clusterRole().equals(GroupBinding.CLUSTER_ADMIN)) {
                throw new IllegalArgumentException(where + ": '" + b.group() + "' is a catch-all group ("
                        + (catchAllGroups.contains(b.group()) ? "every new user joins it" : "by its name, every user is in it")
                        + "); binding it to cluster-admin gives everyone who can log in full control of the cluster. "
                        + "Bind a dedicated admin group, and give '" + b.group() + "' view");
            }
        }
    }
}
