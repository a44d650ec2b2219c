package dev.citadel.identity;

import com.pulumi.core.Output;
import dev.citadel.contract.OidcGroups;
import dev.citadel.names.KubernetesNames;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who may do what in the cluster, by IdP group, and where the API server learns it. Build with
 * {@link #builder()}; every check runs at {@link Builder#build()}, without a deployment.
 * <pre>{@code
 * OidcRbacArgs.builder()
 *     .idp(realm.contract())                             // issuer, client, claims and groups from the realm
 *     .bind("admin", GroupBinding.CLUSTER_ADMIN).bind("developer", GroupBinding.EDIT).bind("user", GroupBinding.VIEW)
 *     .apiServer(ApiServer.talos())
 *     .build()
 * }</pre>
 * The IdP may also be an {@code Output} (a realm another stack manages, read through a {@code StackReference}):
 * then the checks that need it run when its value arrives, and fail the deployment with the same messages.
 */
public final class OidcRbacArgs {
    /** Seed 000's prefix for users and groups alike. */
    public static final String DEFAULT_PREFIX = OidcGroups.DEFAULT_PREFIX;
    private static final Pattern CLUSTER_ROLE = Pattern.compile("[a-z0-9]([-a-z0-9.:]*[a-z0-9])?");

    private final Builder settings;
    private final Output<IdpContract> idp;
    private final Optional<OidcContract> contract;
    private final List<GroupBinding> bindings;

    private OidcRbacArgs(Builder settings, Output<IdpContract> idp, Optional<OidcContract> contract) {
        this.settings = settings;
        this.idp = idp;
        this.contract = contract;
        this.bindings = List.copyOf(settings.bindings);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Everything the API server, the bindings and kubelogin agree on; empty while the IdP is an unresolved {@code Output}. */
    public Optional<OidcContract> contract() { return contract; }
    public List<GroupBinding> bindings() { return bindings; }
    public ApiServer apiServer() { return settings.apiServer; }
    /** Name of the user entry in the kubeconfig output. */
    public String kubeconfigUser() { return settings.kubeconfigUser; }
    /** The prefix every bound group gets; known without the IdP. */
    public String groupsPrefix() { return settings.groupsPrefix; }
    /** Clients besides the contract's whose ID tokens the API server accepts ({@link Builder#audience(String)}). */
    public List<String> moreAudiences() { return List.copyOf(settings.audiences); }

    /** Every client id whose ID tokens the API server accepts, the contract's first; empty while the IdP is an {@code Output}. */
    public Optional<List<String>> audiences() {
        return contract.map(c -> {
            var all = new ArrayList<String>();
            all.add(c.clientId());
            all.addAll(settings.audiences);
            return List.copyOf(all);
        });
    }

    /**
     * These args with one more audience (Headlamp's own client), checked as {@link Builder#audience(String)} is: what
     * stack config does when {@code citadel:identity.headlamp.clientId} names a client other than the API server's.
     */
    public OidcRbacArgs withAudience(String clientId) {
        var b = settings.copy();
        b.knownIdp = settings.knownIdp;
        b.idpOutput = settings.idpOutput;
        b.audiences.add(clientId);
        return b.build();
    }

    /** The contract, known now or once the IdP's value arrives (checked then). */
    Output<OidcContract> contractOutput() {
        return contract.map(Output::of).orElseGet(() -> idp.applyValue(settings::contractFor));
    }

    public static final class Builder {
        private IdpContract knownIdp;
        private Output<IdpContract> idpOutput;
        private String usernameClaim = "email";
        private String usernamePrefix = DEFAULT_PREFIX;
        private boolean usernamePrefixSet;
        private String groupsClaim;
        private String groupsPrefix = DEFAULT_PREFIX;
        private final List<GroupBinding> bindings = new ArrayList<>();
        private ApiServer apiServer;
        private String kubeconfigUser = "oidc";
        private final List<String> audiences = new ArrayList<>();

        private Builder() {
        }

        /** The identity provider: a realm's {@link KeycloakRealm#contract()} or {@link IdpContract#external}. */
        public Builder idp(IdpContract idp) {
            this.knownIdp = idp;
            this.idpOutput = null;
            return this;
        }

        /** The identity provider as an {@code Output}, e.g. another stack's exported {@link IdpContract#toOutput()}. */
        public Builder idp(Output<IdpContract> idp) {
            this.idpOutput = idp;
            this.knownIdp = null;
            return this;
        }

        /**
         * Any other OIDC provider: its issuer, the CLI client id the API server accepts, and the group names its
         * groups claim carries (bindings are checked against them). Short for {@code idp(IdpContract.external(...))}.
         */
        public Builder issuer(String issuerUrl, String clientId, String... groups) {
            return idp(IdpContract.external(issuerUrl, clientId, groups));
        }

        /** Claim holding the groups; default: the IdP's ({@code groups}). A KeycloakRealm's mapper writes {@code groups}. */
        public Builder groupsClaim(String claim) { this.groupsClaim = claim; return this; }

        /** Claim holding the user name; default {@code email}. Another claim needs an explicit {@link #usernamePrefix}. */
        public Builder usernameClaim(String claim) { this.usernameClaim = claim; return this; }

        /** Prefix of user names; default {@code oidc:}; {@code "-"} for none. */
        public Builder usernamePrefix(String prefix) { this.usernamePrefix = prefix; this.usernamePrefixSet = true; return this; }

        /** Prefix of group names; default {@code oidc:}. Bindings get it automatically. */
        public Builder groupsPrefix(String prefix) { this.groupsPrefix = prefix; return this; }

        /** Bind the IdP group {@code group} (unprefixed) to {@code clusterRole}. */
        public Builder bind(String group, String clusterRole) { this.bindings.add(new GroupBinding(group, clusterRole)); return this; }

        public Builder apiServer(ApiServer target) { this.apiServer = target; return this; }

        public Builder kubeconfigUser(String name) { this.kubeconfigUser = name; return this; }

        /**
         * Another client of the IdP whose ID tokens the API server accepts besides the contract's (e.g. Headlamp's own
         * client): a second entry of the structured configuration's {@code audiences}, matched with
         * {@code audienceMatchPolicy: MatchAny}. Only {@link ApiServer#authenticationConfiguration()} (or its v1beta1)
         * can carry it: {@code --oidc-client-id} and EKS take one audience.
         */
        public Builder audience(String clientId) { this.audiences.add(clientId); return this; }

        public OidcRbacArgs build() {
            if (knownIdp == null && idpOutput == null) {
                throw new IllegalArgumentException("no identity provider: call idp(realm.contract()), idp(IdpContract.external(url, clientId, groups...)) "
                        + "or issuer(url, clientId, groups...)");
            }
            var copy = copy();
            // Kept with the settings, so withAudience can rebuild against the same IdP.
            copy.knownIdp = knownIdp;
            copy.idpOutput = idpOutput;
            if (!copy.audiences.isEmpty() && copy.apiServer instanceof ApiServer.Structured) {
                copy.apiServer = ((ApiServer.Structured) copy.apiServer).withAudiences(copy.audiences);
            }
            if (knownIdp != null) {
                return new OidcRbacArgs(copy, Output.of(knownIdp), Optional.of(copy.contractFor(knownIdp)));
            }
            copy.check(null);
            return new OidcRbacArgs(copy, idpOutput, Optional.empty());
        }

        /** The settings as they are now: later builder calls do not reach built args. */
        private Builder copy() {
            var b = new Builder();
            b.usernameClaim = usernameClaim;
            b.usernamePrefix = usernamePrefix;
            b.usernamePrefixSet = usernamePrefixSet;
            b.groupsClaim = groupsClaim;
            b.groupsPrefix = groupsPrefix;
            b.bindings.addAll(bindings);
            b.apiServer = apiServer;
            b.kubeconfigUser = kubeconfigUser;
            b.audiences.addAll(audiences);
            return b;
        }

        /** Checks everything against {@code idp} and renders the contract. */
        private OidcContract contractFor(IdpContract idp) {
            check(idp);
            var bound = new LinkedHashMap<String, String>();
            bindings.forEach(b -> bound.put(groupsPrefix + b.group(), b.clusterRole()));
            return new OidcContract(idp.issuerUrl(), idp.realm(), idp.clientId(), idp.redirectUris(), idp.scopes(),
                    usernameClaim, usernamePrefix, groupsClaim(idp), groupsPrefix, List.of("RS256"), bound, idp.clientIds());
        }

        private String groupsClaim(IdpContract idp) {
            return groupsClaim != null ? groupsClaim : idp.groupsClaim();
        }

        /** Every check; those that need the IdP only when {@code idp} is given. */
        private void check(IdpContract idp) {
            if (idp != null) {
                checkIssuer(idp.issuerUrl());
                if (!idp.scopes().contains(ClientScopes.GROUPS)) {
                    throw new IllegalArgumentException("client '" + idp.clientId() + "' has no 'groups' scope: its tokens would carry no "
                            + "groups claim, so users log in and then get Forbidden (seed 000 §1.3); use OidcClient.kubernetesCli()");
                }
            }
            if (usernameClaim == null || usernameClaim.isBlank()) {
                throw new IllegalArgumentException("usernameClaim is blank; use 'email'");
            }
            if (!usernameClaim.equals("email") && !usernamePrefixSet) {
                throw new IllegalArgumentException("usernameClaim is '" + usernameClaim + "' but no usernamePrefix is set: for claims other "
                        + "than email the API server silently prefixes user names with the issuer URL ("
                        + (idp == null ? "<issuer>" : idp.issuerUrl()) + "#alice), "
                        + "which no RBAC subject matches; set usernamePrefix(\"" + DEFAULT_PREFIX + "\") (or \"-\" for none)");
            }
            if (groupsClaim != null && groupsClaim.isBlank()) {
                throw new IllegalArgumentException("groupsClaim is blank; use '" + RealmRepresentation.GROUPS_CLAIM + "'");
            }
            if (idp != null && !idp.realm().isEmpty() && groupsClaim != null && !groupsClaim.equals(idp.groupsClaim())) {
                throw new IllegalArgumentException("groupsClaim is '" + groupsClaim + "', but the realm's group mapper writes '"
                        + idp.groupsClaim() + "': the API server would find no groups; leave groupsClaim unset");
            }
            checkPrefix("groupsPrefix", groupsPrefix, false);
            checkPrefix("usernamePrefix", usernamePrefix, true);
            if (bindings.isEmpty()) {
                throw new IllegalArgumentException("no bindings: add bind(\"admin\", GroupBinding.CLUSTER_ADMIN) and the like; "
                        + "without them every OIDC user is Forbidden everywhere");
            }
            checkBindings(idp);
            if (apiServer == null) {
                throw new IllegalArgumentException("apiServer is not set: choose ApiServer.talos(), kubeadm(), "
                        + "authenticationConfiguration() or eks(\"<cluster>\")");
            }
            if (apiServer instanceof ApiServer.Eks && (((ApiServer.Eks) apiServer).clusterName() == null
                    || ((ApiServer.Eks) apiServer).clusterName().isBlank())) {
                throw new IllegalArgumentException("apiServer: ApiServer.eks(...) needs the EKS cluster name");
            }
            KubernetesNames.subdomain("kubeconfigUser", kubeconfigUser);
            checkAudiences(idp);
        }

        private void checkAudiences(IdpContract idp) {
            var seen = new LinkedHashSet<String>();
            for (var audience : audiences) {
                if (audience == null || audience.isBlank()) {
                    throw new IllegalArgumentException("audience is blank; name a client of the IdP, e.g. 'headlamp'");
                }
                if ((idp != null && audience.equals(idp.clientId())) || !seen.add(audience)) {
                    throw new IllegalArgumentException("audience '" + audience + "' is given twice"
                            + (idp != null && audience.equals(idp.clientId()) ? " (it is the API server's client already)" : ""));
                }
                if (!(apiServer instanceof ApiServer.Structured)) {
                    var why = "'" + audience + "' would be a second audience of the API server, but its " + apiServer.kind()
                            + " target passes one client id (--oidc-client-id" + (apiServer instanceof ApiServer.Eks ? ", EKS clientId" : "")
                            + "), so every ID token issued to '" + audience + "' would be 401 Unauthorized; ";
                    throw new dev.citadel.value.Refused("audience: " + why + "use ApiServer.authenticationConfiguration() "
                            + "(Kubernetes 1.34+; authenticationConfigurationV1beta1() for 1.30 to 1.33), whose audiences take several",
                            why + "set citadel:identity.rbac.apiServer to authentication-configuration (Kubernetes 1.34+; "
                            + "authentication-configuration-v1beta1 for 1.30 to 1.33), whose audiences take several");
                }
                if (idp != null && !idp.realm().isEmpty() && !idp.clientIds().contains(audience)) {
                    throw new IllegalArgumentException("audience '" + audience + "': the " + idp.describe() + " has no client '"
                            + audience + "' (it has " + idp.clientIds() + "), so nobody gets a token for it; add the client to the realm");
                }
            }
        }

        private static void checkIssuer(String issuerUrl) {
            var lower = issuerUrl == null ? "" : issuerUrl.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("https://") || issuerUrl.length() <= "https://".length()) {
                throw new IllegalArgumentException("issuer: '" + issuerUrl + "' is not https; the API server (and EKS) accept only an "
                        + "https OIDC issuer, so every login would fail; serve the IdP over https");
            }
            if (issuerUrl.endsWith("/")) {
                throw new IllegalArgumentException("issuer: '" + issuerUrl + "' ends with '/'; the API server compares it with the "
                        + "token's iss exactly, and Keycloak's has no trailing slash: write '" + issuerUrl.replaceAll("/+$", "") + "'");
            }
        }

        private void checkBindings(IdpContract idp) {
            var seen = new LinkedHashSet<String>();
            var names = new LinkedHashMap<String, GroupBinding>();
            for (var b : bindings) {
                checkBinding(b, idp);
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
                    throw new IllegalArgumentException("bindings." + b.group() + ": the group name has no letter or digit "
                            + "a Kubernetes object name could use; rename the group");
                }
            }
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

        private void checkBinding(GroupBinding b, IdpContract idp) {
            if (b.group() == null || b.group().isBlank()) {
                throw new IllegalArgumentException("bind: group is blank; name a realm group, e.g. bind(\"admin\", \"cluster-admin\")");
            }
            // Named as the bindings map's entry, which is also the stack config's key (citadel:identity.rbac.bindings.<group>).
            var where = "bindings." + b.group();
            if (b.group().startsWith(groupsPrefix) || b.group().startsWith("/")) {
                throw new IllegalArgumentException(where + ": give the realm group's plain name ('"
                        + b.group().replaceFirst("^" + Pattern.quote(groupsPrefix), "").replaceFirst("^/", "")
                        + "'); the prefix '" + groupsPrefix + "' is added for you and groups carry no path");
            }
            if (b.group().startsWith("system:")) {
                throw new IllegalArgumentException(where + ": '" + b.group() + "' is a Kubernetes system group, not an IdP group; "
                        + "bind realm groups only");
            }
            if (idp != null && !idp.groups().contains(b.group())) {
                throw new IllegalArgumentException(where + ": the " + idp.describe()
                        + " has no group '" + b.group() + "' (it has " + idp.groups() + "); the binding would match nobody. "
                        + "Add the group or fix the name");
            }
            if (b.clusterRole() == null || !CLUSTER_ROLE.matcher(b.clusterRole()).matches()) {
                throw new IllegalArgumentException(where + ": '" + b.clusterRole() + "' is not a ClusterRole name; e.g. 'view', 'edit', 'cluster-admin'");
            }
            var defaultGroup = idp != null && idp.defaultGroups().contains(b.group());
            if (idp != null && idp.openSignUp() && defaultGroup) {
                throw new IllegalArgumentException(where + ": '" + b.group() + "' is a default group and the realm lets any Google "
                        + "account sign in (no hostedDomain): every Google user on the internet would get '" + b.clusterRole()
                        + "'. Set the Google hostedDomain, or drop '" + b.group() + "' from defaultGroups and assign it by hand");
            }
            var catchAll = defaultGroup || OidcGroups.isCatchAllName(b.group());
            if (catchAll && b.clusterRole().equals(GroupBinding.CLUSTER_ADMIN)) {
                throw new IllegalArgumentException(where + ": '" + b.group() + "' is a catch-all group ("
                        + (defaultGroup ? "every new user joins it" : "by its name, every user is in it")
                        + "); binding it to cluster-admin gives everyone who can log in full control of the cluster. "
                        + "Bind a dedicated admin group, and give '" + b.group() + "' view");
            }
        }
    }
}
