package dev.citadel.identity;

import com.pulumi.core.Output;
import dev.citadel.names.KubernetesNames;
import dev.citadel.secrets.SecretRef;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a {@link KeycloakRealm} holds. Build with {@link #builder()}; every check runs at {@link Builder#build()}.
 * <pre>{@code
 * KeycloakRealmArgs.builder()
 *     .keycloakUrl("https://sso.example.com").namespace("identity")
 *     .realm("homelab")
 *     .groups(Group.of("admin"), Group.of("developer"), Group.of("user"))
 *     .defaultGroups("user")
 *     .client(OidcClient.kubernetesCli())
 *     .google(GoogleIdentityProvider.of(googleOauth.ref("identity", "clientId"), googleOauth.ref("identity", "clientSecret")))
 *     .build()
 * }</pre>
 */
public final class KeycloakRealmArgs {
    /** Keycloak puts it in every URL of the realm; keep it to what needs no escaping. */
    private static final Pattern REALM_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:/-]{0,254}");
    /** The operator CRD nests subGroups this deep; deeper groups would be pruned by the API server. */
    static final int MAX_GROUP_DEPTH = 8;

    /** Known at build(), or null when {@link #keycloakUrlOutput} comes from another resource. */
    private final String keycloakUrl;
    private final Output<String> keycloakUrlOutput;
    private final String namespace;
    private final String keycloakCr;
    private final String realm;
    private final String displayName;
    private final List<Group> groups;
    private final List<String> defaultGroups;
    private final List<OidcClient> clients;
    private final Optional<GoogleIdentityProvider> google;
    private final RealmImportApi api;
    private final RealmTarget target;

    private KeycloakRealmArgs(Builder b) {
        this.keycloakUrl = b.keycloakUrl == null ? null : checkedUrl(b.keycloakUrl);
        this.keycloakUrlOutput = b.keycloakUrlOutput;
        this.namespace = b.namespace;
        this.keycloakCr = b.keycloakCr;
        this.realm = b.realm;
        this.displayName = b.displayName != null ? b.displayName : b.realm;
        this.groups = List.copyOf(b.groups);
        this.defaultGroups = List.copyOf(b.defaultGroups);
        this.clients = List.copyOf(b.clients);
        this.google = Optional.ofNullable(b.google);
        this.api = b.api;
        this.target = b.target;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Public base URL of Keycloak (what browsers and the API server reach), without {@code /realms}; empty when it
     * is an {@code Output} of another resource.
     */
    public Optional<String> keycloakUrl() { return Optional.ofNullable(keycloakUrl); }
    public String namespace() { return namespace; }
    /** The {@code Keycloak} CR (same namespace) the operator imports the realm into. */
    public String keycloakCr() { return keycloakCr; }
    public String realm() { return realm; }
    public String displayName() { return displayName; }
    public List<Group> groups() { return groups; }
    public List<String> defaultGroups() { return defaultGroups; }
    public List<OidcClient> clients() { return clients; }
    public Optional<GoogleIdentityProvider> google() { return google; }
    public RealmImportApi api() { return api; }
    /** Where the realm goes: the operator's one-time import (the default) or resources Pulumi manages. */
    public RealmTarget target() { return target; }

    /** Keycloak's base URL, also when it is another resource's {@code Output} (checked when its value arrives). */
    Output<String> keycloakUrlOutput() {
        return keycloakUrl != null ? Output.of(keycloakUrl) : keycloakUrlOutput.applyValue(KeycloakRealmArgs::checkedUrl);
    }

    /** {@code <keycloakUrl>/realms/<realm>}: the {@code iss} of every token, and the API server's issuer URL. */
    public String issuerUrl() {
        return known().keycloakUrl + "/realms/" + realm;
    }

    /** The same, also when the URL is another resource's {@code Output} (checked when its value arrives). */
    public Output<String> issuerUrlOutput() {
        return keycloakUrl != null ? Output.of(issuerUrl())
                : keycloakUrlOutput.applyValue(url -> checkedUrl(url) + "/realms/" + realm);
    }

    /** {@link #contract(String)}, also when the URL is another resource's {@code Output}. */
    public Output<IdpContract> contractOutput(String clientId) {
        var client = client(clientId);
        return keycloakUrl != null ? Output.of(contract(clientId))
                : issuerUrlOutput().applyValue(issuer -> contract(issuer, client));
    }

    private KeycloakRealmArgs known() {
        if (keycloakUrl == null) {
            throw new IllegalStateException("keycloakUrl is an Output of another resource, so the issuer is known only "
                    + "when it resolves: use issuerUrlOutput()/contractOutput(...) (KeycloakRealm.idp())");
        }
        return this;
    }

    /**
     * What the realm promises {@link OidcRbac} through the CLI client {@code clientId}: issuer, that client's
     * redirects and scopes, the groups, and which of them are catch-alls. A value: pass it on, or export it
     * ({@link IdpContract#toOutput()}) for other stacks.
     */
    public IdpContract contract(String clientId) {
        return contract(issuerUrl(), client(clientId));
    }

    private OidcClient client(String clientId) {
        return clients.stream().filter(c -> c.clientId().equals(clientId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("realm '" + realm + "' has no client '" + clientId
                        + "' (it has " + clientIds() + "); add client(OidcClient.kubernetesCli(\"" + clientId + "\")) to it"));
    }

    private IdpContract contract(String issuer, OidcClient client) {
        // Google sign-in without a hosted domain: Keycloak's first-broker-login flow creates the account, whatever
        // registrationAllowed says, so every Google user lands in the default groups.
        var openSignUp = google.map(g -> g.hostedDomain().isEmpty()).orElse(false);
        return new IdpContract(issuer, realm, client.clientId(), client.redirectUris(), client.scopes(),
                RealmRepresentation.GROUPS_CLAIM, groupNames(), defaultGroups, openSignUp, clientIds());
    }

    List<String> clientIds() {
        return clients.stream().map(OidcClient::clientId).toList();
    }

    /** Every group name, at any depth, in declaration order: what the groups claim can carry. */
    public List<String> groupNames() {
        var names = new ArrayList<String>();
        collect(groups, names);
        return names;
    }

    private static void collect(List<Group> groups, List<String> into) {
        for (var g : groups) {
            into.add(g.name());
            collect(g.subGroups(), into);
        }
    }

    /** Keycloak's base URL, checked, without a trailing slash. */
    static String checkedUrl(String keycloakUrl) {
        if (keycloakUrl == null || keycloakUrl.isBlank()) {
            throw new IllegalArgumentException("keycloakUrl is not set; give Keycloak's public https URL, e.g. https://sso.example.com");
        }
        URI uri;
        try {
            uri = new URI(keycloakUrl);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("keycloakUrl: '" + keycloakUrl + "' is not a URL; e.g. https://sso.example.com");
        }
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("keycloakUrl: '" + keycloakUrl + "' is not an https URL: the Kubernetes API server "
                    + "accepts only an https OIDC issuer (seed 000); serve Keycloak over https, e.g. https://sso.example.com");
        }
        if (uri.getQuery() != null || uri.getFragment() != null || (uri.getPath() != null && uri.getPath().contains("/realms"))) {
            throw new IllegalArgumentException("keycloakUrl: '" + keycloakUrl + "' should be Keycloak's base URL only, without "
                    + "/realms/..., query or fragment; the issuer is derived as <keycloakUrl>/realms/<realm>");
        }
        return keycloakUrl.endsWith("/") ? keycloakUrl.substring(0, keycloakUrl.length() - 1) : keycloakUrl;
    }

    public static final class Builder {
        private String keycloakUrl;
        private Output<String> keycloakUrlOutput;
        private String namespace;
        private String keycloakCr = "keycloak";
        private String realm;
        private String displayName;
        private final List<Group> groups = new ArrayList<>();
        private final List<String> defaultGroups = new ArrayList<>();
        private final List<OidcClient> clients = new ArrayList<>();
        private GoogleIdentityProvider google;
        private RealmImportApi api = RealmImportApi.V2ALPHA1;
        private RealmTarget target = RealmTarget.operatorImport();

        private Builder() {
        }

        /** e.g. {@code https://sso.example.com}; the issuer becomes {@code <url>/realms/<realm>}. */
        public Builder keycloakUrl(String url) { this.keycloakUrl = url; this.keycloakUrlOutput = null; return this; }

        /**
         * Keycloak's URL from another resource (its Ingress, another stack): checked like the plain one when the value
         * arrives, failing the run with the same message.
         */
        public Builder keycloakUrl(Output<String> url) { this.keycloakUrlOutput = url; this.keycloakUrl = null; return this; }

        /** Namespace of the Keycloak instance (and of the Secrets the import reads). */
        public Builder namespace(String namespace) { this.namespace = namespace; return this; }

        /** Name of the {@code Keycloak} CR; default {@code keycloak}. */
        public Builder keycloakCr(String name) { this.keycloakCr = name; return this; }

        public Builder realm(String realm) { this.realm = realm; return this; }

        public Builder displayName(String displayName) { this.displayName = displayName; return this; }

        public Builder groups(Group... groups) { this.groups.addAll(List.of(groups)); return this; }

        /** Groups of plain names, e.g. {@code groups("admin", "developer", "user")}. */
        public Builder groups(String... names) {
            for (var n : names) {
                groups.add(Group.of(n));
            }
            return this;
        }

        /** Groups every new user joins (Keycloak's default groups): a catch-all, never to be bound to cluster-admin. */
        public Builder defaultGroups(String... names) { this.defaultGroups.addAll(List.of(names)); return this; }

        public Builder client(OidcClient client) { this.clients.add(client); return this; }

        public Builder google(GoogleIdentityProvider google) { this.google = google; return this; }

        /** The operator API version to emit; default {@link RealmImportApi#V2ALPHA1}, which every 2x operator serves. */
        public Builder api(RealmImportApi api) { this.api = api; return this; }

        /**
         * {@link RealmTarget#operatorImport()} (the default) or {@link RealmTarget#managed}: what {@code pulumi up} does
         * with a change to the realm depends on it (the operator never applies one).
         */
        public Builder target(RealmTarget target) { this.target = target; return this; }

        public KeycloakRealmArgs build() {
            if (keycloakUrlOutput == null) {
                checkedUrl(keycloakUrl);
            }
            KubernetesNames.label("namespace", namespace);
            KubernetesNames.subdomain("keycloakCr", keycloakCr);
            if (realm == null || !REALM_NAME.matcher(realm).matches()) {
                throw new IllegalArgumentException("realm: '" + realm + "' is not a usable realm name (letters, digits, '.', '_', '-', "
                        + "at most 100, starting with a letter or digit: it appears in every URL of the realm); e.g. 'homelab'");
            }
            if (realm.equals("master")) {
                throw new IllegalArgumentException("realm: 'master' is Keycloak's administration realm; give the platform its own realm, e.g. 'platform'");
            }
            if (displayName != null && displayName.isBlank()) {
                throw new IllegalArgumentException("displayName is blank; leave it unset to show the realm name");
            }
            checkGroups();
            checkClients();
            if (google != null) {
                checkSecret("google.clientId", google.clientId());
                checkSecret("google.clientSecret", google.clientSecret());
                google.hostedDomain().ifPresent(d -> {
                    if (!d.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")) {
                        throw new IllegalArgumentException("google.hostedDomain: '" + d + "' is not a domain; e.g. 'example.com'");
                    }
                });
            }
            if (api == null) {
                throw new IllegalArgumentException("api is null; use RealmImportApi.V2ALPHA1");
            }
            if (target == null) {
                throw new IllegalArgumentException("target is null; use RealmTarget.operatorImport() or RealmTarget.managed(...)");
            }
            var args = new KeycloakRealmArgs(this);
            if (target instanceof RealmTarget.Managed managed) {
                managed.check(args);
            }
            return args;
        }

        private void checkGroups() {
            var seen = new LinkedHashSet<String>();
            checkGroups(groups, "groups", 1, seen);
            for (var d : defaultGroups) {
                if (!seen.contains(d)) {
                    throw new IllegalArgumentException("defaultGroups: '" + d + "' is not a group of the realm (it has " + seen
                            + "); add it with groups(...)");
                }
            }
        }

        private static void checkGroups(List<Group> list, String where, int depth, Set<String> seen) {
            for (var g : list) {
                if (g == null || g.name() == null || g.name().isBlank() || !g.name().strip().equals(g.name()) || g.name().contains("/")) {
                    throw new IllegalArgumentException(where + ": group name '" + (g == null ? null : g.name())
                            + "' is not usable; give a non-blank name without '/' or surrounding spaces, e.g. 'admin'");
                }
                if (!seen.add(g.name())) {
                    throw new IllegalArgumentException(where + ": group '" + g.name() + "' is defined twice; tokens carry plain group "
                            + "names (no path), so two groups of one name would be indistinguishable to RBAC: rename one");
                }
                if (depth > MAX_GROUP_DEPTH) {
                    throw new IllegalArgumentException(where + "." + g.name() + ": groups nest at most " + MAX_GROUP_DEPTH
                            + " deep (the operator's CRD would drop deeper ones); flatten the hierarchy");
                }
                checkGroups(g.subGroups(), where + "." + g.name(), depth + 1, seen);
            }
        }

        private void checkClients() {
            if (clients.isEmpty()) {
                throw new dev.citadel.value.Refused("no clients: add at least one, e.g. client(OidcClient.kubernetesCli())",
                        "clients is missing: add at least one, e.g. clients: [{kubernetesCli: kubernetes}]");
            }
            var ids = new LinkedHashSet<String>();
            var placeholders = new java.util.HashMap<String, String>();
            for (var c : clients) {
                if (c == null || c.clientId() == null || !CLIENT_ID.matcher(c.clientId()).matches()) {
                    throw new IllegalArgumentException("client id '" + (c == null ? null : c.clientId()) + "' is not usable; "
                            + "letters, digits, '.', '_', ':', '/', '-', e.g. 'kubernetes'");
                }
                var where = "client '" + c.clientId() + "'";
                if (!ids.add(c.clientId())) {
                    throw new IllegalArgumentException(where + " is defined twice; client ids are unique in a realm");
                }
                if (c.redirectUris().isEmpty()) {
                    throw new dev.citadel.value.Refused(where + " has no redirect URIs; add withRedirectUris(\"https://app.example.com/callback\")",
                            where + " has no redirect URIs; add redirectUris: [https://app.example.com/callback]");
                }
                for (var uri : c.redirectUris()) {
                    checkRedirect(where, uri);
                }
                for (var scope : c.scopes()) {
                    if (!ClientScopes.KNOWN.contains(scope)) {
                        throw new IllegalArgumentException(where + ": scope '" + scope + "' is not defined in the realm; use one of "
                                + new java.util.TreeSet<>(ClientScopes.KNOWN));
                    }
                }
                if (c.access() instanceof ClientAccess.Confidential) {
                    var conf = (ClientAccess.Confidential) c.access();
                    checkSecret(where, conf.clientSecret());
                    var other = placeholders.put(secretPlaceholder(c.clientId()), c.clientId());
                    if (other != null) {
                        throw new IllegalArgumentException(where + " and client '" + other + "' differ only in punctuation; their "
                                + "secrets would share the placeholder " + secretPlaceholder(c.clientId()) + ": rename one");
                    }
                }
            }
        }

        private static void checkRedirect(String where, String uri) {
            var schemeEnd = uri == null ? -1 : uri.indexOf("://");
            if (schemeEnd <= 0 || uri.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException(where + ": redirect URI '" + uri + "' is not an absolute URI; e.g. https://app.example.com/callback");
            }
            var scheme = uri.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
            var rest = uri.substring(schemeEnd + 3);
            var authority = rest.indexOf('/') < 0 ? rest : rest.substring(0, rest.indexOf('/'));
            if (authority.isEmpty() || authority.contains("*")) {
                throw new IllegalArgumentException(where + ": redirect URI '" + uri + "' must name its host exactly (a wildcard host "
                        + "lets any site receive your users' authorization codes); e.g. https://app.example.com/*");
            }
            var host = authority.contains(":") ? authority.substring(0, authority.lastIndexOf(':')) : authority;
            var local = host.equals("localhost") || host.equals("127.0.0.1");
            if (!scheme.equals("https") && !(scheme.equals("http") && local)) {
                throw new IllegalArgumentException(where + ": redirect URI '" + uri + "' is not https; only a local listener "
                        + "(http://localhost:<port>/..., as kubelogin uses) may be plain http");
            }
        }

        private void checkSecret(String where, SecretRef secret) {
            if (secret == null) {
                throw new IllegalArgumentException(where + ": the secret is null; pass the Secret key holding the credential, "
                        + "e.g. vaultBackedSecret.ref(\"" + namespace + "\", \"clientSecret\")");
            }
            if (!secret.namespace().equals(namespace)) {
                throw new IllegalArgumentException(where + ": " + secret + " is not in the realm's namespace '" + namespace
                        + "', so the operator cannot read it; sync it there (syncTo(\"" + namespace + "\") on its VaultBackedSecret) "
                        + "and reference that copy");
            }
        }
    }

    /** The operator placeholder a confidential client's secret is read through: {@code CLIENT_<ID>_SECRET}. */
    static String secretPlaceholder(String clientId) {
        return "CLIENT_" + clientId.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_SECRET";
    }
}
